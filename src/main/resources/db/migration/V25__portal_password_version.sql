-- Which password an account has (issue 18.4): counted up when its holder sets a new one (reset), not when the
-- portal re-hashes the same password with a newer algorithm at a log-in. A session remembers the count it
-- logged in with, so a new password ends the other sessions and a re-hash ends none.
alter table portal_account add column password_version int not null default 0;
