-- The first version of Conecta's data model: people and access, channels, the inbox, the CRM core, the outbox.

create table users (
  id bigserial primary key,
  email text not null,
  name text not null,
  role text not null check (role in ('admin', 'agent', 'marketing')),
  password_hash text,
  locale text not null default 'es' check (locale in ('es', 'en')),
  phone text,
  availability text not null default 'offline' check (availability in ('online', 'away', 'offline')),
  max_open_conversations int check (max_open_conversations > 0),
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

create table teams (
  id bigserial primary key,
  name text not null unique,
  description text,
  created_at timestamptz not null default now()
);

create table team_members (
  team_id bigint not null references teams on delete cascade,
  user_id bigint not null references users on delete cascade,
  supervisor boolean not null default false,
  primary key (team_id, user_id)
);
create index team_members_user on team_members (user_id);

create table inboxes (
  id bigserial primary key,
  name text not null,
  channel text not null check (channel in ('api', 'whatsapp', 'twilio', 'email', 'webform')),
  channel_account_id text,
  settings jsonb not null default '{}',
  team_id bigint references teams,
  created_at timestamptz not null default now()
);
create unique index inboxes_channel_account on inboxes (channel, channel_account_id) where channel_account_id is not null;

create table accounts (
  id bigserial primary key,
  name text not null,
  tax_id text,
  kind text not null default 'business' check (kind in ('residential', 'business')),
  city text,
  phone text,
  email text,
  custom_attributes jsonb not null default '{}',
  owner_id bigint references users,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index accounts_tax_id on accounts (tax_id);

create table contacts (
  id bigserial primary key,
  name text,
  phone text,
  email text,
  city text,
  locale text check (locale in ('es', 'en')),
  account_id bigint references accounts,
  owner_id bigint references users,
  do_not_contact boolean not null default false,
  opted_out_at timestamptz,
  custom_attributes jsonb not null default '{}',
  merged_into_id bigint references contacts,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index contacts_phone on contacts (phone);
create index contacts_email on contacts (lower(email));

-- One contact may be known by several identities (WhatsApp id, BSUID, phones, emails); each names one contact.
create table contact_identities (
  id bigserial primary key,
  contact_id bigint not null references contacts on delete cascade,
  kind text not null,
  value text not null,
  created_at timestamptz not null default now(),
  unique (kind, value)
);
create index contact_identities_contact on contact_identities (contact_id);

create table conversations (
  id bigserial primary key,
  inbox_id bigint not null references inboxes,
  contact_id bigint not null references contacts,
  status text not null default 'open' check (status in ('open', 'pending', 'snoozed', 'resolved')),
  assignee_id bigint references users,
  team_id bigint references teams,
  labels text[] not null default '{}',
  priority text check (priority in ('A', 'B', 'C')),
  snoozed_until timestamptz,
  last_activity_at timestamptz not null default now(),
  last_inbound_at timestamptz,
  last_message_preview text,
  unread_count int not null default 0,
  first_reply_at timestamptz,
  resolved_at timestamptz,
  created_at timestamptz not null default now()
);
-- At most one conversation per contact and inbox is not resolved: new messages join it.
create unique index conversations_one_active on conversations (inbox_id, contact_id) where status <> 'resolved';
create index conversations_activity on conversations (last_activity_at desc, id desc);
create index conversations_inbox_activity on conversations (inbox_id, last_activity_at desc, id desc);
create index conversations_assignee on conversations (assignee_id, status);
create index conversations_labels on conversations using gin (labels);
create index conversations_contact on conversations (contact_id);

create table messages (
  id bigserial primary key,
  conversation_id bigint not null references conversations on delete cascade,
  inbox_id bigint not null references inboxes,
  direction text not null check (direction in ('in', 'out')),
  sender_kind text not null check (sender_kind in ('contact', 'agent', 'bot', 'system')),
  sender_user_id bigint references users,
  content_type text not null,
  text text,
  attachments jsonb not null default '[]',
  content jsonb not null default '{}',
  private boolean not null default false,
  provider_message_id text,
  reply_to_provider_id text,
  status text check (status in ('queued', 'sent', 'delivered', 'read', 'failed')),
  error_code text,
  error_title text,
  sent_at timestamptz,
  created_at timestamptz not null default now()
);
create unique index messages_provider_id on messages (inbox_id, provider_message_id) where provider_message_id is not null;
create index messages_conversation on messages (conversation_id, id);

create table leads (
  id bigserial primary key,
  contact_id bigint references contacts,
  account_id bigint references accounts,
  conversation_id bigint references conversations,
  title text,
  stage text not null default 'new',
  source text,
  campaign text,
  interest_area text,
  priority text check (priority in ('A', 'B', 'C')),
  score int not null default 0,
  assignee_id bigint references users,
  answers jsonb not null default '{}',
  custom_attributes jsonb not null default '{}',
  lost_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index leads_contact on leads (contact_id);
create index leads_assignee on leads (assignee_id, stage);

create table tickets (
  id bigserial primary key,
  contact_id bigint references contacts,
  account_id bigint references accounts,
  conversation_id bigint references conversations,
  kind text not null check (kind in ('support', 'visit', 'maintenance', 'warranty', 'work_order')),
  subject text not null,
  description text,
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
  status text not null default 'open' check (status in ('open', 'in_progress', 'waiting', 'resolved', 'closed')),
  assignee_id bigint references users,
  due_at timestamptz,
  custom_attributes jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index tickets_contact on tickets (contact_id);

create table activities (
  id bigserial primary key,
  kind text not null check (kind in ('task', 'call', 'visit', 'meeting', 'follow_up')),
  title text not null,
  notes text,
  due_at timestamptz,
  done boolean not null default false,
  done_at timestamptz,
  owner_id bigint references users,
  contact_id bigint references contacts,
  lead_id bigint references leads,
  ticket_id bigint references tickets,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index activities_owner_due on activities (owner_id, due_at);
create index activities_contact on activities (contact_id);

-- Every outgoing message is a row here, written in the same transaction as what caused it.
create table outbox (
  id bigserial primary key,
  message_id bigint references messages on delete cascade,
  inbox_id bigint not null references inboxes,
  conversation_id bigint references conversations on delete cascade,
  channel text not null,
  idempotency_key text not null unique,
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  claimed_by text,
  claimed_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index outbox_due on outbox (next_attempt_at) where status = 'pending';

create table sessions (
  token_hash text primary key,
  user_id bigint not null references users on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user on sessions (user_id);

create table api_tokens (
  id bigserial primary key,
  user_id bigint not null references users on delete cascade,
  name text not null,
  token_hash text not null unique,
  created_by bigint references users,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_user_id bigint references users,
  action text not null,
  target_type text,
  target_id text,
  details jsonb not null default '{}'
);
