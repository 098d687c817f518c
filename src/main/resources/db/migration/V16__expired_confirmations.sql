-- The account funnel (statistics, « Parcours des comptes »): a provisional account deleted after 7 days without
-- confirmation (C5) leaves no trace otherwise, so a school could not tell « never tried » from « tried and lost the
-- confirmation e-mail ». One row per code that was in such an account, written in the deletion's transaction.
create table expired_confirmation (
  id                  bigint       not null auto_increment primary key,
  account_id          bigint       not null,          -- the deleted account's id (no foreign key: it is gone)
  kind                varchar(3)   not null,          -- CAR or CAE
  code_id             bigint       not null,
  uai                 char(8)      not null,
  student_id          bigint       not null,
  account_created_at  timestamp    not null,
  expired_at          timestamp    not null
);
create index ix_expired_confirmation_code on expired_confirmation (kind, code_id);
create index ix_expired_confirmation_uai on expired_confirmation (uai, expired_at);
