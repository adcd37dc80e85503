-- Messages the hub sends to its own people (agents, supervisors, administration): bot hand-offs,
-- activity and ticket reminders, accepted quotes, weekly summaries. Durable so a node that dies
-- between deciding and sending loses nothing; dedupe_key makes "send once" a unique constraint.
create table notifications (
  id bigserial primary key,
  user_id bigint references users (id) on delete cascade,
  to_address text,
  channel text not null check (channel in ('in_app', 'email', 'whatsapp')),
  kind text not null,
  subject text,
  body text not null,
  html_body text,
  payload jsonb not null default '{}',
  dedupe_key text unique,
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  read_at timestamptz,
  check (user_id is not null or to_address is not null)
);
create index notifications_due on notifications (next_attempt_at) where status = 'pending';
create index notifications_by_user on notifications (user_id, created_at desc);
