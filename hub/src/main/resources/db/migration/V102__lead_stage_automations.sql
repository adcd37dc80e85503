-- Stages that move by themselves where the work says so. Which event moves a lead to which stage is the company's
-- configuration (admins change it with PUT /api/v1/pipeline/automations/{event}; a null stage turns one off). The moves
-- happen in the same transaction as their cause, from whichever path or node causes it, and each is kept in the
-- history with its cause.
alter table lead_stage_history add column cause text;

create table lead_stage_automations (
  event text primary key check (event in ('first_reply', 'quote_sent', 'quote_accepted')),
  to_stage text references lead_stages (key),
  updated_at timestamptz not null default now()
);
insert into lead_stage_automations (event, to_stage) values
  ('first_reply', 'contacted'), ('quote_sent', 'informed'), ('quote_accepted', 'won');

create index leads_conversation on leads (conversation_id) where conversation_id is not null;

-- The history trigger of V30, now also keeping the cause (transaction-local setting conecta.cause; null = a person).
create or replace function conecta_lead_stage_update() returns trigger language plpgsql as $$
begin
  if new.stage is distinct from old.stage then
    insert into lead_stage_history (lead_id, from_stage, to_stage, changed_at, changed_by, seconds_in_previous, lost_reason,
                                    cause)
    values (new.id, old.stage, new.stage, now(), nullif(current_setting('conecta.actor', true), '')::bigint,
            greatest(0, floor(extract(epoch from (now() - old.stage_changed_at))))::bigint,
            case when exists (select 1 from lead_stages s where s.key = new.stage and s.outcome = 'lost')
                 then new.lost_reason end,
            nullif(current_setting('conecta.cause', true), ''));
    new.stage_changed_at := now();
  end if;
  return new;
end $$;

-- Moves the leads forward to the event's stage: only from an earlier open stage, except that a won stage (a quote
-- accepted) also takes a lead back from lost. A lead already at or past the stage stays where a person put it.
create function conecta_lead_auto_move(p_event text, p_leads bigint[], p_actor bigint) returns void language plpgsql as $$
declare
  target lead_stages;
  prev_actor text := coalesce(current_setting('conecta.actor', true), '');
begin
  select s.* into target from lead_stage_automations a join lead_stages s on s.key = a.to_stage and s.active
  where a.event = p_event;
  if not found or p_leads is null or cardinality(p_leads) = 0 then
    return;
  end if;
  perform set_config('conecta.cause', p_event, true);
  perform set_config('conecta.actor', coalesce(p_actor::text, ''), true);
  update leads l set stage = target.key, lost_reason = null, updated_at = now()
  from lead_stages cur
  where l.id = any(p_leads) and cur.key = l.stage and l.stage <> target.key
    and ((cur.outcome = 'open' and cur.position < target.position) or (target.outcome = 'won' and cur.outcome = 'lost'));
  perform set_config('conecta.cause', '', true);
  perform set_config('conecta.actor', prev_actor, true);
end $$;

-- A person's first answer in a conversation: its leads, and the open unconverted leads of its customer.
create function conecta_lead_first_reply() returns trigger language plpgsql as $$
begin
  perform conecta_lead_auto_move('first_reply', array(
    select l.id from leads l where l.conversation_id = new.conversation_id
    union
    select l.id from leads l join conversations c on c.id = new.conversation_id
    where l.contact_id = c.contact_id and l.converted_at is null), new.sender_user_id);
  return null;
end $$;
create trigger messages_lead_first_reply after insert on messages for each row
  when (new.sender_kind = 'agent' and new.direction = 'out' and not new.private)
  execute function conecta_lead_first_reply();

-- A quote sent or accepted: its lead, or the lead its opportunity came from.
create function conecta_lead_quote_moves() returns trigger language plpgsql as $$
begin
  perform conecta_lead_auto_move(case new.status when 'sent' then 'quote_sent' else 'quote_accepted' end, array(
    select l.id from leads l where l.id = new.lead_id
    union
    select l.id from leads l where new.opportunity_id is not null and l.opportunity_id = new.opportunity_id),
    nullif(current_setting('conecta.actor', true), '')::bigint);
  return null;
end $$;
create trigger quotes_lead_moves after update of status on quotes for each row
  when (new.status is distinct from old.status and new.status in ('sent', 'accepted'))
  execute function conecta_lead_quote_moves();
