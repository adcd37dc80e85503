-- Two-factor sign-in (issue 26): a TOTP secret per user (confirmed once the first code checks), backup codes kept
-- only as hashes, the roles an admin requires it for, and the short-lived step between password and code.
create table user_totp (
  user_id bigint primary key references users (id) on delete cascade,
  secret text not null,
  confirmed_at timestamptz,
  -- the last time step accepted: a code is never accepted twice
  last_step bigint not null default 0,
  created_at timestamptz not null default now()
);

create table user_backup_codes (
  id bigserial primary key,
  user_id bigint not null references users (id) on delete cascade,
  code_hash text not null,
  used_at timestamptz,
  unique (user_id, code_hash)
);

create table two_factor_required_roles (
  role text primary key check (role in ('admin', 'agent', 'marketing'))
);

create table sign_in_challenges (
  token_hash text primary key,
  user_id bigint not null references users (id) on delete cascade,
  kind text not null check (kind in ('totp', 'enrol')),
  expires_at timestamptz not null,
  attempts int not null default 0
);
