-- The outbox claims only the oldest unsent message of each conversation; this keeps that check cheap.
create index outbox_conversation_unsent on outbox (conversation_id, id) where status in ('pending', 'sending');
