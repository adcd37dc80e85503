-- Broadcast campaigns: a segment of contacts, a template with mapped parameters, and one recipient row each.
create table campaigns (
  id bigserial primary key,
  name text not null,
  status text not null default 'draft'
    check (status in ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled')),
  inbox_id bigint not null references inboxes,
  template_name text not null,
  template_language text not null default 'es',
  params jsonb not null default '[]',
  segment jsonb not null default '{}',
  scheduled_at timestamptz,
  time_zone text not null default 'America/Santiago',
  created_by bigint references users,
  launched_at timestamptz,
  completed_at timestamptz,
  created_at timestamptz not null default now()
);

create table campaign_recipients (
  id bigserial primary key,
  campaign_id bigint not null references campaigns on delete cascade,
  contact_id bigint not null references contacts on delete cascade,
  status text not null default 'queued' check (status in ('queued', 'outboxed', 'skipped', 'cancelled')),
  conversation_id bigint references conversations,
  message_id bigint references messages,
  replied_at timestamptz,
  unique (campaign_id, contact_id)
);
create index campaign_recipients_queued on campaign_recipients (campaign_id, id) where status = 'queued';
create index campaign_recipients_conversation on campaign_recipients (conversation_id) where replied_at is null;

alter table outbox add column campaign_id bigint references campaigns;
alter table outbox drop constraint outbox_status_check;
alter table outbox add constraint outbox_status_check check (status in ('pending', 'sending', 'sent', 'failed', 'cancelled'));
create index outbox_campaign_pending on outbox (campaign_id) where status = 'pending';
