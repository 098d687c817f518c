-- « Synthèse accès téléservices » (T3) counts page views by day: one row per establishment, day (in Paris),
-- service, reader and MEFSTAT, incremented with each view in the same statement as the log line is written. An
-- establishment's school year is then at most a few thousand rows, and the académie's a few hundred thousand,
-- however many millions of views consultation_log holds (StatisticsBenchmark: reading the log itself took 0.2 s per
-- establishment and 7 to 60 s for the académie with 2 million views). consultation_log keeps the detail.
create table consultation_count (
  uai             char(8)      not null,
  consulted_on    date         not null,          -- the day of the views, in Paris
  service         varchar(40)  not null,          -- NOTES, ABSENCES, LPC (later FICHE_RENSEIGNEMENTS)
  holder          varchar(8)   not null,          -- GUARDIAN or STUDENT
  mefstat         varchar(11)  not null,          -- of the student consulted; '' when unknown
  accesses        int          not null,
  primary key (uai, consulted_on, service, holder, mefstat)
);

-- the views already logged; their day is the one of the stored timestamp (the server's zone, Paris in practice)
insert into consultation_count (uai, consulted_on, service, holder, mefstat, accesses)
select uai, cast(consulted_at as date), service, holder, coalesce(mefstat, ''), count(*)
from consultation_log
group by uai, cast(consulted_at as date), service, holder, coalesce(mefstat, '');
