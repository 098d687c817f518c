-- The académie's syntheses (§6.1, §6.2 and the account funnels, one line per establishment) computed in the
-- background (issue 18): over hundreds of thousands of students they take tens of seconds, so the académie's pages
-- read the last figures computed, with their time. An establishment's own figures stay computed at each display.
create table academy_statistics_snapshot (
  academy_code          varchar(20)  not null,
  kind                  varchar(32)  not null,          -- student-codes, guardian-codes, guardian-funnel, student-funnel
  computed_at           timestamp(3) not null,
  took_ms               bigint       not null,
  figures               mediumtext   not null,          -- the synthesis as the API serves it (JSON)
  constraint pk_academy_statistics_snapshot primary key (academy_code, kind),
  constraint fk_academy_statistics_snapshot foreign key (academy_code) references academy (code)
);
