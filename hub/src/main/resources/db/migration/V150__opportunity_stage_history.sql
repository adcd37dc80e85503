-- The opportunity board (issue 22) shows days in stage and the opportunity page its stage history, as the leads' board
-- does: the time of the last stage change kept with the row, and every change kept by a trigger (the one place that
-- writes it, whichever path moves the opportunity). The acting user is the transaction-local conecta.actor, the cause
-- conecta.cause (null = a person), as for leads (V30, V102).
alter table opportunities add column stage_changed_at timestamptz;
update opportunities set stage_changed_at = coalesce(closed_at, updated_at, created_at);
alter table opportunities alter column stage_changed_at set default now();
alter table opportunities alter column stage_changed_at set not null;

create table opportunity_stage_history (
  id bigserial primary key,
  opportunity_id bigint not null references opportunities on delete cascade,
  from_stage text,
  to_stage text not null,
  changed_at timestamptz not null default now(),
  changed_by bigint references users,
  seconds_in_previous bigint,
  lost_reason text,
  cause text
);
create index opportunity_stage_history_opportunity on opportunity_stage_history (opportunity_id, id);
insert into opportunity_stage_history (opportunity_id, from_stage, to_stage, changed_at, changed_by)
select id, null, stage, created_at, created_by from opportunities;

create function conecta_opportunity_stage_insert() returns trigger language plpgsql as $$
begin
  insert into opportunity_stage_history (opportunity_id, from_stage, to_stage, changed_at, changed_by, cause)
  values (new.id, null, new.stage, new.stage_changed_at,
          coalesce(nullif(current_setting('conecta.actor', true), '')::bigint, new.created_by),
          nullif(current_setting('conecta.cause', true), ''));
  return null;
end $$;
create trigger opportunities_stage_insert after insert on opportunities for each row
  execute function conecta_opportunity_stage_insert();

create function conecta_opportunity_stage_update() returns trigger language plpgsql as $$
begin
  if new.stage is distinct from old.stage then
    insert into opportunity_stage_history (opportunity_id, from_stage, to_stage, changed_at, changed_by,
                                           seconds_in_previous, lost_reason, cause)
    values (new.id, old.stage, new.stage, now(), nullif(current_setting('conecta.actor', true), '')::bigint,
            greatest(0, floor(extract(epoch from (now() - old.stage_changed_at))))::bigint,
            case when new.status = 'lost' then new.lost_reason end,
            nullif(current_setting('conecta.cause', true), ''));
    new.stage_changed_at := now();
  end if;
  return new;
end $$;
create trigger opportunities_stage_update before update of stage on opportunities for each row
  execute function conecta_opportunity_stage_update();

-- The board reads each stage's most recently moved open opportunities first.
create index opportunities_stage_board on opportunities (stage, stage_changed_at desc, id desc);
