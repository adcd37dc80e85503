-- Issue 25, contact import and export (CSV). Contacts get labels of their own (imported lists come tagged: "feria 2026",
-- "clientes VIP"); an import is a durable job a background worker runs in batches, resumable on any node.
alter table contacts add column labels text[] not null default '{}';
create index contacts_labels on contacts using gin (labels);
-- Imports match rows by phone however it was typed in the CRM ("+56 9 1234 5678" and "56912345678" are one number).
create index contacts_phone_digits on contacts ((regexp_replace(phone, '[^0-9]', '', 'g')));

create table import_jobs (
  id bigserial primary key,
  created_by bigint references users,
  locale text not null default 'es' check (locale in ('es', 'en')),
  file_name text not null,
  file_path text not null,
  byte_size bigint not null,
  charset text not null,
  delimiter text not null,
  has_bom boolean not null default false,
  header text[] not null,
  mapping jsonb,
  country_code text not null default '56',
  status text not null default 'uploaded'
    check (status in ('uploaded', 'queued', 'running', 'done', 'failed')),
  total_rows int,
  rows_done int not null default 0,
  created_count int not null default 0,
  updated_count int not null default 0,
  error_count int not null default 0,
  lease_owner text,
  lease_until timestamptz,
  failure text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz
);
-- The worker's claim looks for queued or abandoned running jobs only.
create index import_jobs_pending on import_jobs (id) where status in ('queued', 'running');

create table import_errors (
  id bigserial primary key,
  job_id bigint not null references import_jobs on delete cascade,
  row_no int not null,
  column_name text,
  value text,
  code text not null,
  message_es text not null,
  message_en text not null
);
create index import_errors_job on import_errors (job_id, row_no, id);

-- Upserts one batch of checked rows, in order (a file may name one person twice: the second row finds the first).
-- A row is matched by its identifier, then its phone (a WhatsApp address or the CRM phone), then its email; its
-- non-empty values win, its labels are added, its custom fields merged. A customer who opted out by writing BAJA/STOP
-- is never opted back in by a file: the row says so (o_kept_opted_out).
create function contact_import_batch(p_rows jsonb)
returns table (o_row int, o_contact bigint, o_created boolean, o_kept_opted_out boolean)
language plpgsql as $$
declare
  r record;
  v_id bigint;
  v_kept boolean;
begin
  for r in select * from jsonb_to_recordset(p_rows) as x(n int, name text, phone text, digits text, email text,
      identifier text, city text, labels text[], custom jsonb, optin text) order by x.n loop
    v_id := null;
    v_kept := false;
    if r.identifier is not null then
      select ci.contact_id into v_id from contact_identities ci where ci.kind = 'external_id' and ci.value = r.identifier;
    end if;
    if v_id is null and r.digits is not null then
      select ci.contact_id into v_id from contact_identities ci where ci.kind = 'whatsapp' and ci.value = r.digits;
    end if;
    if v_id is null and r.digits is not null then
      select c.id into v_id from contacts c
      where regexp_replace(c.phone, '[^0-9]', '', 'g') = r.digits and c.merged_into_id is null order by c.id limit 1;
    end if;
    if v_id is null and r.email is not null then
      select c.id into v_id from contacts c
      where lower(c.email) = r.email and c.merged_into_id is null order by c.id limit 1;
    end if;
    if v_id is null then
      insert into contacts (name, phone, email, city, labels, custom_attributes, do_not_contact, opted_out_at)
      values (r.name, r.phone, r.email, r.city, coalesce(r.labels, '{}'), coalesce(r.custom, '{}'),
              coalesce(r.optin = 'out', false), case when r.optin = 'out' then now() end)
      returning id into v_id;
      o_created := true;
    else
      select c.opted_out_at is not null and r.optin = 'in' into v_kept from contacts c where c.id = v_id;
      update contacts c set name = coalesce(r.name, c.name), phone = coalesce(r.phone, c.phone),
             email = coalesce(r.email, c.email), city = coalesce(r.city, c.city),
             labels = case when r.labels is null then c.labels
                           else array(select distinct l from unnest(c.labels || r.labels) l order by l) end,
             custom_attributes = c.custom_attributes || coalesce(r.custom, '{}'),
             do_not_contact = case when r.optin = 'out' then true
                                   when r.optin = 'in' and c.opted_out_at is null then false
                                   else c.do_not_contact end,
             opted_out_at = case when r.optin = 'out' then coalesce(c.opted_out_at, now()) else c.opted_out_at end,
             updated_at = now()
      where c.id = v_id;
      o_created := false;
    end if;
    if r.identifier is not null then
      insert into contact_identities (contact_id, kind, value) values (v_id, 'external_id', r.identifier)
      on conflict (kind, value) do nothing;
    end if;
    -- the rule of PhoneIsWhatsAppAddress: a phone is the contact's WhatsApp address unless a hub user's
    if r.digits is not null and length(r.digits) >= 8 and not exists (
        select 1 from users u where u.phone is not null and regexp_replace(u.phone, '[^0-9]', '', 'g') = r.digits) then
      insert into contact_identities (contact_id, kind, value) values (v_id, 'whatsapp', r.digits)
      on conflict (kind, value) do nothing;
    end if;
    o_row := r.n;
    o_contact := v_id;
    o_kept_opted_out := v_kept;
    return next;
  end loop;
end;
$$;
