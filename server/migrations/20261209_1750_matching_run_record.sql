-- The district matching run in seconds (issue 17).
--
-- 1. What a run covered, so that the results it found unchanged need no write. A run used to move
--    the as-of date of every stored row it did not recompute (1.3 million rows at 100,000
--    children: most of an unchanged night). Now the run records its area (the streets of its
--    scope) and the policies it matched; a stored row's as-of date is that of the latest finished
--    run that covered it after the row was written (eligibility_result_as_of below), else its own.
--    Runs recorded before this migration have no streets: they moved the dates themselves.
-- 2. How long it took, phase by phase, and how many children needed the full evaluation.
-- 3. Progress while it runs: the run's own transaction holds its matching_runs row locked until it
--    commits, so progress is written beside it, from another connection (no foreign key: its check
--    would wait for that lock).
alter table matching_runs
  add column streets text[],
  add column policy_ids text[],
  add column recomputed integer,
  add column duration_ms integer,
  add column phases jsonb;
grant update (streets, policy_ids, recomputed, duration_ms, phases) on matching_runs to :app_role;
create index matching_runs_done on matching_runs (finished_at desc) where status = 'done';

create table matching_run_progress (
  run_id uuid primary key,
  phase text not null,
  done integer not null default 0,
  total integer,
  at timestamptz not null default now()
);
grant select, insert, update on matching_run_progress to :app_role;

-- The as-of date of a stored result: the latest finished run that covered the row's street and
-- policy and finished when or after the row was written (a run's rows carry the run's own
-- transaction time, equal to its finished_at) confirmed it on its date; otherwise the row's own
-- date. Only for active children, as the runs match only those (an inactive child's rows keep the
-- date they were computed on, as before).
create function eligibility_result_as_of(p_street text, p_policy text, p_as_of date, p_computed_at timestamptz, p_active boolean)
returns date language sql stable parallel safe as $$
  select case when p_active then coalesce(
    (select m.as_of from matching_runs m
      where m.status = 'done' and m.finished_at >= p_computed_at and p_street = any (m.streets) and p_policy = any (m.policy_ids)
      order by m.finished_at desc limit 1),
    p_as_of) else p_as_of end
$$;
grant execute on function eligibility_result_as_of(text, text, date, timestamptz, boolean) to :app_role;

-- 4. A result row takes its area from its child on insert, and on an update only when the update
--    touches the area (a transfer sets street and committee: the trigger then copies them from the
--    child again, as before). An upsert of an existing result — the run's merge, a child's
--    re-match — fires the insert trigger for the proposed row and used to fire the update trigger
--    too: one lookup of the child per row instead of two.
drop trigger eligibility_results_area on eligibility_results;
create trigger eligibility_results_area before insert or update of child_id, street_code, committee_id on eligibility_results
  for each row execute function copy_area_from_child();
