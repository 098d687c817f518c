-- Notifying codes (§4.2, §4.3, §5.1, §5.2): one job per request (mass or individual), its items
-- frozen at request time, the record of every notification, and the outbox of e-mails.

-- One request to notify: progress and summary of the screen and of GET /api/notification-jobs/{id}.
create table notification_job (
  id                  varchar(36)  not null primary key,
  uai                 char(8)      not null,
  kind                varchar(3)   not null,          -- CAR or CAE
  requested_by        varchar(64),
  requested_at        timestamp    not null,
  email_requested     boolean      not null,
  paper_requested     boolean      not null,
  only_not_notified   boolean      not null,
  division_filter     varchar(40),
  mef_filter          varchar(11),
  state               varchar(10)  not null,          -- RUNNING, DONE, FAILED
  total               int          not null default 0,
  letters_rendered    int          not null default 0,
  pdf_path            varchar(500),
  finished_at         timestamp    null,
  failure             varchar(1000),
  constraint fk_notification_job_establishment foreign key (uai) references establishment (uai)
);
create index ix_notification_job_uai on notification_job (uai, requested_at);

-- One code to notify in a job. decision: null until decided, then EMAIL, PAPER or SKIPPED (with reason).
-- state: PENDING → DECIDED → EMAILED / PRINTED, or SKIPPED / FAILED.
create table notification_item (
  id                  bigint       not null auto_increment primary key,
  job_id              varchar(36)  not null,
  position            int          not null,
  code_id             bigint       not null,
  link_id             bigint,                          -- a CAR's couple
  student_id          bigint       not null,
  decision            varchar(10),
  variant             varchar(12),                     -- NORMAL or CONTINUITY
  reason              varchar(500),
  state               varchar(10)  not null,
  constraint uk_notification_item unique (job_id, code_id),
  constraint fk_notification_item_job foreign key (job_id) references notification_job (id)
);
create index ix_notification_item_job on notification_item (job_id, state, position);

-- Every notification given (who, when, channel, letter variant): the continuity letter is sent once.
create table code_notification (
  id                  bigint       not null auto_increment primary key,
  uai                 char(8)      not null,
  kind                varchar(3)   not null,
  code_id             bigint       not null,
  job_id              varchar(36),
  channel             varchar(5)   not null,          -- EMAIL or PAPER
  variant             varchar(12)  not null,
  notified_at         timestamp    not null,
  notified_by         varchar(64),
  recipient           varchar(254)
);
create index ix_code_notification_code on code_notification (kind, code_id, variant);

-- E-mails to send. Written in the transaction that decides to send them; a job sends them and
-- retries. The message is composed when it is sent, from its template and reference: no code value
-- is ever stored here.
create table mail_outbox (
  id                  bigint       not null auto_increment primary key,
  batch_id            varchar(36),                     -- the notification job, or null
  template            varchar(40)  not null,
  reference           varchar(100) not null,           -- what the template composes the message from
  recipient           varchar(254) not null,
  sender_name         varchar(200),
  state               varchar(10)  not null,           -- PENDING, SENT, FAILED
  attempts            int          not null default 0,
  last_error          varchar(1000),
  created_at          timestamp    not null,
  sent_at             timestamp    null,
  -- set while the message waits: at most one pending e-mail for the same thing
  pending_key         varchar(150) null,
  constraint uk_mail_outbox_pending unique (pending_key)
);
create index ix_mail_outbox_batch on mail_outbox (batch_id, state, id);
create index ix_mail_outbox_state on mail_outbox (state, id);
