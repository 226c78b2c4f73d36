-- 协同 (issue 11): referrals (转介) between units about a child, with deadlines, and the
-- case-scoped access they give the receiving unit.
--
-- A department or organisation sees a child only through a referral addressed to it that is open
-- (or ended less than `access_days_after` days ago), and only the sections of the file that the
-- referral's kind declares (`referral_kinds.sections`). The server computes, per request, one list
-- of child ids per section (`app.ref_<section>`), and the policies of the child tables gain one
-- arm: `child_id = any (app_referral_children('<section>'))`. No referral, no row.

-- ---- the caller's unit and scope kind, for the referral policies ----
create or replace function app_unit() returns text language sql stable as $$
  select nullif(current_setting('app.unit', true), '')
$$;

create or replace function app_scope_kind() returns text language sql stable as $$
  select coalesce(nullif(current_setting('app.scope_kind', true), ''), 'none')
$$;

-- The children whose `section` the caller's unit may see through its referrals (set per request).
create or replace function app_referral_children(section text) returns uuid[] language sql stable as $$
  select coalesce(string_to_array(nullif(current_setting('app.ref_' || section, true), ''), ',')::uuid[], '{}'::uuid[])
$$;
grant execute on function app_unit(), app_scope_kind(), app_referral_children(text) to :app_role;

-- ---- kinds, settings, calendar, directory ----

-- What a referral of each kind lets the receiving unit see (sections of the file) and how it is
-- completed. Seeded from common/src/referrals.ts at every start (new kinds only); administrators
-- may narrow or widen `sections` and the default deadline.
create table referral_kinds (
  code text primary key,
  name text not null,
  name_en text not null default '',
  sections text[] not null check (cardinality(sections) > 0 and 'identity' = any (sections)),
  completion text not null check (completion in ('entitlement', 'school', 'problem', 'assistance', 'response')),
  default_days int not null check (default_days between 1 and 365),
  channel boolean not null default false,
  sort int not null default 0,
  active boolean not null default true,
  updated_at timestamptz not null default now()
);

-- One row: how long a receiving unit keeps access after a referral ends, deadlines of 暖杨通道,
-- reminders and the second escalation.
create table referral_settings (
  id boolean primary key default true check (id),
  access_days_after int not null default 30 check (access_days_after between 0 and 365),
  ack_working_days int not null default 1 check (ack_working_days between 1 and 30),
  channel_ack_hours int not null default 2 check (channel_ack_hours between 1 and 72),
  remind_before_days int not null default 1 check (remind_before_days between 0 and 30),
  district_after_days int not null default 2 check (district_after_days between 1 and 30),
  updated_at timestamptz not null default now()
);
insert into referral_settings (id) values (true);

-- Working-day calendar: Monday to Friday are working days unless listed as a holiday; a weekend
-- day listed as a working day (调休) counts. The district loads each year's State Council notice.
create table work_calendar (
  day date primary key,
  kind text not null check (kind in ('holiday', 'workday')),
  note text not null default '',
  updated_at timestamptz not null default now()
);

-- The service directory: who receives referrals of which kinds, for which ages and streets.
create table referral_receivers (
  id uuid primary key default gen_random_uuid(),
  unit_code text not null references units(code),
  kinds text[] not null check (cardinality(kinds) > 0),
  min_age int check (min_age between 0 and 25),
  max_age int check (max_age between 0 and 25),
  streets text[] not null default '{}',       -- catchment; empty: the whole district
  contact_name text,
  contact_phone text,
  capacity int check (capacity >= 0),
  services text not null default '',
  active boolean not null default true,
  updated_by uuid,
  updated_at timestamptz not null default now(),
  version int not null default 1,
  unique (unit_code),
  check (min_age is null or max_age is null or min_age <= max_age)
);

-- ---- referrals ----
create table referrals (
  id uuid primary key default gen_random_uuid(),
  no bigint generated always as identity,
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  member_id uuid references household_members(id) on delete set null,
  kind text not null references referral_kinds(code),
  channel boolean not null default false,
  from_unit text not null references units(code),
  from_user uuid references users(id),
  to_unit text not null references units(code),
  reason text not null,
  urgency text not null default 'normal' check (urgency in ('normal', 'urgent', 'emergency')),
  status text not null default 'sent'
    check (status in ('sent', 'received', 'accepted', 'declined', 'in_progress', 'completed', 'closed', 'withdrawn')),
  ack_due_at timestamptz not null,
  due_on date not null,
  received_at timestamptz,
  accepted_at timestamptz,
  ended_at timestamptz,                       -- completed, declined or withdrawn: the access window starts
  closed_at timestamptz,
  decline_reason text,
  outcome text,
  outcome_result text check (outcome_result in ('done', 'partly', 'not_possible')),
  -- the policy a benefit referral applies for (免申即享 policy id), when the kind's completion is 'entitlement'
  policy_id text,
  -- the record this referral carries (an entitlement to decide, a problem escalated)
  source_kind text check (source_kind in ('entitlement', 'problem', 'dropout')),
  source_id uuid,
  escalation_level int not null default 0 check (escalation_level between 0 and 2),
  reminded_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  check (status <> 'declined' or decline_reason is not null),
  check (status not in ('completed', 'closed') or outcome is not null or decline_reason is not null)
);
create index referrals_to_unit on referrals (to_unit, status, due_on);
create index referrals_from_unit on referrals (from_unit, status, created_at desc);
create index referrals_child on referrals (child_id, created_at desc);
create index referrals_area on referrals (street_code, status);
create index referrals_source on referrals (source_kind, source_id);
create index referrals_open_deadlines on referrals (ack_due_at, due_on) where status in ('sent', 'received', 'accepted', 'in_progress');
-- The area follows the child at creation (a row's later updates by a receiving unit or the
-- deadline job must not need to see the child).
create trigger referrals_area before insert or update of child_id on referrals for each row execute function copy_area_from_child();

