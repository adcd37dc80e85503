-- config/catalogue.yaml names a division for every business line; the default catalogue sells air conditioning and
-- computers too, which had no division, so a lead qualified in them could not become an opportunity.
insert into business_divisions (key, name_es, name_en) values
  ('climate', 'Climatización', 'Air conditioning'),
  ('computing', 'Computación', 'Computers')
on conflict (key) do nothing;
