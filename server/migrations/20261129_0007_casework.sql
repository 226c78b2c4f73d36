-- Casework around a child: work logs, assistance given (关爱帮扶记录), problems found and their
-- resolution with a timeline (发现问题和解决方案), help plans (帮扶方案) with reviews, and growth
-- mentors / peer buddies (全员导师制).

create table work_logs (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id),
  street_code text,              -- the worker's street (null for district staff)
  committee_id uuid,
  worked_on date not null,
  hours numeric(4, 1) not null check (hours > 0 and hours <= 24),
  content text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index work_logs_user on work_logs (user_id, worked_on desc);
create index work_logs_area on work_logs (street_code, worked_on desc);

create table work_log_children (
  work_log_id uuid not null references work_logs(id) on delete cascade,
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  primary key (work_log_id, child_id)
);
create index work_log_children_child on work_log_children (child_id);

create table problems (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  description text not null,
  category text not null check (category in ('living', 'safety', 'health', 'schooling', 'guardianship', 'psychology', 'policy', 'other')),
  severity text not null check (severity in ('high', 'medium', 'low')),
  responsible_unit text references units(code),
  due_on date,
  status text not null default 'open' check (status in ('open', 'in_progress', 'resolved', 'escalated')),
  resolution text,
  resolved_on date,
  escalated_to text references units(code),
  visit_id uuid,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  check ((status = 'resolved') = (resolution is not null and resolved_on is not null))
);
create index problems_child on problems (child_id);
create index problems_area on problems (street_code, status, due_on);

create table problem_events (
  id bigint generated always as identity primary key,
  problem_id uuid not null references problems(id) on delete cascade,
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  at timestamptz not null default now(),
  user_id uuid,
  username text,
  kind text not null check (kind in ('created', 'status', 'comment', 'escalated', 'resolved', 'reopened', 'assigned')),
  from_status text,
  to_status text,
  note text
);
create index problem_events_problem on problem_events (problem_id, at);

create table assistance (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  kind text not null check (kind in ('material', 'money', 'service', 'referral', 'education', 'medical', 'psychological')),
  provider_unit text references units(code),
  provider_name text not null,
  value_fen bigint check (value_fen >= 0),
  description text not null,
  given_on date not null,
  problem_id uuid references problems(id),
  created_by uuid,
  created_at timestamptz not null default now()
);
create index assistance_child on assistance (child_id, given_on desc);
create index assistance_area on assistance (street_code, given_on desc);

create table care_plans (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  goals text not null,
  measures text not null,
  responsible text not null,
  review_on date not null,
  status text not null default 'active' check (status in ('active', 'closed')),
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1
);
create index care_plans_child on care_plans (child_id);

create table care_plan_reviews (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references care_plans(id) on delete cascade,
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  reviewed_on date not null,
  summary text not null,
  next_review_on date,
  reviewer_id uuid,
  reviewer_name text not null,
  created_at timestamptz not null default now()
);
create index care_plan_reviews_plan on care_plan_reviews (plan_id, reviewed_on);

-- People who mentor (teachers, volunteers) or buddy (peer students) children. Name and school or
-- unit only: no identity numbers.
create table mentors (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('mentor', 'buddy')),
  name text not null,
  organisation text not null,    -- school or unit
  phone_enc text,
  street_code text references streets(code),
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create index mentors_kind on mentors (kind, active);

do $$ declare t text; begin
  foreach t in array array['work_log_children', 'problems', 'problem_events', 'assistance', 'care_plans', 'care_plan_reviews'] loop
    execute format('create trigger %I before insert or update on %I for each row execute function copy_area_from_child()', t || '_area', t);
    execute format('alter table %I enable row level security', t);
    execute format($p$create policy %I on %I for all to :app_role
      using (street_code = any (app_streets()) or committee_id = any (app_committees()) or child_id = any (app_assigned_children()))
      with check (street_code = any (app_streets()) or committee_id = any (app_committees()) or child_id = any (app_assigned_children()))$p$,
      t || '_in_scope', t);
  end loop;
end $$;

-- A work log belongs to its worker; the street sees its workers' logs.
alter table work_logs enable row level security;
create policy work_logs_in_scope on work_logs for all to :app_role
  using (user_id = app_user_id() or street_code = any (app_streets()) or committee_id = any (app_committees()))
  with check (user_id = app_user_id());

grant select, insert, update, delete on work_logs, work_log_children, problems, assistance, care_plans, care_plan_reviews to :app_role;
grant select, insert on problem_events to :app_role;
grant select, insert, update on mentors to :app_role;

alter table children add constraint children_mentor foreign key (mentor_id) references mentors(id);
alter table children add constraint children_buddy foreign key (buddy_id) references mentors(id);
