-- Rate limits of activation attempts (SPEC "Codes": attempts to activate are rate-limited): one Bucket4j token
-- bucket per key, 'addr:' + client address or 'student:' + UAI + ':' + student id, shared by every instance of
-- the app through this table (see fr.adminteleservices.accounts.ActivationRateLimit). The state is Bucket4j's
-- serialized bucket; expires_at (epoch milliseconds) is when the bucket is full again, after which its row can
-- be deleted without changing anything.

create table activation_rate_limit (
  id                  varchar(255) not null primary key,
  state               blob         null,
  expires_at          bigint       null
);
create index ix_activation_rate_limit_expires on activation_rate_limit (expires_at);
