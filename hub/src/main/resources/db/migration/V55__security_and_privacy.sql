-- API tokens get a scope: 'full' (whatever the user may do) or 'read' (GET requests only).
alter table api_tokens add column scope text not null default 'full' check (scope in ('full', 'read'));

-- An erased contact keeps its row (so reports keep their counts) without anything that names the person.
alter table contacts add column erased_at timestamptz;

-- The audit log is read by admins newest first, filtered by action, actor or target.
create index audit_log_action on audit_log (action, id desc);
create index audit_log_actor on audit_log (actor_user_id, id desc);
create index audit_log_target on audit_log (target_type, target_id, id desc);
