-- Part C of issue 14: the restricted-persons list's matching and review, and the evaluation rule
-- that a reviewer never evaluates themselves.
--
-- The matching runs in SECURITY DEFINER functions: the street that saves a person cannot read the
-- list or the matches (RLS: workforce.restricted only), and match_restricted_for_staff returns
-- nothing, so saving a person teaches the street nothing. The functions write the matches and the
-- notices to the holders of workforce.restricted themselves.

-- Writes the matches of one person (p_staff) or of the whole ledger against one list (p_list), and
-- notifies the reviewers of the new ones. Not granted to the application: the wrappers below are.
create or replace function restricted_match_write(p_staff uuid, p_list uuid) returns int
language plpgsql security definer set search_path = public, pg_temp as $$
declare
  n int;
begin
  with found as (
    insert into restricted_matches (staff_id, restricted_person_id)
    select s.id, rp.id
      from staff s
      join restricted_persons rp on rp.id_number_bidx = s.id_number_bidx
      join restricted_lists l on l.id = rp.list_id and l.active
     where s.id_number_bidx is not null
       and (p_staff is null or s.id = p_staff)
       and (p_list is null or rp.list_id = p_list)
    on conflict (staff_id, restricted_person_id) do nothing
    returning id
  )
  select count(*) into n from found;
  if n > 0 then
    -- the notice names no one: the reviewer opens the matches page
    insert into notifications (user_id, kind, title, body, entity)
    select u.id, 'restricted.match', '从业限制名单比对：发现疑似匹配',
           format('人员台账中新发现 %s 条与从业限制名单疑似匹配的记录，请到“从业限制名单”页面核查。', n), 'restricted_match'
      from users u
     where not u.disabled
       and exists (select 1 from user_roles ur join roles r on r.code = ur.role_code
                    where ur.user_id = u.id and 'workforce.restricted' = any (r.permissions));
  end if;
  return n;
end $$;

-- Called after a person's identity number is saved: returns nothing, whatever it finds.
create or replace function match_restricted_for_staff(p_staff uuid) returns void
language plpgsql security definer set search_path = public, pg_temp as $$
begin
  perform restricted_match_write(p_staff, null);
end $$;

-- Called by the reviewer after loading a list: the number of new matches.
create or replace function match_restricted_for_list(p_list uuid) returns int
language plpgsql security definer set search_path = public, pg_temp as $$
begin
  if not app_has_permission('workforce.restricted') then
    raise exception 'workforce.restricted required' using errcode = '42501';
  end if;
  return restricted_match_write(null, p_list);
end $$;

-- The matches with the person's name and street (the reviewer has no area scope, so reads the
-- ledger's few columns through this function, and only for matched people).
create or replace function restricted_match_rows(p_status text) returns table (
  id uuid, staff_id uuid, staff_name text, role_kind text, street_name text, has_account boolean, user_id uuid,
  list_name text, name_masked text, restriction text, found_at timestamptz, status text,
  reviewed_by_name text, reviewed_at timestamptz, note text
) language plpgsql stable security definer set search_path = public, pg_temp as $$
begin
  if not app_has_permission('workforce.restricted') then
    raise exception 'workforce.restricted required' using errcode = '42501';
  end if;
  return query
    select m.id, s.id, s.name, s.role_kind, st.name, s.user_id is not null, s.user_id,
           l.name, rp.name_masked, rp.restriction, m.found_at, m.status,
           ru.display_name, m.reviewed_at, m.note
      from restricted_matches m
      join staff s on s.id = m.staff_id
      join restricted_persons rp on rp.id = m.restricted_person_id
      join restricted_lists l on l.id = rp.list_id
      left join streets st on st.code = s.street_code
      left join users ru on ru.id = m.reviewed_by
     where p_status is null or m.status = p_status
     order by (m.status = 'open') desc, m.found_at desc, s.name;
end $$;

-- A confirmed match is recorded as a 'restricted' record-check answer, suspends the person's account
-- (reason 'restricted') and ends its sessions. Returns the suspended user (null without an account).
create or replace function restricted_match_suspend(p_match uuid, p_now timestamptz) returns uuid
language plpgsql security definer set search_path = public, pg_temp as $$
declare
  v_staff uuid;
  v_user uuid;
begin
  if not app_has_permission('workforce.restricted') then
    raise exception 'workforce.restricted required' using errcode = '42501';
  end if;
  select m.staff_id, s.user_id into v_staff, v_user
    from restricted_matches m join staff s on s.id = m.staff_id
   where m.id = p_match and m.status = 'confirmed';
  if v_staff is null then
    return null;
  end if;
  -- The confirmed match is recorded as a record-check answer 'restricted': the record-check rule
  -- (common/src/vetting.ts) then keeps the person suspended and refuses any child-facing role, so
  -- the daily record-check job never lifts this suspension on the strength of an earlier clear check.
  insert into record_checks (staff_id, kind, requested_on, request_ref, answered_on, result, answer_ref, note, recorded_by)
  select v_staff, 'annual', d, '从业限制名单比对', d, 'restricted', '从业限制名单核查确认', l.name, app_user_id()
    from (select (p_now at time zone 'Asia/Shanghai')::date as d) x,
         restricted_matches m join restricted_persons rp on rp.id = m.restricted_person_id join restricted_lists l on l.id = rp.list_id
   where m.id = p_match;
  if v_user is null then
    return null;
  end if;
  insert into staff_access_suspensions (user_id, staff_id, since, reason) values (v_user, v_staff, p_now, 'restricted')
  on conflict (user_id) do update set reason = 'restricted', staff_id = excluded.staff_id, since = excluded.since;
  update sessions set revoked_at = p_now where user_id = v_user and revoked_at is null;
  return v_user;
end $$;

revoke all on function restricted_match_write(uuid, uuid) from public;
revoke all on function match_restricted_for_staff(uuid), match_restricted_for_list(uuid), restricted_match_rows(text),
  restricted_match_suspend(uuid, timestamptz) from public;
grant execute on function match_restricted_for_staff(uuid), match_restricted_for_list(uuid), restricted_match_rows(text),
  restricted_match_suspend(uuid, timestamptz) to :app_role;

-- ---- evaluations: a reviewer never evaluates themselves ----
create or replace function staff_evaluation_not_self() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
  if new.reviewer_id is not null and exists (select 1 from staff s where s.id = new.staff_id and s.user_id = new.reviewer_id) then
    raise exception '不能评价自己' using errcode = '23514', constraint = 'staff_evaluations_not_self';
  end if;
  return new;
end $$;
create trigger staff_evaluations_not_self before insert or update of reviewer_id, staff_id on staff_evaluations
  for each row execute function staff_evaluation_not_self();

-- one file loaded once (the same file twice changes nothing)
create unique index restricted_lists_sha on restricted_lists (file_sha256) where file_sha256 is not null;
