-- Issue 21, item 1: a hub user is never a customer contact.

-- WhatsApp notices to users go straight to the provider (no conversation, no outbox message): keep the provider's id.
alter table notifications add column provider_message_id text;

-- What a user writes from their own phone to a business number: recognised as that user, kept here, never a
-- customer conversation (no contact, no assignment, not in loads or reports).
create table staff_inbound_messages (
  id bigserial primary key,
  user_id bigint not null references users (id) on delete cascade,
  inbox_id bigint not null references inboxes (id) on delete cascade,
  provider_message_id text,
  content_type text not null,
  text text,
  content jsonb not null default '{}',
  received_at timestamptz not null default now()
);
create unique index staff_inbound_once on staff_inbound_messages (inbox_id, provider_message_id)
  where provider_message_id is not null;
create index staff_inbound_by_user on staff_inbound_messages (user_id, received_at desc);

-- Earlier versions sent notices as conversations with the user's own number: close them and take them off agents'
-- loads, so that nobody works them as customers.
update conversations c set status = 'resolved', assignee_id = null, snoozed_until = null
  where c.status <> 'resolved'
    and exists (select 1 from contact_identities ci join users u
                  on u.phone is not null and ci.value = regexp_replace(u.phone, '[^0-9]', '', 'g')
                where ci.contact_id = c.contact_id and ci.kind = 'whatsapp');
