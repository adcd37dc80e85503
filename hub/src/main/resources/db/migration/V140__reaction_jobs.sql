-- Reactions to a new inbound message (assignment, the bot, media download, opt-out and campaign replies, a survey
-- answer, a web form's reference) are durable work: the ingest transaction writes one job per stored message, and a
-- reaction worker on any node claims due jobs (FOR UPDATE SKIP LOCKED, the claim lasts until due_at), runs the
-- reactions not yet done, and deletes the job. A job that keeps failing stays with done_at and last_error set.
create table reaction_jobs (
  message_id bigint primary key references messages on delete cascade,
  conversation_created boolean not null default false,
  done_reactions text[] not null default '{}',
  attempts int not null default 0,
  claimed_by text,
  due_at timestamptz not null default now(),
  done_at timestamptz,
  last_error text,
  created_at timestamptz not null default now()
);
create index reaction_jobs_due on reaction_jobs (due_at) where done_at is null;

-- The bot steps once per inbound message: a reaction run again after a crash finds its message already taken.
alter table bot_sessions add column last_message_id bigint;
