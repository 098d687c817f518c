-- Exactly once under slow servers, crashes and several nodes (issue 17).

-- An e-mail is claimed by one sender (claimed_by, until claimed_until) before it is sent: a second
-- execution of the sending step (the job's lock expired, another node) leaves it alone until then.
alter table mail_outbox add column claimed_by varchar(64) null;
alter table mail_outbox add column claimed_until timestamp null;

-- A generation whose writer died before it started the lifecycles is taken over by a sweep; this
-- records the take-over, so that two nodes sweeping at once start one process, not two.
alter table code_generation add column swept_at timestamp null;

-- A replication's progress while it runs (« 12 établissements sur 80 »).
alter table replication_run add column establishments_total int not null default 0;
alter table replication_run add column establishments_done int not null default 0;

-- One replication at a time across the cluster: the run holding this row's lease (renewed after each
-- establishment, so that a dead node's lease runs out).
create table replication_lock (
  id            int          not null primary key,
  owner         varchar(64),
  run_id        bigint,
  locked_until  timestamp    null
);
insert into replication_lock (id) values (1);

-- Rows locked (select … for update) by one-time start-up work that two nodes starting at once must
-- not both do, e.g. creating the Tasklist filter.
create table platform_lock (
  name          varchar(40)  not null primary key
);
insert into platform_lock (name) values ('tasklist-filter');
