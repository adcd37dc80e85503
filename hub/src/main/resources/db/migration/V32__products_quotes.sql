-- Products, quotes (items priced from products, totals kept) and the order an accepted quote becomes.
create table products (
  id bigserial primary key,
  code text not null unique,
  name text not null,
  unit_price numeric(14, 2) not null check (unit_price >= 0),
  tax_rate numeric(5, 2) not null default 19 check (tax_rate >= 0 and tax_rate <= 100),
  currency text not null default 'CLP',
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create sequence quote_numbers start 1001;
create table quotes (
  id bigserial primary key,
  number text not null unique,
  lead_id bigint references leads,
  opportunity_id bigint references opportunities,
  contact_id bigint not null references contacts,
  account_id bigint references accounts,
  status text not null default 'draft' check (status in ('draft', 'sent', 'accepted', 'rejected', 'expired')),
  currency text not null,
  language text not null default 'es' check (language in ('es', 'en')),
  valid_until date not null,
  net numeric(14, 2) not null,
  tax numeric(14, 2) not null,
  total numeric(14, 2) not null,
  notes text,
  created_by bigint references users,
  sent_at timestamptz,
  sent_channel text check (sent_channel in ('whatsapp', 'email')),
  pdf_storage_key text,
  accepted_at timestamptz,
  rejected_at timestamptz,
  expired_at timestamptz,
  order_id bigint references orders,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index quotes_sent on quotes (sent_at) where status = 'sent';
create index quotes_lead on quotes (lead_id);

create table quote_items (
  id bigserial primary key,
  quote_id bigint not null references quotes on delete cascade,
  position int not null,
  product_id bigint references products,
  code text not null,
  name text not null,
  quantity numeric(12, 3) not null check (quantity > 0),
  unit_price numeric(14, 2) not null,
  discount_pct numeric(5, 2) not null default 0 check (discount_pct >= 0 and discount_pct <= 100),
  tax_rate numeric(5, 2) not null,
  net numeric(14, 2) not null,
  tax numeric(14, 2) not null,
  total numeric(14, 2) not null
);
create index quote_items_quote on quote_items (quote_id, position);
