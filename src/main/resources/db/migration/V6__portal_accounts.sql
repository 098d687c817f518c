-- Internet accounts of guardians and students (§1.2, §4.3, G2–G4, C4, C5, E4): created by their holders with
-- an activation code and the student's birth date. The portal side, written by the portal.

create table portal_account (
  id                  bigint       not null auto_increment primary key,
  username            varchar(64)  not null,
  email               varchar(254) not null,
  password_hash       varchar(200) not null,
  holder              varchar(8)   not null,          -- GUARDIAN or STUDENT
  state               varchar(12)  not null,          -- PROVISIONAL (until the confirmation link), CONFIRMED
  created_at          timestamp    not null,
  confirmed_at        timestamp    null,
  last_login_at       timestamp    null,
  constraint uk_portal_account_username unique (username)
);

-- The codes entered into an account: one per child (G3). A code serves one account only; a new code of the
-- same child (G6) replaces the old one in the account.
create table portal_account_code (
  id                  bigint       not null auto_increment primary key,
  account_id          bigint       not null,
  kind                varchar(3)   not null,          -- CAR or CAE
  code_id             bigint       not null,
  uai                 char(8)      not null,
  student_id          bigint       not null,
  attached_at         timestamp    not null,
  constraint uk_portal_account_code unique (kind, code_id),
  constraint fk_portal_account_code_account foreign key (account_id) references portal_account (id) on delete cascade
);
create index ix_portal_account_code_account on portal_account_code (account_id);
create index ix_portal_account_code_student on portal_account_code (uai, student_id);

-- Single-use links of the e-mails (confirmation, password reset): only a hash of the token is kept.
create table portal_token (
  token_hash          char(64)     not null primary key,
  account_id          bigint       not null,
  purpose             varchar(10)  not null,          -- CONFIRM or RESET
  created_at          timestamp    not null,
  expires_at          timestamp    not null,
  used_at             timestamp    null,
  constraint fk_portal_token_account foreign key (account_id) references portal_account (id) on delete cascade
);
create index ix_portal_token_account on portal_token (account_id, purpose);

-- « Contacter l'établissement » (S3): the message written on the portal, sent to the establishment's contact address
-- (the account's e-mail as Reply-To) and, as a copy without that address, to the account.
create table portal_contact_message (
  id                  bigint       not null auto_increment primary key,
  account_id          bigint       not null,
  uai                 char(8)      not null,
  subject             varchar(150) not null,
  body                varchar(4000) not null,
  written_by          varchar(300) not null,          -- the guardians' (or the student's) names, put first in the message
  created_at          timestamp    not null,
  constraint fk_contact_account foreign key (account_id) references portal_account (id) on delete cascade
);
create index ix_contact_uai on portal_contact_message (uai, created_at);
