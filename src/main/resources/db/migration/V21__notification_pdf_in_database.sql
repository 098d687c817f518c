-- A notification's PDF is read by whichever node serves the download (issue 18): it lives in the database, in
-- parts of at most 1 MB (a 2,000-letter PDF exceeds MariaDB's 16 MB max_allowed_packet in one row), written as
-- FOP streams and read back part by part. It prints codes in clear: kept 7 days, then deleted.
create table notification_pdf (
  id                    varchar(36)  not null primary key,
  job_id                varchar(36)  not null,
  written_at            timestamp    not null,
  size_bytes            bigint       not null default 0
);
-- no foreign key to notification_job: its check would share-lock the job's row for the whole PDF step, and the
-- step's progress (its own transaction) and a second execution beside it would then wait on that lock
create index ix_notification_pdf_job on notification_pdf (job_id);
create index ix_notification_pdf_written on notification_pdf (written_at);

create table notification_pdf_part (
  pdf_id                varchar(36)  not null,
  part_no               int          not null,
  bytes                 mediumblob   not null,
  constraint pk_notification_pdf_part primary key (pdf_id, part_no),
  constraint fk_notification_pdf_part foreign key (pdf_id) references notification_pdf (id) on delete cascade
);

-- The job names its finished PDF; the file path of the single-node era goes (files left in
-- ./data/notifications by an older version are deleted by hand, see the README).
alter table notification_job add column pdf_id varchar(36) null;
alter table notification_job drop column pdf_path;
