-- Administrative side (§1.5): the académie, its establishments and what SIECLE tells us
-- about their students and guardians. The same script runs on H2 (MODE=MariaDB) and MariaDB.

create table academy (
  code            varchar(20)  not null primary key,
  name            varchar(200) not null
);

create table school_year (
  academy_code    varchar(20) not null,
  start_year      int         not null,
  starts_on       date        not null,
  ends_on         date        not null,
  current_year    boolean     not null default false,
  primary key (academy_code, start_year),
  constraint fk_school_year_academy foreign key (academy_code) references academy (code)
);

create table establishment (
  uai             char(8)      not null primary key,
  academy_code    varchar(20)  not null,
  name            varchar(200) not null,
  kind            varchar(20)  not null,
  address_line1   varchar(200),
  address_line2   varchar(200),
  postal_code     varchar(10),
  city            varchar(100),
  head_name       varchar(200),
  created_at      timestamp    not null default current_timestamp,
  constraint fk_establishment_academy foreign key (academy_code) references academy (code)
);

-- The e-mail addresses the establishment declared (the contact link offers one of them).
create table establishment_email (
  uai             char(8)      not null,
  position        int          not null,
  email           varchar(254) not null,
  primary key (uai, position),
  constraint fk_email_establishment foreign key (uai) references establishment (uai)
);

-- SIECLE modules in use (a service needs its module: Notes needs NOTES, …).
create table establishment_siecle_module (
  uai             char(8)     not null,
  module          varchar(30) not null,
  primary key (uai, module),
  constraint fk_module_establishment foreign key (uai) references establishment (uai)
);

create table mef (
  uai             char(8)      not null,
  code            varchar(11)  not null,
  label           varchar(200) not null,
  edition_label   varchar(200),
  mefstat         varchar(11),
  primary key (uai, code),
  constraint fk_mef_establishment foreign key (uai) references establishment (uai)
);

create table division (
  uai             char(8)      not null,
  code            varchar(40)  not null,
  label           varchar(200),
  mef_code        varchar(11),
  primary key (uai, code),
  constraint fk_division_establishment foreign key (uai) references establishment (uai)
);

create table student (
  id              bigint       not null auto_increment primary key,
  uai             char(8)      not null,
  eleve_id        varchar(20)  not null,
  elenoet         varchar(20),
  ine             varchar(11),
  last_name       varchar(100) not null,
  usage_name      varchar(100),
  first_name      varchar(100) not null,
  first_name2     varchar(100),
  birth_date      date         not null,
  sex             char(1),
  mef_code        varchar(11),
  division_code   varchar(40),
  entry_date      date,
  left_on         date,
  previous_uai    char(8),
  constraint uk_student_eleve_id unique (uai, eleve_id),
  constraint fk_student_establishment foreign key (uai) references establishment (uai)
);
create index ix_student_division on student (uai, division_code, last_name);
create index ix_student_mef on student (uai, mef_code);

create table guardian (
  id              bigint       not null auto_increment primary key,
  uai             char(8)      not null,
  personne_id     varchar(20)  not null,
  civility        varchar(10),
  last_name       varchar(100) not null,
  first_name      varchar(100),
  email           varchar(254),
  mobile_phone    varchar(30),
  address_line1   varchar(100),
  address_line2   varchar(100),
  address_line3   varchar(100),
  address_line4   varchar(100),
  postal_code     varchar(10),
  city            varchar(100),
  country         varchar(100),
  -- set when the guardian no longer appears in the establishment's export
  left_on         date,
  constraint uk_guardian_personne_id unique (uai, personne_id),
  constraint fk_guardian_establishment foreign key (uai) references establishment (uai)
);

-- The couple élève / responsable: CARs (later) belong to it, so a link is ended, never deleted.
create table guardian_link (
  id              bigint       not null auto_increment primary key,
  uai             char(8)      not null,
  student_id      bigint       not null,
  guardian_id     bigint       not null,
  legal_rank      int,
  relationship    varchar(10),
  ended_on        date,
  constraint uk_guardian_link unique (student_id, guardian_id),
  constraint fk_link_student foreign key (student_id) references student (id),
  constraint fk_link_guardian foreign key (guardian_id) references guardian (id)
);
create index ix_guardian_link_uai on guardian_link (uai);

-- Every SIECLE import that was applied, with its report.
create table siecle_import (
  id                 varchar(36)  not null primary key,
  uai                char(8)      not null,
  imported_at        timestamp    not null,
  imported_by        varchar(64),
  files              varchar(1000),
  students_created   int not null default 0,
  students_updated   int not null default 0,
  students_left      int not null default 0,
  guardians_created  int not null default 0,
  guardians_updated  int not null default 0,
  guardians_left     int not null default 0,
  links_created      int not null default 0,
  links_updated      int not null default 0,
  links_left         int not null default 0,
  rejected_count     int not null default 0,
  process_instance_id varchar(64),
  constraint fk_import_establishment foreign key (uai) references establishment (uai)
);
create index ix_siecle_import_uai on siecle_import (uai, imported_at);

create table siecle_import_rejection (
  id              bigint       not null auto_increment primary key,
  import_id       varchar(36)  not null,
  file            varchar(100) not null,
  record          varchar(100) not null,
  reason          varchar(500) not null,
  constraint fk_rejection_import foreign key (import_id) references siecle_import (id)
);
