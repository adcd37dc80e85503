-- Opportunities: an account's deal, owned by one or more salespeople, claiming one or more business divisions.
-- Competing claims are refused under a row lock on the account (see OpportunityStore), not by a constraint, because a
-- supervisor may knowingly let two coexist.
create table business_divisions (
  key text primary key check (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  name_es text not null,
  name_en text not null,
  active boolean not null default true
);
insert into business_divisions (key, name_es, name_en) values
  ('internet', 'Internet y redes', 'Internet and networks'),
  ('telephony', 'Telefonía', 'Telephony'),
  ('security', 'Seguridad y cámaras', 'Security and cameras'),
  ('energy', 'Energía', 'Energy');

create table opportunities (
  id bigserial primary key,
  account_id bigint not null references accounts,
  contact_id bigint references contacts,
  lead_id bigint references leads,
  name text not null,
  amount numeric(14, 2) not null default 0 check (amount >= 0),
  currency text not null default 'CLP',
  expected_close date,
  stage text not null references lead_stages (key),
  probability int not null check (probability between 0 and 100),
  probability_overridden boolean not null default false,
  status text not null default 'open' check (status in ('open', 'won', 'lost')),
  lost_reason text,
  created_by bigint references users,
  overridden_by bigint references users,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  closed_at timestamptz
);
create index opportunities_account_open on opportunities (account_id) where status = 'open';
create index opportunities_close on opportunities (expected_close) where status = 'open';

create table opportunity_salespeople (
  opportunity_id bigint not null references opportunities on delete cascade,
  user_id bigint not null references users,
  primary key (opportunity_id, user_id)
);
create index opportunity_salespeople_user on opportunity_salespeople (user_id);

create table opportunity_divisions (
  opportunity_id bigint not null references opportunities on delete cascade,
  division text not null references business_divisions (key),
  primary key (opportunity_id, division)
);

alter table leads add column opportunity_id bigint references opportunities;
