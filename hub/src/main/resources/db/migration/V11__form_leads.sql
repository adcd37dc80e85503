-- Web-form leads carry a short reference code that links a later WhatsApp chat back to them.
create index leads_reference_code on leads ((custom_attributes ->> 'referenceCode'));
