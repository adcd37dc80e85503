-- The bot's state for each conversation it talks in: survives restarts and moves between hub nodes.
create table bot_sessions (
  conversation_id bigint primary key references conversations on delete cascade,
  flow text not null,
  state jsonb not null,
  status text not null default 'active' check (status in ('active', 'handed_off', 'finished')),
  handoff_reason text,
  updated_at timestamptz not null default now()
);
