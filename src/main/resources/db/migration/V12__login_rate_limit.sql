-- Log-in throttling of the administrators (Camunda's identity) and of the portal's accounts: one Bucket4j token
-- bucket per key, 'admin:' or 'portal:' + log-in + '|' + client address (see
-- fr.adminteleservices.security.LoginThrottle), shared by every node. A wrong password consumes a token of its
-- (log-in, address) only: a stranger's attempts never stop the real user logging in from elsewhere, and no
-- lock is permanent. Same layout as activation_rate_limit (V7).

create table login_rate_limit (
  id                  varchar(255) not null primary key,
  state               blob         null,
  expires_at          bigint       null
);
create index ix_login_rate_limit_expires on login_rate_limit (expires_at);
