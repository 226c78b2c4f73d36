-- Issue 15, requirements 14 and 26: break the glass, and the watch over bulk viewing.
--
-- An access grant opens ONE child's file to ONE user for a limited time, with a reason the audit
-- administrator reads: a user whose child-reading roles all carry `roles.file_reason_required`
-- (the district leader) opens a file only through one (kind outside_assignment); a department
-- finds a child by identity number in an emergency (kind emergency) and reads the file read-only.
-- While a grant is active its child's id joins the caller's `app.assigned_children` list, so the
-- existing area policies admit the child's rows without a new policy arm.
alter table roles add column file_reason_required boolean not null default false;
update roles set file_reason_required = true where code = 'leader' and builtin;

-- Settings as data (one row): how long a grant lasts, and the thresholds of the bulk-view watch.
create table access_settings (
  singleton boolean primary key default true check (singleton),
  grant_hours integer not null default 4 check (grant_hours between 1 and 72),
  emergency_hours integer not null default 4 check (emergency_hours between 1 and 72),
  bulk_view_files integer not null default 200 check (bulk_view_files between 10 and 100000),
  bulk_view_minutes integer not null default 10 check (bulk_view_minutes between 1 and 1440),
  unusual_files integer not null default 30 check (unusual_files between 5 and 100000),
  unusual_history_days integer not null default 30 check (unusual_history_days between 1 and 365),
  updated_at timestamptz not null default now(),
  updated_by uuid references users(id) on delete set null
);
insert into access_settings default values;
alter table access_settings enable row level security;
create policy access_settings_read on access_settings for select to :app_role using (true);
create policy access_settings_edit on access_settings for update to :app_role
  using ((select app_has_permission('access.configure'))) with check ((select app_has_permission('access.configure')));
grant select, update on access_settings to :app_role;

create table access_grants (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id),
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  kind text not null check (kind in ('outside_assignment', 'emergency')),
  reason text not null check (length(reason) between 5 and 500),
  granted_at timestamptz not null,
  expires_at timestamptz not null,
  ended_at timestamptz,
  ended_by uuid references users(id) on delete set null,
  end_reason text check (end_reason is null or length(end_reason) <= 500),
  check (expires_at > granted_at),
  check ((ended_at is null) = (ended_by is null))
);
-- The session lookup reads a user's live grants on every request: a partial index keeps it one probe.
create index access_grants_live on access_grants (user_id, expires_at) where ended_at is null;
create index access_grants_recent on access_grants (granted_at desc);

alter table access_grants enable row level security;
-- The user sees their own grants, the audit administrator all of them.
create policy access_grants_read on access_grants for select to :app_role
  using (user_id = (select app_user_id()) or (select app_has_permission('audit.read')));
create policy access_grants_open on access_grants for insert to :app_role with check (user_id = (select app_user_id()));
create policy access_grants_end on access_grants for update to :app_role
  using (user_id = (select app_user_id()) or (select app_has_permission('audit.read')))
  with check (user_id = (select app_user_id()) or (select app_has_permission('audit.read')));
grant select, insert, update (ended_at, ended_by, end_reason) on access_grants to :app_role;

-- The session lookup runs outside a transaction (no app.user_id): the live grants of a user, read
-- by definer rights. Ids and ends only.
create or replace function user_live_grants(p_user uuid, p_now timestamptz) returns json language sql stable security definer set search_path = public as $$
  select coalesce(json_agg(json_build_object('childId', g.child_id, 'expiresAt', g.expires_at, 'grantId', g.id) order by g.expires_at), '[]'::json)
    from access_grants g where g.user_id = p_user and g.ended_at is null and g.expires_at > p_now and g.granted_at <= p_now
$$;
grant execute on function user_live_grants(uuid, timestamptz) to :app_role;

-- Emergency access: the child of an identity number's blind index, only an active file, only for a
-- holder of children.emergency. Returns the id alone; never decrypts, never says where else a number is.
create or replace function access_child_by_bidx(p_bidx text) returns uuid language sql stable security definer set search_path = public as $$
  select c.id from children c where c.id_number_bidx = p_bidx and c.status = 'active' and app_has_permission('children.emergency')
$$;
grant execute on function access_child_by_bidx(text) to :app_role;

-- The street of a child for a grant (a department reaches no child before its grant exists).
create or replace function access_child_street(p_child uuid) returns text language sql stable security definer set search_path = public as $$
  select c.street_code from children c where c.id = p_child and app_has_permission('children.emergency')
$$;
grant execute on function access_child_street(uuid) to :app_role;

-- ---- requirement 26: the watch over per-child views ----
-- One light row per audited view of a child (the audit log itself is not readable by the app
-- role); the watcher counts a user's distinct files in the window by the (user, time) index.
create table access_views (
  user_id uuid not null,
  child_id uuid not null,
  committee_id uuid,
  viewed_at timestamptz not null
);
create index access_views_user_time on access_views (user_id, viewed_at);
alter table access_views enable row level security;
create policy access_views_own on access_views for all to :app_role
  using (user_id = (select app_user_id())) with check (user_id = (select app_user_id()));
grant select, insert on access_views to :app_role;

-- One alert per user per kind per window: the time of the last one.
create table access_watch_marks (
  user_id uuid not null,
  kind text not null,
  alerted_at timestamptz not null,
  primary key (user_id, kind)
);
alter table access_watch_marks enable row level security;
create policy access_watch_marks_own on access_watch_marks for all to :app_role
  using (user_id = (select app_user_id())) with check (user_id = (select app_user_id()));
grant select, insert, update on access_watch_marks to :app_role;

-- The new permissions: emergency access for departments and the procuratorate, the settings for
-- district civil affairs.
update roles set permissions = (select array_agg(distinct p order by p) from unnest(permissions || '{children.emergency}'::text[]) p), updated_at = now()
  where code in ('department', 'procurator') and builtin;
update roles set permissions = (select array_agg(distinct p order by p) from unnest(permissions || '{access.configure}'::text[]) p), updated_at = now()
  where code = 'district_civil' and builtin;
