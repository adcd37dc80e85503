-- Password reset links (issue 26): only the SHA-256 of the link's token is kept; a link works once, until expires_at.
create table password_resets (
  id bigserial primary key,
  token_hash text not null unique,
  user_id bigint not null references users (id) on delete cascade,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
create index password_resets_user on password_resets (user_id) where used_at is null;
