-- Issue 16 (数据共享比对): facts from the departments that hold them. A feed (data_feeds) is one
-- source's definition: its provider unit, the fact it carries, the mapping of the source's own
-- columns to the file's fields (every saved definition kept in data_feed_versions), how often it
-- arrives, whether its changes apply at once, and the hash of its API key (never the key).
-- A run (feed_runs) is one upload or one push; its records (feed_records) are the rows as matched;
-- a change (feed_changes) is a proposed change of one fact on one child's file, waiting for review
-- or applied through the children module's own commands.
--
-- Who sees what (row-level security): feeds and runs hold no child data (the routes let only
-- feeds.manage read them); records and changes hold a child and carry its area like every child
-- table. A record that matched no child has no area: only a district-wide caller sees it.

create table data_feeds (
  code text primary key check (code ~ '^[a-z][a-z0-9-]{1,40}$'),
  name text not null check (length(name) between 1 and 60),
  provider_unit text not null references units(code),
  fact text not null check (fact in ('member.status', 'child.disability', 'child.schoolStage')),
  frequency text not null check (frequency in ('daily', 'weekly', 'monthly', 'quarterly')),
  auto_apply boolean not null default false,
  reviewer text not null default 'street' check (reviewer in ('street', 'district')),
  mapping jsonb not null,
  rate_limit_per_minute int not null default 30 check (rate_limit_per_minute between 1 and 600),
  -- sha256 of the key (hex) and its first characters, to recognise it; the key itself is shown once
  api_key_hash text check (api_key_hash is null or api_key_hash ~ '^[0-9a-f]{64}$'),
  key_prefix text,
  key_rotated_at timestamptz,
  active boolean not null default true,
  version int not null default 1,
  updated_by uuid references users(id) on delete set null,
  updated_at timestamptz not null default now(),
  check ((api_key_hash is null) = (key_prefix is null))
);

-- Every saved definition: who changed the mapping, when, and to what (history of the mapping).
create table data_feed_versions (
  feed_code text not null references data_feeds(code) on delete cascade,
  version int not null,
  mapping jsonb not null,
  frequency text not null,
  auto_apply boolean not null,
  reviewer text not null,
  rate_limit_per_minute int not null,
  saved_by uuid references users(id) on delete set null,
  saved_at timestamptz not null default now(),
  primary key (feed_code, version)
);

create table feed_runs (
  id uuid primary key default gen_random_uuid(),
  feed_code text not null references data_feeds(code),
  source text not null check (source in ('upload', 'api')),
  filename text check (filename is null or length(filename) <= 200),
  content_sha256 text not null check (content_sha256 ~ '^[0-9a-f]{64}$'),
  received_at timestamptz not null default now(),
  received_by uuid references users(id) on delete set null,
  state text not null default 'checked' check (state in ('checked', 'confirmed', 'discarded')),
  decided_at timestamptz,
  decided_by uuid references users(id) on delete set null,
  counts jsonb not null default '{}'
);
-- The same content twice for a feed is the same run (idempotent uploads and pushes).
create unique index feed_runs_once on feed_runs (feed_code, content_sha256) where state <> 'discarded';
create index feed_runs_feed on feed_runs (feed_code, received_at desc);

create table feed_records (
  id uuid primary key default gen_random_uuid(),
  run_id uuid not null references feed_runs(id) on delete cascade,
  row_no int not null,
  outcome text not null check (outcome in ('matched', 'matched-by-name', 'ambiguous', 'unmatched', 'error', 'duplicate', 'unchanged')),
  confidence numeric(3, 2),
  name text,
  id_tail text,
  birth_date date,
  -- the blind index of the identity number (never the number): resolves and re-runs match on it
  id_number_bidx text,
  -- the record's values in the file's terms (status, since, until, disabilityType, ...)
  facts jsonb not null default '{}',
  messages text[] not null default '{}',
  child_id uuid references children(id) on delete set null,
  member_id uuid references household_members(id) on delete set null,
  street_code text,
  committee_id uuid,
  district_code text not null default app_district_code()
);
create index feed_records_run on feed_records (run_id, row_no);
create index feed_records_area on feed_records (street_code, committee_id);
create index feed_records_child on feed_records (child_id) where child_id is not null;

