-- Téléinscription (guide §7; I1–I3): online enrolment into seconde générale et technologique.
-- The same script runs on H2 (MODE=MariaDB) and MariaDB.

-- ------------------------------------------------------------------ the lycée's profile (written by the Nomenclature import)
-- DONNEES/MATIERES/MATIERE of Nomenclature.xml.
create table subject (
  uai             char(8)      not null,
  code            varchar(10)  not null,          -- CODE_MATIERE (6 digits)
  management_code varchar(20),                    -- CODE_GESTION, e.g. SES, LATIN
  label           varchar(200) not null,          -- LIBELLE_LONG
  edition_label   varchar(200),                   -- LIBELLE_EDITION (mixed case, accents)
  primary key (uai, code),
  constraint fk_subject_establishment foreign key (uai) references establishment (uai)
);

-- DONNEES/PROGRAMMES/PROGRAMME (a subject of a MEF with its CODE_MODALITE_ELECT: S tronc commun, O option
-- obligatoire, F option facultative, …), with the RANG_OPTION of DONNEES/OPTIONS_OBLIGATOIRES/OPTION_OBLIGATOIRE.
create table mef_programme (
  uai             char(8)      not null,
  mef_code        varchar(11)  not null,
  subject_code    varchar(10)  not null,
  modality        varchar(2)   not null,
  option_rank     int,
  primary key (uai, mef_code, subject_code, modality),
  constraint fk_mef_programme_establishment foreign key (uai) references establishment (uai)
);

-- ------------------------------------------------------------------ the académie's settings
-- I1: the day the assignment results are published, for one school year of the académie.
create table enrolment_window (
  academy_code    varchar(20)  not null,
  start_year      int          not null,
  results_published_on date    not null,
  updated_at      timestamp    not null,
  updated_by      varchar(64),
  -- no foreign key to school_year: the rollover replaces a year's row (delete, insert) when it starts it
  primary key (academy_code, start_year),
  constraint fk_enrolment_window_academy foreign key (academy_code) references academy (code)
);

-- The establishments taking part (lycées expérimentateurs, collèges d'origine expérimentateurs).
create table enrolment_participant (
  uai             char(8)      not null primary key,
  since           timestamp    not null,
  set_by          varchar(64),
  constraint fk_enrolment_participant_establishment foreign key (uai) references establishment (uai)
);

-- ------------------------------------------------------------------ the assignment results and the enrolments
-- One line of the assignment results: a student of a collège assigned to a lycée, in a MEF of seconde, for the school
-- year starting in start_year + 1 (the results come down at the end of school year start_year). Its state is the
-- online enrolment's: NOT_STARTED, IN_PROGRESS (teleinscription.bpmn running), COMPLETED.
create table enrolment_assignment (
  id              bigint       not null auto_increment primary key,
  start_year      int          not null,
  college_uai     char(8)      not null,
  eleve_id        varchar(20)  not null,
  student_id      bigint       not null,
  lycee_uai       char(8)      not null,
  mef_code        varchar(11)  not null,
  state           varchar(12)  not null default 'NOT_STARTED',
  imported_at     timestamp    not null,
  started_at      timestamp    null,
  completed_at    timestamp    null,
  account_id      bigint,                         -- the portal account that started it
  process_instance_id varchar(64),
  constraint uk_enrolment_assignment unique (start_year, college_uai, eleve_id),
  constraint fk_enrolment_assignment_college foreign key (college_uai) references establishment (uai),
  constraint fk_enrolment_assignment_lycee foreign key (lycee_uai) references establishment (uai),
  constraint fk_enrolment_assignment_student foreign key (student_id) references student (id)
);
create index ix_enrolment_assignment_college on enrolment_assignment (college_uai, start_year, state);
create index ix_enrolment_assignment_lycee on enrolment_assignment (lycee_uai, start_year, state);
create index ix_enrolment_assignment_student on enrolment_assignment (student_id);

-- The options chosen in a completed enrolment (labels copied: a later Nomenclature import changes nothing here).
create table enrolment_choice (
  assignment_id   bigint       not null,
  subject_code    varchar(10)  not null,
  category        varchar(12)  not null,          -- EXPLORATION, SECTION, OPTIONAL
  label           varchar(200) not null,
  primary key (assignment_id, subject_code),
  constraint fk_enrolment_choice_assignment foreign key (assignment_id) references enrolment_assignment (id) on delete cascade
);
