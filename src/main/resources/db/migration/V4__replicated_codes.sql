-- The téléservices side of the codes: what an activation needs (the keyed hash, never the value),
-- only valid codes, one day old like the rest (R2: a code created on day D is usable from D+1).
create table ts_guardian_code (
  id              bigint       not null primary key,
  uai             char(8)      not null,
  link_id         bigint       not null,
  lookup_hash     char(64)     not null,
  valid_from      date         not null,
  continuity_on   date,
  constraint uk_ts_guardian_code_hash unique (lookup_hash)
);
create index ix_ts_guardian_code_uai on ts_guardian_code (uai);

create table ts_student_code (
  id              bigint       not null primary key,
  uai             char(8)      not null,
  student_id      bigint       not null,
  lookup_hash     char(64)     not null,
  valid_from      date         not null,
  continuity_on   date,
  constraint uk_ts_student_code_hash unique (lookup_hash)
);
create index ix_ts_student_code_uai on ts_student_code (uai);

-- the coupon "pour l'élève": no national téléservices for this student (the CAE stays valid)
alter table ts_student add column national_services_refused boolean not null default false;

alter table replication_run add column codes int not null default 0;
