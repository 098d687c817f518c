-- Several nodes on one database (issue 18, section 1): any node serves any request.

-- HTTP sessions of the administrators, the portal and Camunda's webapps (Spring Session JDBC, its own layout
-- and upper-case names, which its queries use). Spring Session's own schema initialisation is off
-- (spring.session.jdbc.initialize-schema: never): Flyway owns the schema. Attributes in a mediumblob: a
-- flash message listing thousands of skipped couples exceeds a 64 KB blob on MariaDB.
create table SPRING_SESSION (
  PRIMARY_ID            char(36)     not null,
  SESSION_ID            char(36)     not null,
  CREATION_TIME         bigint       not null,
  LAST_ACCESS_TIME      bigint       not null,
  MAX_INACTIVE_INTERVAL int          not null,
  EXPIRY_TIME           bigint       not null,
  PRINCIPAL_NAME        varchar(100),
  constraint SPRING_SESSION_PK primary key (PRIMARY_ID)
);
create unique index SPRING_SESSION_IX1 on SPRING_SESSION (SESSION_ID);
create index SPRING_SESSION_IX2 on SPRING_SESSION (EXPIRY_TIME);
create index SPRING_SESSION_IX3 on SPRING_SESSION (PRINCIPAL_NAME);

create table SPRING_SESSION_ATTRIBUTES (
  SESSION_PRIMARY_ID    char(36)     not null,
  ATTRIBUTE_NAME        varchar(200) not null,
  ATTRIBUTE_BYTES       mediumblob   not null,
  constraint SPRING_SESSION_ATTRIBUTES_PK primary key (SESSION_PRIMARY_ID, ATTRIBUTE_NAME),
  constraint SPRING_SESSION_ATTRIBUTES_FK foreign key (SESSION_PRIMARY_ID) references SPRING_SESSION (PRIMARY_ID) on delete cascade
);

-- ShedLock: a scheduled task outside Camunda runs on one node at a time (the row's lock_until, set with the
-- database's clock). datetime, not timestamp: MariaDB would give a timestamp column an automatic update.
create table shedlock (
  name                  varchar(64)  not null primary key,
  lock_until            datetime(3)  not null,
  locked_at             datetime(3)  not null,
  locked_by             varchar(255) not null
);

-- The nodes of the cluster: each one writes its row at start and then every few seconds (heartbeat), with the
-- version of the rules it runs; POST /api/analyst/reload reports them.
create table cluster_node (
  node_id               varchar(100) not null primary key,
  started_at            timestamp    not null,
  last_seen             timestamp    not null,
  rules_version         bigint       not null default 0
);

-- The rules in force across the cluster: each reload (or a start whose rules/ differ) writes a new version
-- with the text of every DRL file; every node compiles and runs the latest one.
create table rules_release (
  version               bigint       not null primary key,
  fingerprint           char(64)     not null,
  released_at           timestamp    not null,
  released_by           varchar(100) not null
);
create table rules_release_file (
  version               bigint       not null,
  name                  varchar(255) not null,
  content               longtext     not null,
  constraint pk_rules_release_file primary key (version, name),
  constraint fk_rules_release_file foreign key (version) references rules_release (version)
);
