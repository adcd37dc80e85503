-- The pipeline board reads each stage's newest moves first and sums what the leads are worth: an index in that order,
-- and the bot's budget answer as a number kept with the row (parsing JSON text for thousands of leads on every board
-- read cost more than the rest of the query).
create index leads_stage_board on leads (stage, stage_changed_at desc, id desc);
alter table leads add column budget_amount numeric(14, 2) generated always as (
  case when answers ->> 'budget' ~ '^[0-9]{1,12}(\.[0-9]{1,2})?$' then (answers ->> 'budget')::numeric end) stored;
