-- What the ERP pushes (invoices and orders, upserted by its external id) and every reminder sent, once.
create table invoices (
  id bigserial primary key,
  external_id text not null unique,
  account_id bigint references accounts,
  contact_id bigint references contacts,
  number text not null,
  amount numeric(14, 2) not null check (amount >= 0),
  currency text not null default 'CLP',
  issued_at date,
  due_date date not null,
  status text not null default 'open' check (status in ('open', 'paid', 'cancelled')),
  paid_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index invoices_open_due on invoices (due_date) where status = 'open';

create table orders (
  id bigserial primary key,
  external_id text not null unique,
  contact_id bigint references contacts,
  account_id bigint references accounts,
  number text not null,
  items jsonb not null default '[]',
  total numeric(14, 2),
  currency text not null default 'CLP',
  delivery_method text not null default 'own_dispatch' check (delivery_method in ('pickup', 'own_dispatch', 'carrier')),
  carrier text,
  tracking_number text,
  status text not null default 'received'
    check (status in ('received', 'ready_for_pickup', 'dispatched', 'out_for_delivery', 'delivered', 'cancelled')),
  scheduled_delivery date,
  delivery_window text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- The idempotency key of every reminder: rule + record + occurrence. A second attempt finds the row and sends nothing.
create table reminder_sends (
  id bigserial primary key,
  rule text not null,
  record_type text not null,
  record_id bigint not null,
  occurrence text not null,
  message_id bigint references messages on delete set null,
  created_at timestamptz not null default now(),
  unique (rule, record_type, record_id, occurrence)
);
