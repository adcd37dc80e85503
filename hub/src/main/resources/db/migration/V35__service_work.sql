-- Service and technical work (issue 8): technicians, service requests with checklist and history, visit reports
-- and photos, at-risk observations; ticket and activity reminders; opportunity links on activities; custom fields.

-- A user who does field work has a level; null = not a technician.
alter table users add column technician_level text check (technician_level in ('standard', 'specialist'));

create table service_requests (
  id bigserial primary key,
  kind text not null check (kind in ('potential_client_visit', 'technical_visit', 'maintenance', 'service_work')),
  status text not null default 'scheduled'
    check (status in ('scheduled', 'in_progress', 'done', 'not_done', 'invoiced', 'cancelled')),
  contact_id bigint not null references contacts,
  account_id bigint references accounts,
  address text,
  -- null only for work created by a report and still waiting for the coordinator to give it a date
  scheduled_for timestamptz,
  technician_id bigint references users,
  seller_id bigint references users,
  notes text,
  checklist jsonb not null default '[]',
  not_done_reason text,
  -- set when the request goes back to the coordinator (could not be done, or created without a date)
  needs_scheduling boolean not null default false,
  parent_id bigint references service_requests,
  created_by bigint references users,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index service_requests_schedule on service_requests (scheduled_for, technician_id);
create index service_requests_contact on service_requests (contact_id);
-- A maintenance report that finds a fault creates exactly one follow-up work request.
create unique index service_requests_one_followup on service_requests (parent_id) where parent_id is not null;

create table service_request_history (
  id bigserial primary key,
  request_id bigint not null references service_requests on delete cascade,
  from_status text,
  to_status text not null,
  reason text,
  actor_id bigint references users,
  at timestamptz not null default now()
);
create index service_request_history_request on service_request_history (request_id, id);

create table service_reports (
  request_id bigint primary key references service_requests on delete cascade,
  started_at timestamptz not null,
  ended_at timestamptz not null,
  findings text,
  materials jsonb not null default '[]',
  risks text,
  fault_found boolean not null default false,
  author_id bigint references users,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ended_at >= started_at)
);

create table service_photos (
  id bigserial primary key,
  request_id bigint not null references service_requests on delete cascade,
  phase text not null check (phase in ('before', 'after')),
  storage_key text not null,
  mime_type text not null,
  size_bytes bigint not null,
  file_name text,
  uploaded_by bigint references users,
  created_at timestamptz not null default now()
);
create index service_photos_request on service_photos (request_id, id);

-- A work order at risk of cancellation: the seller must correct the data before deadline_at.
create table service_observations (
  id bigserial primary key,
  request_id bigint not null references service_requests on delete cascade,
  kind text not null check (kind in ('address', 'technical')),
  description text not null,
  raised_by bigint references users,
  seller_id bigint references users,
  deadline_at timestamptz not null,
  status text not null default 'open' check (status in ('open', 'resolved', 'cancelled')),
  resolution text,
  resolved_by bigint references users,
  resolved_at timestamptz,
  created_at timestamptz not null default now()
);
create unique index service_observations_one_open on service_observations (request_id) where status = 'open';

-- Activities may point at an opportunity (that table belongs to the sales work; no foreign key on purpose).
alter table activities add column opportunity_id bigint;
create index activities_due_open on activities (due_at) where not done;
create index tickets_due_open on tickets (due_at) where status not in ('resolved', 'closed');

create table custom_fields (
  id bigserial primary key,
  entity text not null check (entity in ('contact', 'account', 'lead', 'ticket')),
  key text not null check (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  label_es text not null,
  label_en text,
  type text not null check (type in ('text', 'number', 'money', 'date', 'choice', 'checkbox')),
  choices jsonb not null default '[]',
  required boolean not null default false,
  created_at timestamptz not null default now(),
  unique (entity, key)
);
