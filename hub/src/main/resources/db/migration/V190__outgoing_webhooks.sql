-- Outgoing webhooks (issue 25): admins subscribe URLs to event types; every event a subscription wants becomes a
-- delivery row written by a trigger in the same transaction as the change that caused it (an outbox), so no event is
-- lost and no feature's code has to remember to publish it. A worker posts the rows (WebhookDeliveryWorker).
create table webhook_subscriptions (
  id bigserial primary key,
  url text not null,
  description text,
  events text[] not null check (cardinality(events) > 0),
  -- sealed with the secrets/ SecretBox; shown in clear once, when the subscription is made
  secret_sealed text not null,
  active boolean not null default true,
  consecutive_failures int not null default 0,
  failing_since timestamptz,
  disabled_at timestamptz,
  disabled_reason text,
  created_by bigint references users,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table webhook_deliveries (
  id bigserial primary key,
  -- one event sent to several subscriptions keeps one id (the body's "id"); each delivery has its own row id
  event_id uuid not null,
  subscription_id bigint not null references webhook_subscriptions on delete cascade,
  event_type text not null,
  -- the contact the event is about, so that erasing the contact erases the payloads too
  contact_id bigint,
  payload jsonb,
  status text not null default 'pending'
    check (status in ('pending', 'sending', 'delivered', 'failed', 'cancelled')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  claimed_by text,
  claimed_until timestamptz,
  response_code int,
  last_error text,
  last_attempt_at timestamptz,
  delivered_at timestamptz,
  redelivery_of bigint references webhook_deliveries on delete set null,
  created_at timestamptz not null default now()
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at, id) where status = 'pending';
create index webhook_deliveries_claimed on webhook_deliveries (claimed_until) where status = 'sending';
create index webhook_deliveries_log on webhook_deliveries (subscription_id, id desc);
create index webhook_deliveries_contact on webhook_deliveries (contact_id) where contact_id is not null;
-- Without it every deleted delivery (a subscription's cascade) scans the table for redeliveries pointing at it.
create index webhook_deliveries_redelivery on webhook_deliveries (redelivery_of) where redelivery_of is not null;

-- ISO-8601 in UTC with milliseconds, whatever the session's time zone.
create function conecta_webhook_time(t timestamptz) returns text language sql immutable as $$
  select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- The cheap check every trigger makes first: with no active subscription wanting the event, nothing else is done
-- (the table holds a handful of rows), so ingest pays one tiny lookup per row.
create function conecta_webhooks_wanted(p_type text) returns boolean language sql stable as $$
  select exists (select 1 from webhook_subscriptions where active and p_type = any(events))
$$;

create function conecta_webhook_emit(p_type text, p_contact bigint, p_object jsonb) returns void language plpgsql as $$
declare
  ev uuid := gen_random_uuid();
begin
  insert into webhook_deliveries (event_id, subscription_id, event_type, contact_id, payload)
  select ev, s.id, p_type, p_contact, jsonb_build_object('id', ev, 'type', p_type,
           'createdAt', conecta_webhook_time(clock_timestamp()), 'data', p_object)
    from webhook_subscriptions s where s.active and p_type = any(s.events);
end $$;

create function conecta_webhook_message() returns trigger language plpgsql as $$
declare
  c record;
begin
  if not conecta_webhooks_wanted('message.created') then
    return null;
  end if;
  select contact_id into c from conversations where id = new.conversation_id;
  perform conecta_webhook_emit('message.created', c.contact_id, jsonb_build_object(
    'id', new.id, 'conversationId', new.conversation_id, 'inboxId', new.inbox_id, 'contactId', c.contact_id,
    'direction', new.direction, 'senderKind', new.sender_kind, 'senderUserId', new.sender_user_id,
    'contentType', new.content_type, 'text', new.text, 'private', new.private,
    -- where the hub keeps a file is its own business; what the file is goes out
    'attachments', (select coalesce(jsonb_agg(a - 'storageKey'), '[]'::jsonb) from jsonb_array_elements(new.attachments) a),
    'providerMessageId', new.provider_message_id, 'createdAt', conecta_webhook_time(new.created_at)));
  return null;
end $$;
create trigger messages_webhook after insert on messages for each row execute function conecta_webhook_message();

-- TG_ARGV[0] is the event type: one function for created, assigned and resolved.
create function conecta_webhook_conversation() returns trigger language plpgsql as $$
begin
  if not conecta_webhooks_wanted(tg_argv[0]) then
    return null;
  end if;
  perform conecta_webhook_emit(tg_argv[0], new.contact_id, jsonb_build_object(
    'id', new.id, 'inboxId', new.inbox_id, 'contactId', new.contact_id, 'status', new.status,
    'assigneeId', new.assignee_id, 'teamId', new.team_id, 'labels', to_jsonb(new.labels),
    'createdAt', conecta_webhook_time(new.created_at), 'resolvedAt', conecta_webhook_time(new.resolved_at)));
  return null;
end $$;
create trigger conversations_webhook_created after insert on conversations for each row
  execute function conecta_webhook_conversation('conversation.created');
create trigger conversations_webhook_assigned after update of assignee_id on conversations for each row
  when (new.assignee_id is not null and new.assignee_id is distinct from old.assignee_id)
  execute function conecta_webhook_conversation('conversation.assigned');
create trigger conversations_webhook_resolved after update of status on conversations for each row
  when (new.status = 'resolved' and old.status <> 'resolved')
  execute function conecta_webhook_conversation('conversation.resolved');

create function conecta_webhook_lead_object(l leads, previous_stage text) returns jsonb language sql stable as $$
  select jsonb_build_object('id', l.id, 'contactId', l.contact_id, 'accountId', l.account_id,
    'conversationId', l.conversation_id, 'title', l.title, 'stage', l.stage, 'previousStage', previous_stage,
    'source', l.source, 'campaign', l.campaign, 'interestArea', l.interest_area, 'priority', l.priority,
    'score', l.score, 'assigneeId', l.assignee_id, 'lostReason', l.lost_reason,
    'createdAt', conecta_webhook_time(l.created_at))
$$;

create function conecta_webhook_lead() returns trigger language plpgsql as $$
declare
  outcome text;
begin
  if tg_op = 'INSERT' then
    if conecta_webhooks_wanted('lead.created') then
      perform conecta_webhook_emit('lead.created', new.contact_id, conecta_webhook_lead_object(new, null));
    end if;
    return null;
  end if;
  if conecta_webhooks_wanted('lead.stage_changed') then
    perform conecta_webhook_emit('lead.stage_changed', new.contact_id, conecta_webhook_lead_object(new, old.stage));
  end if;
  select s.outcome into outcome from lead_stages s where s.key = new.stage;
  if outcome in ('won', 'lost') and conecta_webhooks_wanted('lead.' || outcome) then
    perform conecta_webhook_emit('lead.' || outcome, new.contact_id, conecta_webhook_lead_object(new, old.stage));
  end if;
  return null;
end $$;
create trigger leads_webhook_created after insert on leads for each row execute function conecta_webhook_lead();
create trigger leads_webhook_stage after update of stage on leads for each row
  when (new.stage is distinct from old.stage) execute function conecta_webhook_lead();

create function conecta_webhook_quote() returns trigger language plpgsql as $$
begin
  if not conecta_webhooks_wanted('quote.accepted') then
    return null;
  end if;
  -- Amounts as decimal text, as the API answers them: no binary rounding on the way.
  perform conecta_webhook_emit('quote.accepted', new.contact_id, jsonb_build_object(
    'id', new.id, 'number', new.number, 'leadId', new.lead_id, 'opportunityId', new.opportunity_id,
    'contactId', new.contact_id, 'accountId', new.account_id, 'currency', new.currency,
    'net', new.net::text, 'tax', new.tax::text, 'total', new.total::text, 'language', new.language,
    'acceptedAt', conecta_webhook_time(new.accepted_at)));
  return null;
end $$;
create trigger quotes_webhook_accepted after update of status on quotes for each row
  when (new.status = 'accepted' and old.status <> 'accepted') execute function conecta_webhook_quote();

create function conecta_webhook_campaign() returns trigger language plpgsql as $$
begin
  if not conecta_webhooks_wanted('campaign.completed') then
    return null;
  end if;
  perform conecta_webhook_emit('campaign.completed', null, jsonb_build_object(
    'id', new.id, 'name', new.name, 'inboxId', new.inbox_id, 'templateName', new.template_name,
    'templateLanguage', new.template_language, 'launchedAt', conecta_webhook_time(new.launched_at),
    'completedAt', conecta_webhook_time(coalesce(new.completed_at, now())),
    'recipients', (select jsonb_build_object('total', count(*),
        'outboxed', count(*) filter (where r.status = 'outboxed'),
        'skipped', count(*) filter (where r.status = 'skipped'),
        'replied', count(*) filter (where r.replied_at is not null))
      from campaign_recipients r where r.campaign_id = new.id)));
  return null;
end $$;
create trigger campaigns_webhook_completed after update of status on campaigns for each row
  when (new.status = 'completed' and old.status <> 'completed') execute function conecta_webhook_campaign();

create function conecta_webhook_opt_out() returns trigger language plpgsql as $$
begin
  if not conecta_webhooks_wanted('contact.opted_out') then
    return null;
  end if;
  perform conecta_webhook_emit('contact.opted_out', new.id, jsonb_build_object(
    'id', new.id, 'name', new.name, 'phone', new.phone, 'email', new.email,
    'optedOutAt', conecta_webhook_time(new.opted_out_at)));
  return null;
end $$;
create trigger contacts_webhook_opted_out after update of opted_out_at on contacts for each row
  when (old.opted_out_at is null and new.opted_out_at is not null) execute function conecta_webhook_opt_out();

-- A contact's erasure (privacy/) erases what the webhook queue holds about them, in the erasure's own transaction:
-- the payloads go, and what was not sent yet is not sent. The rows stay (status, codes, times) for the log.
create function conecta_webhook_erase_contact() returns trigger language plpgsql as $$
begin
  update webhook_deliveries
     set payload = null,
         status = case when status = 'pending' then 'cancelled' else status end,
         last_error = case when status = 'pending' then 'contact erased' else last_error end
   where contact_id = new.id and payload is not null;
  return null;
end $$;
create trigger contacts_webhook_erased after update of erased_at on contacts for each row
  when (new.erased_at is not null) execute function conecta_webhook_erase_contact();
