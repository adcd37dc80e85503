-- A lead may belong to a team; a new lead with a team and no owner gets one by the team's round-robin.
alter table leads add column team_id bigint references teams;
