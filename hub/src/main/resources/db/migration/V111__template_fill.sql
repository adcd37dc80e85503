-- Issue 21 item 8: a campaign's message is stored with the text the customer received (the template's body with its
-- parameters filled), not "[template] param · param". The fan-out fills thousands of rows in one statement, so the
-- filling happens here rather than row by row in Java. {{n}} is WhatsApp's placeholder for parameter n.
create function conecta_fill_template(body text, vals text[]) returns text language plpgsql immutable as $$
declare
  out text := body;
begin
  for i in reverse coalesce(array_length(vals, 1), 0) .. 1 loop
    out := replace(out, '{{' || i || '}}', coalesce(vals[i], ''));
  end loop;
  return out;
end $$;
