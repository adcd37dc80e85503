-- Issue 21 item 8: contacts the sales team typed into the CRM with a phone were never reachable by a campaign (they
-- had no WhatsApp identity, only customers who wrote in had one). A phone is a WhatsApp address unless the provider
-- says otherwise: give those contacts one, with the rule PhoneIsWhatsAppAddress applies to every later write.
insert into contact_identities (contact_id, kind, value)
select ct.id, 'whatsapp', d.digits
from contacts ct cross join lateral (select regexp_replace(ct.phone, '[^0-9]', '', 'g') as digits) d
where ct.phone is not null and length(d.digits) >= 8 and ct.merged_into_id is null
  and not exists (select 1 from users u where u.phone is not null
                  and regexp_replace(u.phone, '[^0-9]', '', 'g') = d.digits)
on conflict (kind, value) do nothing;
