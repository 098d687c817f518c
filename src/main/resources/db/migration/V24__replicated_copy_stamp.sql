-- Each copy of an establishment to the téléservices side gets a stamp of its own (issue 18.4): the portal keeps
-- the pages it decided (grades, absences, LPC) in memory as long as the stamp it read with the child is the same,
-- i.e. until the next replication of that establishment, on whichever node it ran. A timestamp would not do:
-- two copies within the same second would look alike. Rows copied before this column: no stamp, never cached.
alter table ts_establishment add column copy_stamp varchar(36);
