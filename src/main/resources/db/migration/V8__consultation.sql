-- Consultation of grades, absences and LPC validations by guardians and students (G1, S5, S6, R1, D1),
-- and the log of these consultations for the access statistics (T3, guide §6.3).

-- ------------------------------------------------------------------ administrative side
-- What SIECLE Notes, SIECLE Absences and the LPC module hold for each establishment (teachers and the
-- vie scolaire enter it there). Student ids are those of the student table (and of ts_student).

-- An assessment (contrôle) a teacher entered in SIECLE Notes for a division or a group.
create table assessment (
  id              bigint       not null auto_increment primary key,
  uai             char(8)      not null,
  structure_code  varchar(40)  not null,          -- the division or group (CODE_STRUCTURE) it was set to
  subject         varchar(100) not null,          -- the matière, e.g. Mathématiques
  title           varchar(200) not null,
  held_on         date         not null,          -- the day it took place
  published_on    date         not null,          -- the publication date the teacher set (S5)
  scale           int          not null default 20,        -- « noté sur »
  coefficient     decimal(4,2) not null default 1,
  constraint fk_assessment_establishment foreign key (uai) references establishment (uai)
);
create index ix_assessment_uai on assessment (uai, held_on);

-- One student's result of an assessment: a grade, or a mark instead of it.
create table assessment_grade (
  assessment_id   bigint       not null,
  student_id      bigint       not null,
  uai             char(8)      not null,
  grade           decimal(5,2),                   -- null when a mark stands instead
  mark            varchar(12),                    -- ABSENT, EXCUSED (dispensé), NOT_GRADED (non noté)
  primary key (assessment_id, student_id),
  constraint fk_assessment_grade_assessment foreign key (assessment_id) references assessment (id) on delete cascade,
  constraint fk_assessment_grade_student foreign key (student_id) references student (id)
);
create index ix_assessment_grade_uai on assessment_grade (uai);
create index ix_assessment_grade_student on assessment_grade (student_id);

-- A half-day of absence recorded by the vie scolaire in SIECLE Absences.
create table absence (
  id              bigint       not null auto_increment primary key,
  uai             char(8)      not null,
  student_id      bigint       not null,
  absent_on       date         not null,
  half_day        varchar(10)  not null,          -- MORNING or AFTERNOON
  hours           int          not null,          -- class hours missed in that half-day
  justified       boolean      not null,
  reason          varchar(200),                   -- the motif given by the family, if any
  constraint uk_absence unique (student_id, absent_on, half_day),
  constraint fk_absence_student foreign key (student_id) references student (id)
);
create index ix_absence_uai on absence (uai, absent_on);

-- A validation in the student's Livret Personnel de Compétences: a whole competence (item null) or one item of it.
create table lpc_validation (
  id              bigint       not null auto_increment primary key,
  uai             char(8)      not null,
  student_id      bigint       not null,
  competence      varchar(200) not null,          -- e.g. Compétence 1 — La maîtrise de la langue française
  item            varchar(300),                   -- the item validated; null for the competence as a whole
  validated_on    date         not null,          -- the day it was entered (the delay of S6 counts from it)
  constraint fk_lpc_validation_student foreign key (student_id) references student (id)
);
create index ix_lpc_validation_uai on lpc_validation (uai);
create index ix_lpc_validation_student on lpc_validation (student_id);

-- ------------------------------------------------------------------ téléservices side
-- Copies made by the nightly replication (written only by it, read only by the portal): grades and
-- absences of the current school year, LPC validations of every year (the booklet spans the cycle), of
-- the students present. They are copied whether or not their service is open: the rule
-- publication-visibility decides at read time (service open, publication mode, due date, LPC delay).

create table ts_assessment (
  id              bigint       not null primary key,
  uai             char(8)      not null,
  structure_code  varchar(40)  not null,
  subject         varchar(100) not null,
  title           varchar(200) not null,
  held_on         date         not null,
  published_on    date         not null,
  scale           int          not null,
  coefficient     decimal(4,2) not null
);
create index ix_ts_assessment_uai on ts_assessment (uai);

create table ts_assessment_grade (
  assessment_id   bigint       not null,
  student_id      bigint       not null,
  uai             char(8)      not null,
  grade           decimal(5,2),
  mark            varchar(12),
  primary key (assessment_id, student_id)
);
create index ix_ts_assessment_grade_uai on ts_assessment_grade (uai);
create index ix_ts_assessment_grade_student on ts_assessment_grade (student_id);

create table ts_absence (
  id              bigint       not null primary key,
  uai             char(8)      not null,
  student_id      bigint       not null,
  absent_on       date         not null,
  half_day        varchar(10)  not null,
  hours           int          not null,
  justified       boolean      not null,
  reason          varchar(200)
);
create index ix_ts_absence_uai on ts_absence (uai);
create index ix_ts_absence_student on ts_absence (student_id, absent_on);

create table ts_lpc_validation (
  id              bigint       not null primary key,
  uai             char(8)      not null,
  student_id      bigint       not null,
  competence      varchar(200) not null,
  item            varchar(300),
  validated_on    date         not null
);
create index ix_ts_lpc_validation_uai on ts_lpc_validation (uai);
create index ix_ts_lpc_validation_student on ts_lpc_validation (student_id);

-- ------------------------------------------------------------------ access statistics (T3)
-- One row per page of a téléservice a guardian or a student viewed (written by the portal, never
-- replicated): by month, by category (service) and by MEFSTAT (§6.3).
create table consultation_log (
  id              bigint       not null auto_increment primary key,
  consulted_at    timestamp    not null,
  uai             char(8)      not null,
  mefstat         varchar(11),                    -- of the student consulted, as replicated that day
  service         varchar(40)  not null,          -- NOTES, ABSENCES, LPC (later FICHE_RENSEIGNEMENTS)
  holder          varchar(8)   not null,          -- GUARDIAN or STUDENT: who consulted
  account_id      bigint       not null,
  student_id      bigint       not null           -- the student whose data was shown
);
create index ix_consultation_log_month on consultation_log (uai, consulted_at);
create index ix_consultation_log_service on consultation_log (uai, service, consulted_at);
create index ix_consultation_log_mefstat on consultation_log (uai, mefstat, consulted_at);
