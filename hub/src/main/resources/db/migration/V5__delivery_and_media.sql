-- Every delivery receipt a provider sends, kept once: a message's status is the furthest receipt, so receipts that
-- arrive out of order, twice, or before the send call has answered are never lost and never move it backwards.
create table delivery_receipts (
  id bigserial primary key,
  inbox_id bigint not null references inboxes,
  provider_message_id text not null,
  status text not null check (status in ('sent', 'delivered', 'read', 'failed')),
  rank int not null,
  error_code text,
  error_title text,
  occurred_at timestamptz,
  received_at timestamptz not null default now(),
  unique (inbox_id, provider_message_id, status)
);

create or replace function conecta_status_rank(s text) returns int language sql immutable as $$
  select case s when 'queued' then 0 when 'sent' then 1 when 'delivered' then 2 when 'read' then 3
                when 'failed' then 4 else -1 end
$$;

-- Files received or sent (WhatsApp media, email attachments), stored by the media storage under data.dir.
create table media_files (
  key text primary key,
  inbox_id bigint not null references inboxes,
  mime_type text,
  file_name text,
  size_bytes bigint not null,
  sha256 text,
  created_at timestamptz not null default now()
);
