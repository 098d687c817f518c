-- Activation codes (§1.2, §4, §5): CAR of a couple élève / responsable, CAE of a student.
-- A code value is never stored in clear: lookup by a keyed hash (HMAC), the value itself encrypted
-- (AES-GCM) so that the head can print it again. hint = its last two characters, for the masked view.

-- One mass generation, an individual "Nouveau code", or the CAEs of one SIECLE import: the codes are
-- written first, their lifecycle processes started afterwards, in the background, by chunks.
create table code_generation (
  id                  varchar(36)  not null primary key,
  uai                 char(8)      not null,
  kind                varchar(3)   not null,
  requested_by        varchar(64),
  requested_at        timestamp    not null,
  codes               int          not null default 0,
  lifecycles_started  int          not null default 0,
  lifecycles_done_at  timestamp    null,
  constraint fk_generation_establishment foreign key (uai) references establishment (uai)
);

create table guardian_code (
  id                  bigint       not null auto_increment primary key,
  uai                 char(8)      not null,
  link_id             bigint       not null,
  generation_id       varchar(36),
  lookup_hash         char(64)     not null,
  encrypted_value     varchar(200) not null,
  hint                char(2)      not null,
  created_at          timestamp    not null,
  valid_from          date         not null,
  -- equals link_id while the code is valid: the database itself allows one valid CAR per couple
  valid_link_id       bigint       null,
  invalidated_at      timestamp    null,
  invalidation_reason varchar(200),
  notified_on         date,
  continuity_on       date,
  used_at             timestamp    null,
  lifecycle_started   boolean      not null default false,
  constraint uk_guardian_code_hash unique (lookup_hash),
  constraint uk_guardian_code_valid unique (valid_link_id),
  constraint fk_guardian_code_link foreign key (link_id) references guardian_link (id)
);
create index ix_guardian_code_link on guardian_code (link_id, created_at);
create index ix_guardian_code_uai on guardian_code (uai, valid_link_id);
create index ix_guardian_code_generation on guardian_code (generation_id, lifecycle_started);

create table student_code (
  id                  bigint       not null auto_increment primary key,
  uai                 char(8)      not null,
  student_id          bigint       not null,
  generation_id       varchar(36),
  lookup_hash         char(64)     not null,
  encrypted_value     varchar(200) not null,
  hint                char(2)      not null,
  created_at          timestamp    not null,
  valid_from          date         not null,
  -- equals student_id while valid: one valid CAE per student
  valid_student_id    bigint       null,
  invalidated_at      timestamp    null,
  invalidation_reason varchar(200),
  notified_on         date,
  continuity_on       date,
  used_at             timestamp    null,
  lifecycle_started   boolean      not null default false,
  constraint uk_student_code_hash unique (lookup_hash),
  constraint uk_student_code_valid unique (valid_student_id),
  constraint fk_student_code_student foreign key (student_id) references student (id)
);
create index ix_student_code_student on student_code (student_id, created_at);
create index ix_student_code_uai on student_code (uai, valid_student_id);
create index ix_student_code_generation on student_code (generation_id, lifecycle_started);

-- Refusal coupons (§1.2, §4.3): GUARDIAN = "pour moi-même" (the couple gets no code),
-- STUDENT = "pour l'élève" (no national téléservices for the student; the CAE stays valid).
create table access_refusal (
  id                  bigint       not null auto_increment primary key,
  uai                 char(8)      not null,
  kind                varchar(10)  not null,
  link_id             bigint,
  student_id          bigint       not null,
  recorded_at         timestamp    not null,
  recorded_by         varchar(64),
  withdrawn_at        timestamp    null,
  withdrawn_by        varchar(64),
  -- 'G<linkId>' or 'S<studentId>' while in force: one active refusal of each kind
  active_key          varchar(30)  null,
  constraint uk_refusal_active unique (active_key)
);
create index ix_refusal_link on access_refusal (link_id);
create index ix_refusal_student on access_refusal (student_id);

-- Every time a head displayed a code value.
create table code_reveal (
  id                  bigint       not null auto_increment primary key,
  uai                 char(8)      not null,
  kind                varchar(3)   not null,
  code_id             bigint       not null,
  revealed_at         timestamp    not null,
  revealed_by         varchar(64)
);
create index ix_code_reveal_code on code_reveal (kind, code_id);
