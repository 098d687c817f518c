-- Issue 14, point 5: a Nomenclature that would remove téléinscription options while the window is open is held
-- like a mass departure; the options it would remove are kept with the held import, for the head to see.
create table siecle_import_option_removal (
  id                 bigint       not null auto_increment primary key,
  import_id          varchar(36)  not null,
  mef_code           varchar(11)  not null,
  subject_code       varchar(10)  not null,
  label              varchar(200) not null,
  constraint fk_option_removal_pending foreign key (import_id) references siecle_import_pending (id)
);
create index ix_siecle_import_option_removal on siecle_import_option_removal (import_id);

-- Issue 14, point 4: an imported INE is looked up among the present students of the académie (a duplicate is
-- reported, and continuity of access never attaches on it).
create index ix_student_ine on student (ine);
