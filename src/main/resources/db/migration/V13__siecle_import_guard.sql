-- SIECLE imports that cannot hurt (issue 14) and one import at a time per establishment (issue 17).

-- The export's DATE_EXPORT and ANNEE_SCOLAIRE of an applied import: an older export is refused afterwards.
alter table siecle_import add column export_date date;
alter table siecle_import add column school_year int;
-- What a Nomenclature / Structures export read and replaced (null: the file was not in the import).
alter table siecle_import add column mefs_created int;
alter table siecle_import add column mefs_updated int;
alter table siecle_import add column divisions_created int;
alter table siecle_import add column divisions_updated int;
alter table siecle_import add column subjects_before int;
alter table siecle_import add column subjects_after int;
alter table siecle_import add column programmes_before int;
alter table siecle_import add column programmes_after int;
alter table siecle_import add column options_before int;
alter table siecle_import add column options_after int;

-- An import that would make too many students leave waits for the head's confirmation (siecle-import.bpmn).
-- Nothing of it is applied meanwhile; its files are kept here until it is confirmed, cancelled or expired.
create table siecle_import_pending (
  id                 varchar(36)  not null primary key,
  uai                char(8)      not null,
  requested_at       timestamp    not null,
  requested_by       varchar(64),
  files              varchar(1000),
  state              varchar(24)  not null,          -- AWAITING_CONFIRMATION, CONFIRMED, CANCELLED, EXPIRED
  -- what it would do (the difference computed before it was held)
  students_created   int          not null,
  students_updated   int          not null,
  students_present   int          not null,
  students_leaving   int          not null,
  guardians_created  int          not null,
  guardians_updated  int          not null,
  guardians_left     int          not null,
  links_created      int          not null,
  links_updated      int          not null,
  links_present      int          not null,
  links_ending       int          not null,
  student_threshold  int          not null,
  link_threshold     int          not null,
  expires_at         timestamp    not null,
  decided_by         varchar(64),
  decided_at         timestamp    null,
  process_instance_id varchar(64),
  constraint fk_pending_establishment foreign key (uai) references establishment (uai)
);
create index ix_siecle_import_pending_uai on siecle_import_pending (uai, state);

create table siecle_import_pending_file (
  import_id          varchar(36)  not null,
  name               varchar(100) not null,
  content            longblob     not null,
  primary key (import_id, name),
  constraint fk_pending_file foreign key (import_id) references siecle_import_pending (id)
);

-- the first departing students shown to the head (by division), not the whole list
create table siecle_import_departure (
  id                 bigint       not null auto_increment primary key,
  import_id          varchar(36)  not null,
  eleve_id           varchar(20)  not null,
  last_name          varchar(100) not null,
  first_name         varchar(100) not null,
  division_code      varchar(40),
  constraint fk_departure_pending foreign key (import_id) references siecle_import_pending (id)
);
create index ix_siecle_import_departure on siecle_import_departure (import_id);

-- What an applied import did to activation codes: CAEs created, CAEs and CARs invalidated, per student.
create table siecle_import_code_effect (
  id                 bigint       not null auto_increment primary key,
  import_id          varchar(36)  not null,
  effect             varchar(20)  not null,          -- CAE_CREATED, CAE_INVALIDATED, CAR_INVALIDATED
  student_id         bigint       not null,
  guardian_id        bigint,
  reason             varchar(200),
  constraint fk_code_effect_import foreign key (import_id) references siecle_import (id)
);
create index ix_siecle_import_code_effect on siecle_import_code_effect (import_id);

-- A DATE_SORTIE after the import: the student stays present until then (siecle-planned-exits.bpmn).
alter table student add column planned_exit_on date;
create index ix_student_planned_exit on student (planned_exit_on);

-- One import at a time per establishment, claimed in a short transaction of its own: a second import is
-- refused at once instead of holding a database connection while it waits for the first.
create table siecle_import_running (
  uai                char(8)      not null primary key,
  owner              varchar(36)  not null,
  since              timestamp    not null
);
