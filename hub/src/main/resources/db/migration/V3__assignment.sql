-- Assignment: presence, capacity, the round-robin cursor's durable copy, and every assignment with its reason.
alter table users add column last_seen_at timestamptz;
alter table conversations add column assigned_at timestamptz;
alter table teams add column rr_last_user_id bigint references users on delete set null;

create table assignments (
  id bigserial primary key,
  conversation_id bigint not null references conversations on delete cascade,
  assignee_id bigint references users,
  previous_assignee_id bigint references users,
  reason text not null check (reason in ('round_robin', 'manual', 'taken', 'reassignment', 'returning_customer',
                                         'released', 'agent_offline')),
  by_user_id bigint references users,
  at timestamptz not null default now()
);
create index assignments_conversation on assignments (conversation_id, id);
create index conversations_waiting on conversations (team_id, created_at) where assignee_id is null and status = 'open';
create index conversations_first_reply_due on conversations (assigned_at)
  where first_reply_at is null and assignee_id is not null and status = 'open';
