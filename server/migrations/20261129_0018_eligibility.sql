-- 免申即享 (issue 4): stored eligibility results, entitlements with their timeline, and maintained
-- dated policy values. Child tables follow the area pattern (child_id + street_code + committee_id,
-- copy_area_from_child(), the key-list policy in the InitPlan form of 0013).

create table eligibility_results (
  id bigint generated always as identity primary key,
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  policy_id text not null,
  logic_version text,
  as_of date not null,
  verdict text not null check (verdict in ('eligible', 'not_eligible', 'undetermined')),
  amount_fen bigint,
  failed jsonb not null default '[]',
  missing jsonb not null default '[]',
  computed_at timestamptz not null default now(),
  unique (child_id, policy_id)
);
create index eligibility_results_area on eligibility_results (street_code, verdict, policy_id);
create index eligibility_results_policy on eligibility_results (policy_id, verdict);

create table entitlements (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  policy_id text not null,
  status text not null default 'suggested' check (status in ('suggested', 'verified', 'submitted', 'granted', 'refused', 'ended')),
  from_date date,
  amount_fen bigint,
  note text,
  reason text,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  check (status <> 'refused' or reason is not null),
  check (status <> 'granted' or from_date is not null)
);
create unique index entitlements_active on entitlements (child_id, policy_id) where status not in ('refused', 'ended');
create index entitlements_area on entitlements (street_code, status, policy_id);

create table entitlement_events (
  id bigint generated always as identity primary key,
  entitlement_id uuid not null references entitlements(id) on delete cascade,
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  at timestamptz not null default now(),
  user_id uuid,
  username text,
  from_status text,
  to_status text not null,
  note text
);
create index entitlement_events_entitlement on entitlement_events (entitlement_id, at);

do $$
declare
  t text;
  keyed text := 'street_code = any ((select app_streets())::text[]) or committee_id = any ((select app_committees())::uuid[])';
begin
  foreach t in array array['eligibility_results', 'entitlements', 'entitlement_events'] loop
    execute format('create trigger %I before insert or update on %I for each row execute function copy_area_from_child()', t || '_area', t);
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I for all to :app_role using (%3$s or child_id = any ((select app_assigned_children())::uuid[])) with check (%3$s or child_id = any ((select app_assigned_children())::uuid[]))',
                   t || '_in_scope', t, keyed);
  end loop;
end $$;

-- Maintained dated parameter values (reference data, no RLS): merged over the YAML pack at start.
create table policy_values (
  id bigint generated always as identity primary key,
  policy_id text not null,
  param text not null,
  from_date date not null,
  to_date date,
  value numeric not null,
  source text not null check (length(trim(source)) > 0),
  verified boolean not null default false,
  note text,
  created_by uuid,
  created_at timestamptz not null default now(),
  check (to_date is null or to_date >= from_date)
);
create index policy_values_policy on policy_values (policy_id, param, from_date);

grant select, insert, update, delete on eligibility_results, entitlements to :app_role;
grant select, insert on entitlement_events, policy_values to :app_role;
