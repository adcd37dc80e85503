-- "Does this contact have an address on this channel?" is asked once per contact by every audience, count and launch.
-- With only (contact_id) and (kind, value) to go by, PostgreSQL answered it by AND-ing two bitmaps, the second
-- covering every identity of the channel: 0.14 ms per contact, 0.75-0.85 s to freeze a 5,000-recipient campaign
-- once the hub-user exclusion made the planner expect a handful of contacts and choose a nested loop.
create index if not exists contact_identities_contact_kind on contact_identities (contact_id, kind);
