-- Issue 21 item 6: the one definition of "waiting", read by the conversation list, the team view and the reports.
-- An open conversation is
--   'bot'     while the bot's flow is active in it;
--   'waiting' for a person, since the bot handed it off or since the customer's first message that no person (nor a
--             finished bot flow) has answered yet — a failed or refused send is not an answer;
--   'person'  when a person answered after that (nothing waits);
-- a conversation that is not open is 'closed'. waiting_since is set only for 'waiting'.
create view conversation_waiting as
select c.id as conversation_id, c.team_id, c.inbox_id, c.assignee_id,
       case when c.status <> 'open' then 'closed'
            when b.status = 'active' then 'bot'
            when s.since is not null then 'waiting'
            else 'person' end as state,
       case when c.status = 'open' and b.status is distinct from 'active' then s.since end as waiting_since
from conversations c
left join bot_sessions b on b.conversation_id = c.id
left join lateral (
  select max(m.created_at) as last_reply from messages m
  where m.conversation_id = c.id and m.direction = 'out' and m.sender_kind = 'agent' and not m.private
    and m.status is distinct from 'failed') r on true
left join lateral (
  select case when b.status = 'handed_off' and b.updated_at > coalesce(r.last_reply, '-infinity') then b.updated_at
              else (select min(m.created_at) from messages m
                    where m.conversation_id = c.id and m.direction = 'in'
                      and m.created_at > coalesce(greatest(r.last_reply,
                            case when b.status = 'finished' then b.updated_at end), '-infinity')) end as since) s on true;
