-- The outbox and the campaign recipients are queues: every row is inserted, updated two or three times within
-- seconds, and left behind. At the default thresholds (a fifth of the table) autovacuum lets hundreds of thousands
-- of dead entries pile up in their partial indexes during one large campaign, and every claim walks them; and a
-- table that just took 100,000 recipients is planned as if it were empty until the next autoanalyze.
alter table outbox set (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 2000,
                        autovacuum_analyze_scale_factor = 0.02, autovacuum_analyze_threshold = 2000);
alter table campaign_recipients set (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 2000,
                                     autovacuum_analyze_scale_factor = 0.02, autovacuum_analyze_threshold = 2000);

-- The claim walks due rows in (next_attempt_at, id) order and stops at its batch: the index holds that order, so a
-- campaign's rows (inserted together, with one timestamp) need no sort.
drop index if exists outbox_due;
create index outbox_due on outbox (next_attempt_at, id) where status = 'pending';

-- The rows being sent, by node: the lease renewal (every few seconds, per node) and the release of a stopped node's
-- claims read only these, not the whole outbox. Not on claimed_until, so that a renewal stays a HOT update.
create index outbox_sending on outbox (claimed_by) where status = 'sending';
