-- A send whose outcome is unknown (its node died, or the provider's answer never came) is "in doubt": it waits for
-- the provider's status webhook to say it went (matched by biz_opaque_callback_data = idempotency_key) before it is
-- sent again. in_doubt_since says since when; the measured window that remains is documented in the README.
alter table outbox add column in_doubt_since timestamptz;
alter table outbox add column in_doubt_count int not null default 0;
