-- Reports read summaries, not raw messages: an hourly rollup of message counts per inbox, team, agent and
-- direction, filled incrementally by a periodic pass (report/MessageRollup) up to a watermark a few minutes
-- behind now. Reports add the un-rolled tail live, so they are exact and stay fast at millions of messages
-- without putting a hot counter row on the ingest path.
create table message_hourly (
  hour timestamptz not null,
  inbox_id bigint not null,
  team_id bigint not null,       -- 0 = no team
  assignee_id bigint not null,   -- 0 = unassigned
  direction text not null,
  sender_kind text not null,
  messages int not null,
  primary key (hour, inbox_id, team_id, assignee_id, direction, sender_kind)
);

create table report_rollups (
  name text primary key,
  rolled_until timestamptz not null
);
insert into report_rollups (name, rolled_until) values ('message_hourly', '-infinity');

-- Messages are appended in time order, so a BRIN index finds a time range for a few kilobytes of index and
-- almost no cost on ingest.
create index messages_created_brin on messages using brin (created_at);
create index conversations_created on conversations (created_at);
create index leads_created on leads (created_at);
create index tickets_created on tickets (created_at);
create index invoices_issued on invoices (issued_at);
create index reminder_sends_created on reminder_sends (created_at);
