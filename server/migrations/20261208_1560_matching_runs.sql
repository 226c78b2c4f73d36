-- The district matching runs (免申即享), one row each: written (committed) before the run starts,
-- so a run the server did not finish — killed, or the machine lost power — is still on record.
-- The run's own transaction holds its row locked (select … for update) until it commits; a row
-- still 'running' that nobody holds locked belongs to a dead run and is marked 'interrupted'
-- (at start-up and before every run: repo/runs.ts). The results themselves are written in the
-- run's one transaction: a killed run leaves the previous run's results, all of them.
-- No child's data here (counts only): no row-level security.
create table matching_runs (
  id uuid primary key default gen_random_uuid(),
  as_of date not null,
  -- who started it: a user (POST /api/eligibility/run), or the system's actor id for the nightly run
  started_by uuid,
  status text not null default 'running' check (status in ('running', 'done', 'failed', 'interrupted')),
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  children integer,
  changed integer,
  suggested integer
);
create index matching_runs_running on matching_runs (started_at) where status = 'running';

grant select, insert, update (status, finished_at, children, changed, suggested) on matching_runs to :app_role;
