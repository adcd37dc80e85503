-- WhatsApp message templates as Meta knows them (issue 25): one row per WhatsApp Business Account, name and language,
-- kept by listing the account (sync), by what Settings submits, and by message_template_status_update webhooks.
create table whatsapp_templates (
  id bigserial primary key,
  waba_id text not null,
  name text not null,
  language text not null,
  category text,
  status text not null,
  components jsonb not null default '[]'::jsonb,
  rejection_reason text,
  meta_id text,
  created_by bigint,
  synced_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (waba_id, name, language)
);
-- The pickers ask for the approved ones of a language.
create index whatsapp_templates_approved on whatsapp_templates (language) where status = 'APPROVED';