create table feed_changes (
  id uuid primary key default gen_random_uuid(),
  run_id uuid not null references feed_runs(id) on delete cascade,
  record_id uuid references feed_records(id) on delete set null,
  feed_code text not null references data_feeds(code),
  child_id uuid not null references children(id) on delete cascade,
  member_id uuid references household_members(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  district_code text not null default app_district_code(),
  fact text not null check (fact in ('member.status', 'child.disability', 'child.schoolStage')),
  -- which fact of which file: a newer change of the same key supersedes a waiting older one
  fact_key text not null,
  old_value jsonb not null,
  new_value jsonb not null,
  effective_date date,
  evidence text check (evidence is null or length(evidence) <= 100),
  -- e.g. 数据共享：区残联·残疾人证 (the history action of the applied change)
  source text not null,
  confidence numeric(3, 2) not null,
  auto boolean not null default false,
  state text not null default 'waiting' check (state in ('waiting', 'applied', 'rejected', 'superseded')),
  created_at timestamptz not null default now(),
  decided_at timestamptz,
  decided_by uuid references users(id) on delete set null,
  note text check (note is null or length(note) <= 500),
  -- policies whose verdict became eligible, and those no longer eligible while granted, when applied
  newly_eligible jsonb not null default '[]',
  no_longer_eligible jsonb not null default '[]',
  check ((state = 'waiting') = (decided_at is null))
);
create unique index feed_changes_one_waiting on feed_changes (fact_key) where state = 'waiting';
create index feed_changes_area on feed_changes (street_code, committee_id);
create index feed_changes_state on feed_changes (state, created_at desc);
create index feed_changes_run on feed_changes (run_id);
create index feed_changes_child on feed_changes (child_id);

-- Matching a member fact looks family members up by blind index (a whole run in one query), then by
-- name and birth date; children have both indexes already (children_id_number_bidx_key, children_birth_name).
create index household_members_id_bidx on household_members (id_number_bidx) where id_number_bidx is not null;
create index household_members_birth_name on household_members (birth_date, name) where birth_date is not null;

create trigger feed_changes_area before insert or update of child_id on feed_changes
  for each row execute function copy_area_from_child();
-- Records carry the area of the child the matching found (set by the statement, one query for a
-- whole run); a record resolved by hand later gets it from its child.
create trigger feed_records_area before update of child_id on feed_records
  for each row when (new.child_id is not null) execute function copy_area_from_child();

alter table feed_changes enable row level security;
create policy feed_changes_in_scope on feed_changes for all to :app_role
  using (street_code = any ((select app_streets())::text[]) or committee_id = any ((select app_committees())::uuid[])
         or child_id = any ((select app_assigned_children())::uuid[]))
  with check (street_code = any ((select app_streets())::text[]) or committee_id = any ((select app_committees())::uuid[])
         or child_id = any ((select app_assigned_children())::uuid[]));

alter table feed_records enable row level security;
create policy feed_records_in_scope on feed_records for all to :app_role
  using (street_code = any ((select app_streets())::text[]) or committee_id = any ((select app_committees())::uuid[])
         or (street_code is null and current_setting('app.scope_kind', true) = 'district'))
  with check (street_code = any ((select app_streets())::text[]) or committee_id = any ((select app_committees())::uuid[])
         or (street_code is null and current_setting('app.scope_kind', true) = 'district'));

grant select, insert, update on data_feeds, feed_runs, feed_records, feed_changes to :app_role;
grant select, insert on data_feed_versions to :app_role;

-- ---- permissions of the built-in roles (new installations get them from the role list) ----
do $$
declare
  r record;
begin
  for r in select * from (values
      ('district_civil', array['feeds.manage', 'feeds.review']),
      ('street_supervisor', array['feeds.review'])) as v(code, perms)
  loop
    update roles set permissions = (select array_agg(distinct p order by p) from unnest(permissions || r.perms) p), updated_at = now()
     where code = r.code and builtin;
  end loop;
end $$;
