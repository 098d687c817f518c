-- Node-local copies of the HTTP sessions (issue 18 §4): a node serves a page from its own copy of the session,
-- without reading SPRING_SESSION, and learns here that another node changed or ended it. Every write of a
-- session's content (log-in, log-out, a new id, an attribute) adds a row; every node reads the rows of the last
-- seconds a few times a second and drops its copies of those sessions. Rows older than a few minutes are purged.
create table session_change (
  changed_at            datetime(3)  not null,
  session_id            char(36)     not null
);
create index session_change_at on session_change (changed_at);
