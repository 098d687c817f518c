-- Services, settings and the téléservices side (§3, §1.5).

-- The address parents use; letters and the portal home print it (S2).
alter table academy add column teleservices_url varchar(300);

-- The académie's catalogue: the five national services (seeded) and its own academic services.
create table academy_service (
  academy_code    varchar(20)  not null,
  code            varchar(40)  not null,
  national        boolean      not null,
  label           varchar(200) not null,
  url             varchar(300),
  -- the SIECLE module an establishment needs to open it (O2); academic services need none
  siecle_module   varchar(30),
  open_in_academy boolean      not null default false,
  mandatory       boolean      not null default false,
  position        int          not null,
  primary key (academy_code, code),
  constraint fk_academy_service_academy foreign key (academy_code) references academy (code)
);

create table academy_ent (
  id              bigint       not null auto_increment primary key,
  academy_code    varchar(20)  not null,
  name            varchar(200) not null,
  url             varchar(300) not null,
  removed         boolean      not null default false,
  constraint fk_ent_academy foreign key (academy_code) references academy (code)
);

-- O1: the establishment declared that it uses the services.
alter table establishment add column services_declared_at timestamp null;
alter table establishment add column services_declared_by varchar(64);

-- O2: one row per service the establishment opened once; closing keeps the row (and the settings, O5).
create table establishment_service (
  uai             char(8)      not null,
  service_code    varchar(40)  not null,
  is_open         boolean      not null,
  changed_at      timestamp    not null,
  changed_by      varchar(64),
  primary key (uai, service_code),
  constraint fk_establishment_service foreign key (uai) references establishment (uai)
);

-- Settings (§3.2), one version per day from which they apply (R2: the day after the change).
-- Several changes on the same day build the same next-day version.
create table establishment_settings (
  id              bigint       not null auto_increment primary key,
  uai             char(8)      not null,
  effective_from  date         not null,
  welcome_message varchar(8000),
  letter_type     varchar(20)  not null,
  ent_id          bigint,
  contact_email   varchar(254),
  contact_active  boolean      not null,
  notes_mode      varchar(20)  not null,
  lpc_delay_days  int          not null,
  constraint uk_settings_version unique (uai, effective_from),
  constraint fk_settings_establishment foreign key (uai) references establishment (uai),
  constraint fk_settings_ent foreign key (ent_id) references academy_ent (id)
);

create table settings_useful_link (
  settings_id     bigint       not null,
  position        int          not null,
  title           varchar(200) not null,
  url             varchar(500) not null,
  primary key (settings_id, position),
  constraint fk_link_settings foreign key (settings_id) references establishment_settings (id) on delete cascade
);

create table settings_due_date (
  settings_id     bigint       not null,
  division_code   varchar(40)  not null,
  mef_code        varchar(11),
  due_on          date         not null,
  primary key (settings_id, division_code),
  constraint fk_due_date_settings foreign key (settings_id) references establishment_settings (id) on delete cascade
);

-- Who changed what, when: services, settings, catalogue, rollover.
create table change_log (
  id              bigint        not null auto_increment primary key,
  academy_code    varchar(20)   not null,
  uai             char(8),
  recorded_at     timestamp     not null,
  recorded_by     varchar(64),
  subject         varchar(100)  not null,
  detail          varchar(2000) not null,
  effective_from  date
);
create index ix_change_log_uai on change_log (uai, recorded_at);
create index ix_change_log_academy on change_log (academy_code, recorded_at);

create table replication_run (
  id                  bigint       not null auto_increment primary key,
  process_instance_id varchar(64),
  started_at          timestamp    not null,
  finished_at         timestamp    null,
  started_by          varchar(64),
  as_of               date         not null,
  establishments      int not null default 0,
  students            int not null default 0,
  guardians           int not null default 0,
  links               int not null default 0,
  services            int not null default 0,
  duration_ms         bigint
);
create index ix_replication_run_pi on replication_run (process_instance_id);

-- The téléservices side (§1.5): what parents and students see, written only by the replication,
-- read only by the portal. One day old by design.
create table ts_establishment (
  uai             char(8)      not null primary key,
  academy_code    varchar(20)  not null,
  name            varchar(200) not null,
  kind            varchar(20)  not null,
  address_line1   varchar(200),
  address_line2   varchar(200),
  postal_code     varchar(10),
  city            varchar(100),
  head_name       varchar(200),
  teleservices_url varchar(300),
  school_year_starts_on date,
  school_year_ends_on   date,
  replicated_at   timestamp    not null
);

create table ts_service (
  uai             char(8)      not null,
  code            varchar(40)  not null,
  national        boolean      not null,
  label           varchar(200) not null,
  url             varchar(300),
  position        int          not null,
  primary key (uai, code)
);

create table ts_settings (
  uai             char(8)      not null primary key,
  effective_from  date         not null,
  welcome_message varchar(8000),
  letter_type     varchar(20)  not null,
  ent_name        varchar(200),
  ent_url         varchar(300),
  contact_email   varchar(254),
  contact_active  boolean      not null,
  notes_mode      varchar(20)  not null,
  lpc_delay_days  int          not null
);

create table ts_useful_link (
  uai             char(8)      not null,
  position        int          not null,
  title           varchar(200) not null,
  url             varchar(500) not null,
  primary key (uai, position)
);

create table ts_due_date (
  uai             char(8)      not null,
  division_code   varchar(40)  not null,
  mef_code        varchar(11),
  due_on          date         not null,
  primary key (uai, division_code)
);

create table ts_student (
  id              bigint       not null primary key,
  uai             char(8)      not null,
  eleve_id        varchar(20)  not null,
  ine             varchar(11),
  last_name       varchar(100) not null,
  usage_name      varchar(100),
  first_name      varchar(100) not null,
  birth_date      date         not null,
  mef_code        varchar(11),
  mefstat         varchar(11),
  division_code   varchar(40)
);
create index ix_ts_student_uai on ts_student (uai);

create table ts_guardian (
  id              bigint       not null primary key,
  uai             char(8)      not null,
  personne_id     varchar(20)  not null,
  civility        varchar(10),
  last_name       varchar(100) not null,
  first_name      varchar(100),
  email           varchar(254)
);
create index ix_ts_guardian_uai on ts_guardian (uai);

create table ts_guardian_link (
  id              bigint       not null primary key,
  uai             char(8)      not null,
  student_id      bigint       not null,
  guardian_id     bigint       not null,
  legal_rank      int
);
create index ix_ts_guardian_link_uai on ts_guardian_link (uai);
create index ix_ts_guardian_link_student on ts_guardian_link (student_id);

-- The national services of every académie already registered (new académies get them from the application).
insert into academy_service (academy_code, code, national, label, siecle_module, position)
  select code, 'NOTES', true, 'Consultation des notes', 'NOTES', 1 from academy;
insert into academy_service (academy_code, code, national, label, siecle_module, position)
  select code, 'ABSENCES', true, 'Consultation des absences', 'ABSENCES', 2 from academy;
insert into academy_service (academy_code, code, national, label, siecle_module, position)
  select code, 'LPC', true, 'Livret personnel de compétences', 'LPC', 3 from academy;
insert into academy_service (academy_code, code, national, label, siecle_module, position)
  select code, 'TELEINSCRIPTION', true, 'Téléinscription', 'INSCRIPTION', 4 from academy;
insert into academy_service (academy_code, code, national, label, siecle_module, position)
  select code, 'FICHE_RENSEIGNEMENTS', true, 'Fiche de renseignements', 'BASE_ELEVES', 5 from academy;
