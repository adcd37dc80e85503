-- The notification worker claims pending rows with FOR UPDATE SKIP LOCKED and marks them 'sending' with its node
-- and a deadline; a node that dies mid-send leaves a row that any node hands back once the deadline has passed.
alter table notifications add column claimed_by text;
alter table notifications add column claimed_until timestamptz;
alter table notifications add column error_code text;
-- For WhatsApp notifications: the outbox message that carries the template.
alter table notifications add column message_id bigint references messages (id) on delete set null;
create index notifications_sending on notifications (claimed_until) where status = 'sending';
create index notifications_unread on notifications (user_id) where channel = 'in_app' and read_at is null;