create table referral_events (
  id bigint generated always as identity primary key,
  referral_id uuid not null references referrals(id) on delete cascade,
  at timestamptz not null default now(),
  user_id uuid,
  username text,
  display_name text,
  unit_code text,
  kind text not null check (kind in ('status', 'comment', 'reminder', 'escalation', 'view')),
  from_status text,
  to_status text,
  note text
);
create index referral_events_referral on referral_events (referral_id, at);

create table referral_attachments (
  referral_id uuid not null references referrals(id) on delete cascade,
  attachment_id uuid not null,
  primary key (referral_id, attachment_id)
);

-- Who sees a referral: the area that holds the child (street, committee, assigned), the sending
-- and the receiving unit. A 暖杨通道 referral (channel) only the sender, the receiving unit and
-- the district: a committee colleague of the sender does not.
alter table referrals enable row level security;
create policy referrals_visible on referrals for all to :app_role
  using (
    (not channel and (street_code = any ((select app_streets())::text[]) or committee_id = any ((select app_committees())::uuid[])
                      or child_id = any ((select app_assigned_children())::uuid[]) or from_unit = (select app_unit())))
    or to_unit = (select app_unit())
    or from_user = (select app_user_id())
    or (channel and (select app_scope_kind()) = 'district'))
  with check (
    street_code = any ((select app_streets())::text[]) or committee_id = any ((select app_committees())::uuid[])
    or child_id = any ((select app_assigned_children())::uuid[])
    or from_unit = (select app_unit()) or to_unit = (select app_unit()));

alter table referral_events enable row level security;
create policy referral_events_visible on referral_events for all to :app_role
  using (exists (select 1 from referrals r where r.id = referral_id))
  with check (exists (select 1 from referrals r where r.id = referral_id));
alter table referral_attachments enable row level security;
create policy referral_attachments_visible on referral_attachments for all to :app_role
  using (exists (select 1 from referrals r where r.id = referral_id))
  with check (exists (select 1 from referrals r where r.id = referral_id));

grant select, insert, update on referral_kinds, referral_settings, referral_receivers to :app_role;
grant select, insert, update, delete on work_calendar to :app_role;
grant select, insert, update on referrals to :app_role;
grant select, insert on referral_events, referral_attachments to :app_role;

-- ---- the child tables gain the referral arm ----
do $$
declare
  t text;
  s text;
  keyed text := 'street_code = any ((select app_streets())::text[]) or committee_id = any ((select app_committees())::uuid[])';
  -- table → the section of the file it belongs to
  sections text[][] := array[
    ['child_categories', 'identity'], ['household_members', 'family'], ['child_benefits', 'benefits'],
    ['eligibility_results', 'benefits'], ['entitlements', 'benefits'], ['entitlement_events', 'benefits'],
    ['problems', 'problems'], ['problem_events', 'problems'], ['assistance', 'assistance'], ['visits', 'visits']];
  i int;
begin
  execute 'drop policy children_in_scope on children';
  execute format($p$create policy children_in_scope on children for all to :app_role
    using (%1$s or id = any ((select app_assigned_children())::uuid[]) or id = any ((select app_referral_children('identity'))::uuid[]))
    with check (%1$s or id = any ((select app_assigned_children())::uuid[]) or id = any ((select app_referral_children('identity'))::uuid[]))$p$, keyed);
  for i in 1 .. array_length(sections, 1) loop
    t := sections[i][1];
    s := sections[i][2];
    execute format('drop policy %I on %I', t || '_in_scope', t);
    execute format($p$create policy %1$I on %2$I for all to :app_role
      using (%3$s or child_id = any ((select app_assigned_children())::uuid[]) or child_id = any ((select app_referral_children(%4$L))::uuid[]))
      with check (%3$s or child_id = any ((select app_assigned_children())::uuid[]) or child_id = any ((select app_referral_children(%4$L))::uuid[]))$p$,
      t || '_in_scope', t, keyed, s);
  end loop;
  -- The file's history: a receiving unit that changes the file (a school re-enrolment) writes its
  -- history row, but does not read the rest of the history.
  execute 'drop policy child_history_in_scope on child_history';
  execute format($p$create policy child_history_in_scope on child_history for all to :app_role
    using (%1$s or child_id = any ((select app_assigned_children())::uuid[]))
    with check (%1$s or child_id = any ((select app_assigned_children())::uuid[]) or child_id = any ((select app_referral_children('identity'))::uuid[]))$p$, keyed);
end $$;

-- Installations created before referrals existed: the built-in roles gain their referral
-- permissions (new installations get them from the role list; unit_head is added at start).
do $$
declare
  r record;
begin
  for r in select * from (values
      ('district_civil', array['referrals.read', 'referrals.send', 'referrals.handle', 'referrals.supervise', 'referrals.manage']),
      ('department', array['referrals.read', 'referrals.send', 'referrals.handle', 'entitlements.write']),
      ('street_supervisor', array['referrals.read', 'referrals.send', 'referrals.handle', 'referrals.supervise']),
      ('leader', array['referrals.read']),
      ('child_director', array['referrals.read', 'referrals.send']),
      ('social_worker', array['referrals.read', 'referrals.send'])) as v(code, perms)
  loop
    update roles set permissions = (select array_agg(distinct p order by p) from unnest(permissions || r.perms) p), updated_at = now()
     where code = r.code and builtin;
  end loop;
end $$;
