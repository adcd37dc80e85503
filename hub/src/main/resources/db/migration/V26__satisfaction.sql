-- After-sale satisfaction: one survey per delivered order or resolved ticket (the unique source is the idempotency
-- key, as reminder_sends is for reminders), and the customer's answer.
create table satisfaction_surveys (
  id bigserial primary key,
  source_type text not null check (source_type in ('order', 'ticket')),
  source_id bigint not null,
  contact_id bigint not null references contacts,
  conversation_id bigint references conversations,
  inbox_id bigint references inboxes,
  agent_id bigint references users,
  team_id bigint references teams,
  channel text,
  language text not null default 'es',
  message_id bigint references messages on delete set null,
  asked_at timestamptz not null default now(),
  answer_until timestamptz not null,
  answered_at timestamptz,
  unique (source_type, source_id)
);
create index satisfaction_surveys_open on satisfaction_surveys (conversation_id) where answered_at is null;

create table satisfaction_responses (
  id bigserial primary key,
  survey_id bigint not null unique references satisfaction_surveys,
  conversation_id bigint references conversations,
  contact_id bigint not null references contacts,
  agent_id bigint references users,
  team_id bigint references teams,
  inbox_id bigint references inboxes,
  channel text,
  score int not null check (score between 1 and 5),
  source_order_id bigint references orders,
  source_ticket_id bigint references tickets,
  message_id bigint references messages on delete set null,
  review_requested boolean not null default false,
  created_at timestamptz not null default now()
);
create index satisfaction_responses_created on satisfaction_responses (created_at desc, id desc);
