-- 督办 (issue 5): the action plan as data (plans, actions, tasks, responsible units, yearly
-- targets), units' periodic progress reports with evidence and their review, reminder bookkeeping,
-- and month-end indicator snapshots (the trend lines).

create table plans (
  id text primary key,
  name text not null,
  name_en text not null default '',
  period_from int not null,
  period_to int not null check (period_to >= period_from),
  cadence text not null default 'quarter' check (cadence in ('month', 'quarter', 'half', 'year')),
  -- a report is due this many days after its period ends
  due_days int not null default 10 check (due_days between 0 and 90),
  source text not null default '',
  active boolean not null default true,
  created_at timestamptz not null default now()
);

create table plan_actions (
  plan_id text not null references plans(id) on delete cascade,
  no int not null,
  name text not null,
  name_en text not null default '',
  primary key (plan_id, no)
);

create table plan_tasks (
  id uuid primary key default gen_random_uuid(),
  plan_id text not null references plans(id) on delete cascade,
  no int not null,
  action_no int not null,
  summary text not null,
  text text not null,
  lead_unit text not null references units(code),
  version int not null default 1,
  updated_at timestamptz not null default now(),
  unique (plan_id, no),
  foreign key (plan_id, action_no) references plan_actions (plan_id, no)
);

create table plan_task_units (
  task_id uuid not null references plan_tasks(id) on delete cascade,
  unit_code text not null references units(code),
  sort int not null,
  primary key (task_id, unit_code)
);
create index plan_task_units_unit on plan_task_units (unit_code);

create table plan_targets (
  id uuid primary key default gen_random_uuid(),
  task_id uuid not null references plan_tasks(id) on delete cascade,
  unit_code text references units(code),
  year int not null,
  text text not null,
  indicator text,
  target_value numeric,
  created_at timestamptz not null default now()
);
create unique index plan_targets_one on plan_targets (task_id, coalesce(unit_code, ''), year, coalesce(indicator, ''));

create table plan_reports (
  id uuid primary key default gen_random_uuid(),
  task_id uuid not null references plan_tasks(id) on delete cascade,
  unit_code text not null references units(code),
  period text not null,
  due_on date not null,
  state text not null default 'draft' check (state in ('draft', 'submitted', 'accepted', 'returned')),
  progress text not null check (progress in ('not-started', 'in-progress', 'done', 'late')),
  done text not null default '',
  figures text not null default '',
  problems text not null default '',
  next_steps text not null default '',
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  submitted_by uuid references users(id),
  submitted_at timestamptz,
  reviewed_by uuid references users(id),
  reviewed_at timestamptz,
  review_comment text,
  version int not null default 1,
  unique (task_id, unit_code, period)
);
create index plan_reports_period on plan_reports (period, state);
create index plan_reports_unit on plan_reports (unit_code, period);

create table plan_report_events (
  id bigint generated always as identity primary key,
  report_id uuid not null references plan_reports(id) on delete cascade,
  at timestamptz not null default now(),
  user_id uuid references users(id),
  unit_code text,
  action text not null,
  comment text
);
create index plan_report_events_report on plan_report_events (report_id, at);

create table plan_evidence (
  id uuid primary key default gen_random_uuid(),
  report_id uuid not null references plan_reports(id) on delete cascade,
  filename text not null,
  mime text not null,
  size_bytes int not null check (size_bytes > 0),
  sha256 text not null,
  content bytea not null,
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index plan_evidence_report on plan_evidence (report_id);

-- Reminders already sent (a nightly run must not send the same one twice).
create table plan_reminders (
  plan_id text not null,
  period text not null,
  unit_code text not null,
  kind text not null check (kind in ('before', 'after')),
  sent_at timestamptz not null default now(),
  primary key (plan_id, period, unit_code, kind)
);

-- Month-end values of each indicator per street, and for the whole district under street_code ''
-- (a median cannot be summed from streets): the trend lines. Written nightly for the running month,
-- so the last write of a month is its month-end value.
create table indicator_snapshots (
  indicator text not null,
  month text not null,
  street_code text not null,
  numerator numeric,
  denominator numeric,
  value numeric,
  computed_at timestamptz not null default now(),
  primary key (indicator, month, street_code)
);

-- Who may see which reports, checked by PostgreSQL as well as by the routes: holders of
-- plan.read.all see every report; a unit sees its own, and the lead unit of a task sees its
-- co-units' reports on that task (it reviews them).
create or replace function app_unit() returns text language sql stable security definer set search_path = public as $$
  select unit_code from users where id = app_user_id()
$$;
create or replace function app_plan_all() returns boolean language sql stable security definer set search_path = public as $$
  select exists (select 1 from user_roles ur join roles r on r.code = ur.role_code
                 where ur.user_id = app_user_id() and 'plan.read.all' = any (r.permissions))
$$;
grant execute on function app_unit(), app_plan_all() to :app_role;

-- Which (task, unit) pairs have handed in their report for a period: what the reminder run needs,
-- without the content of any report.
create or replace function plan_report_status(p_plan text, p_period text) returns table (task_id uuid, unit_code text, state text)
language sql stable security definer set search_path = public as $$
  select r.task_id, r.unit_code, r.state from plan_reports r join plan_tasks t on t.id = r.task_id
  where t.plan_id = p_plan and r.period = p_period and r.state in ('submitted', 'accepted')
$$;
grant execute on function plan_report_status(text, text) to :app_role;

alter table plan_reports enable row level security;
create policy plan_reports_visible on plan_reports for all to :app_role
  using ((select app_plan_all()) or unit_code = (select app_unit())
         or task_id in (select t.id from plan_tasks t where t.lead_unit = (select app_unit())))
  with check ((select app_plan_all()) or unit_code = (select app_unit())
         or task_id in (select t.id from plan_tasks t where t.lead_unit = (select app_unit())));

alter table plan_report_events enable row level security;
create policy plan_report_events_visible on plan_report_events for all to :app_role
  using (report_id in (select id from plan_reports)) with check (report_id in (select id from plan_reports));

alter table plan_evidence enable row level security;
create policy plan_evidence_visible on plan_evidence for all to :app_role
  using (report_id in (select id from plan_reports)) with check (report_id in (select id from plan_reports));

grant select, insert, update on plans, plan_actions, plan_tasks to :app_role;
grant select, insert, update, delete on plan_task_units, plan_targets to :app_role;
grant select, insert, update on plan_reports to :app_role;
grant select, insert on plan_report_events to :app_role;
grant select, insert, delete on plan_evidence to :app_role;
grant select, insert on plan_reminders to :app_role;
grant select, insert, update on indicator_snapshots to :app_role;

-- Installations that already have the built-in roles get the new permissions once.
update roles set permissions = array(select distinct unnest(permissions || array['plan.read', 'plan.read.all', 'plan.report', 'plan.review', 'plan.manage']))
  where code = 'district_civil' and builtin;
update roles set permissions = array(select distinct unnest(permissions || array['plan.read', 'plan.report']))
  where code in ('department', 'street_supervisor') and builtin;
