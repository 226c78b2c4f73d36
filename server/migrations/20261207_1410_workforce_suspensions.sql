-- Part A (人员台账, 入职查询): the record-check commands and the daily job write the suspensions
-- with the application role, so they stay under row-level security: a caller may start or lift the
-- suspension of a person it sees (the person's street); a suspension of an account linked to no
-- ledger person (reason no_check) only with a district scope (the daily job acts as the system with
-- every street, a district user likewise).
create policy staff_access_suspensions_write on staff_access_suspensions for insert to :app_role
  with check (staff_id in (select s.id from staff s) or (staff_id is null and (select app_scope_kind()) = 'district' and not (select app_access_suspended())));
create policy staff_access_suspensions_update on staff_access_suspensions for update to :app_role
  using (staff_id in (select s.id from staff s) or ((select app_scope_kind()) = 'district' and not (select app_access_suspended())))
  with check (staff_id in (select s.id from staff s) or (staff_id is null and (select app_scope_kind()) = 'district' and not (select app_access_suspended())));
create policy staff_access_suspensions_delete on staff_access_suspensions for delete to :app_role
  using (staff_id in (select s.id from staff s) or (staff_id is null and (select app_scope_kind()) = 'district' and not (select app_access_suspended())));
-- an insert with on conflict also reads the row: a district scope sees the no_check suspensions
create policy staff_access_suspensions_unlinked on staff_access_suspensions for select to :app_role
  using (staff_id is null and (select app_scope_kind()) = 'district' and not (select app_access_suspended()));
grant insert, update, delete on staff_access_suspensions to :app_role;

-- The administrator (scope none, who sees no ledger person) may grant a role that needs a record
-- check only to an account linked to a ledger person with a valid check: this answers, for one
-- account, the checks of its linked person (null: linked to no one) — dates and results only.
create or replace function staff_checks_of_user(p_user uuid) returns json language sql stable security definer set search_path = public as $$
  select case when s.id is null then null
              else coalesce((select json_agg(json_build_object('kind', rc.kind, 'requestedOn', rc.requested_on, 'answeredOn', rc.answered_on, 'result', rc.result))
                               from record_checks rc where rc.staff_id = s.id), '[]'::json) end
    from (select 1) one left join staff s on s.user_id = p_user and (s.left_on is null or s.left_on > current_date)
$$;
grant execute on function staff_checks_of_user(uuid) to :app_role;

-- The session lookup runs before the caller is known (no app.user_id), so the suspension policy
-- would hide the row: this answers "is this account suspended" and nothing else (not the reason).
create or replace function user_access_suspended(p_user uuid) returns boolean language sql stable security definer set search_path = public as $$
  select exists (select 1 from staff_access_suspensions where user_id = p_user)
$$;
grant execute on function user_access_suspended(uuid) to :app_role;
