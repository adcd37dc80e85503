-- Visits and the calendar (issue 22, visits half): a visit is a slot (a start and a length), so the coordinator's board
-- can show overlaps; each person may publish their calendar as a secret iCalendar feed URL.

alter table service_requests add column duration_minutes int not null default 60
  check (duration_minutes between 15 and 1440);
-- The board reads a week of one or all technicians, each visit's overlaps with its technician's others, and the
-- unassigned visits.
create index service_requests_technician_slot on service_requests (technician_id, scheduled_for)
  where status in ('scheduled', 'in_progress');
create index service_requests_unassigned on service_requests (scheduled_for) where technician_id is null
  and status in ('scheduled', 'not_done');

-- Only the SHA-256 of the token is kept: the URL is shown once, when made; a new one replaces (revokes) the old one.
create table calendar_feeds (
  user_id bigint primary key references users on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  last_read_at timestamptz
);
