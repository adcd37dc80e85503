-- Issue 21 item 3: tax ids are now stored normalised (76086428-5, as TaxIds writes them), so that a search and the
-- conversion's "same company" check find an account however its RUT was typed. Accounts written before were stored as
-- typed: bring the RUT-shaped ones (76.086.428-5, 76086428-k) to the same form. Nothing else is touched.
update accounts set tax_id = upper(replace(replace(tax_id, '.', ''), ' ', ''))
where tax_id ~ '^\s*\d{1,2}\.?\d{3}\.?\d{3}-[0-9kK]\s*$';
