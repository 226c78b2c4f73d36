-- 返家监护监督与临时照料 (plan tasks 16, 17): the follow-up schedule of a child returned home and the
-- procuratorate's masked view of overdue follow-ups. The tables themselves come from
-- 20261205_1200_guardianship.sql (guardianship_supervisions, supervision_followups, placements).

-- The follow-up schedule (configurable by guardianship.manage): every `first_interval_days` during
-- the first `first_period_days` after the child returned home, then every `later_interval_days`.
-- One row; a supervision copies the schedule when it starts, so a later change does not move the
-- dates of supervisions already running.
create table aftercare_settings (
  id boolean primary key default true check (id),
  first_interval_days int not null default 30 check (first_interval_days between 1 and 365),
  first_period_days int not null default 90 check (first_period_days between 0 and 3650),
  later_interval_days int not null default 60 check (later_interval_days between 1 and 365),
  updated_by uuid,
  updated_at timestamptz not null default now(),
  version int not null default 1
);
insert into aftercare_settings (id) values (true);
grant select, update on aftercare_settings to :app_role;

-- A supervision keeps the schedule it started with (interval_days is the first-period interval).
alter table guardianship_supervisions
  add column first_period_days int not null default 90 check (first_period_days between 0 and 3650),
  add column later_interval_days int not null default 60 check (later_interval_days between 1 and 365);

-- At most one follow-up waiting per supervision: the schedule is "the next one after each record".
create unique index supervision_followups_one_open on supervision_followups (supervision_id) where done_on is null;

-- The procuratorate (guardianship.oversight, scope none) reaches no child row: this function gives
-- it the district's overdue follow-ups, masked (the child's name keeps its first and last
-- character, as common/src/mask.ts maskName), with the street, committee, supervisor, due day and
-- days overdue — never the child's id, notes or phone. It checks the caller's permission itself,
-- so another role calling it directly gets an error, not the list. The server audits each call.
create or replace function aftercare_overdue_followups(p_today date, p_limit int, p_offset int)
returns table (followup_id uuid, child_masked text, street_code text, street_name text, committee_name text,
               supervisor_name text, due_on date, days_overdue int, total bigint)
language plpgsql stable security definer set search_path = public as $$
begin
  if not exists (select 1 from user_roles ur join roles r on r.code = ur.role_code join users u on u.id = ur.user_id
                  where ur.user_id = nullif(current_setting('app.user_id', true), '')::uuid and not u.disabled
                    and 'guardianship.oversight' = any (r.permissions)) then
    raise exception 'guardianship.oversight required' using errcode = '42501';
  end if;
  return query
    select f.id,
           case when char_length(c.name) <= 1 then '*'
                when char_length(c.name) = 2 then left(c.name, 1) || '*'
                else left(c.name, 1) || repeat('*', char_length(c.name) - 2) || right(c.name, 1) end,
           f.street_code, s.name, cm.name, g.supervisor_name, f.due_on, (p_today - f.due_on)::int,
           count(*) over ()
      from supervision_followups f
      join guardianship_supervisions g on g.id = f.supervision_id and g.ended_on is null
      join children c on c.id = f.child_id
      join streets s on s.code = f.street_code
      join committees cm on cm.id = f.committee_id
     where f.done_on is null and f.due_on < p_today
     order by f.due_on, f.id
     limit p_limit offset p_offset;
end $$;
revoke all on function aftercare_overdue_followups(date, int, int) from public;
grant execute on function aftercare_overdue_followups(date, int, int) to :app_role;

-- The problem a worrying follow-up raised on the child's file (it then follows the problem flow).
alter table supervision_followups add column problem_id uuid references problems(id) on delete set null;
