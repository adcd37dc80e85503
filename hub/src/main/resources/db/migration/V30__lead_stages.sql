-- Sales pipeline: the company's lead stages (editable rows; this is the default pipeline) and every stage change,
-- timed. One installation is one company, so the table itself is the company's configuration.
create table lead_stages (
  key text primary key check (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  name_es text not null,
  name_en text not null,
  position int not null,
  probability int not null check (probability between 0 and 100),
  outcome text not null default 'open' check (outcome in ('open', 'won', 'lost')),
  active boolean not null default true
);
insert into lead_stages (key, name_es, name_en, position, probability, outcome) values
  ('new', 'Nuevo', 'New', 10, 5, 'open'),
  ('contacted', 'Contactado', 'Contacted', 20, 10, 'open'),
  ('informed', 'Informado', 'Informed', 30, 30, 'open'),
  ('pre_sale', 'Preventa', 'Pre-sale', 40, 60, 'open'),
  ('won', 'Ganado', 'Won', 50, 100, 'won'),
  ('lost', 'Perdido', 'Lost', 60, 0, 'lost');

alter table leads add column stage_changed_at timestamptz;
update leads set stage_changed_at = created_at;
alter table leads alter column stage_changed_at set default now();
alter table leads alter column stage_changed_at set not null;
alter table leads add column converted_at timestamptz;

create table lead_stage_history (
  id bigserial primary key,
  lead_id bigint not null references leads on delete cascade,
  from_stage text,
  to_stage text not null,
  changed_at timestamptz not null default now(),
  changed_by bigint references users,
  seconds_in_previous bigint,
  lost_reason text
);
create index lead_stage_history_lead on lead_stage_history (lead_id, id);

-- Every change of a lead's stage, whoever makes it (the stage service, the bot, a CRM edit), is timed and kept: the
-- triggers below are the one place that writes the history. The acting user comes from the transaction-local setting
-- conecta.actor, which the stage service sets.
create function conecta_lead_stage_insert() returns trigger language plpgsql as $$
begin
  insert into lead_stage_history (lead_id, from_stage, to_stage, changed_at, changed_by)
  values (new.id, null, new.stage, new.stage_changed_at, nullif(current_setting('conecta.actor', true), '')::bigint);
  return null;
end $$;
create trigger leads_stage_insert after insert on leads for each row execute function conecta_lead_stage_insert();

create function conecta_lead_stage_update() returns trigger language plpgsql as $$
begin
  if new.stage is distinct from old.stage then
    insert into lead_stage_history (lead_id, from_stage, to_stage, changed_at, changed_by, seconds_in_previous, lost_reason)
    values (new.id, old.stage, new.stage, now(), nullif(current_setting('conecta.actor', true), '')::bigint,
            greatest(0, floor(extract(epoch from (now() - old.stage_changed_at))))::bigint,
            case when exists (select 1 from lead_stages s where s.key = new.stage and s.outcome = 'lost')
                 then new.lost_reason end);
    new.stage_changed_at := now();
  end if;
  return new;
end $$;
create trigger leads_stage_update before update of stage on leads for each row execute function conecta_lead_stage_update();
