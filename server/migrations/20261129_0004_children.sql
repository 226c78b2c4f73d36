-- Children's files and their household members. Every row carries the street and committee keys
-- (also the future distribution column under Citus); RLS policies filter reads and writes by the
-- caller's scope. The area keys of a household member are copied from the child by a trigger, so a
-- client can never choose them; the street of a child follows its committee.
create table children (
  id uuid primary key default gen_random_uuid(),
  street_code text not null references streets(code),
  committee_id uuid not null references committees(id),
  name text not null,
  name_pinyin text not null default '',
  name_initials text not null default '',
  sex char(1) not null check (sex in ('M', 'F')),
  birth_date date not null,
  id_number_enc text,           -- AES-256-GCM, see server/src/crypto/fieldCrypto.ts
  id_number_bidx text unique,   -- keyed hash: one identity number, one file in the whole district
  ethnicity text,
  hukou text not null default 'local' check (hukou in ('local', 'other')),
  hukou_address_enc text,
  residence_address_enc text,
  phone_enc text,
  status text not null default 'active',
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index children_area on children (street_code, committee_id);
create index children_committee on children (committee_id);

create table household_members (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  name text not null,
  relation text not null,
  role text not null check (role in ('guardian', 'caregiver', 'member')),
  sex char(1) check (sex in ('M', 'F')),
  birth_date date,
  id_number_enc text,
  id_number_bidx text,
  phone_enc text,
  status text not null default 'alive_fit',
  status_since date,
  status_until date,
  created_at timestamptz not null default now()
);
create index household_members_child on household_members (child_id);
create index household_members_area on household_members (street_code, committee_id);
create index household_members_committee on household_members (committee_id);

-- Children assigned to a commissioned social worker (scope kind 'assigned').
create table child_assignments (
  child_id uuid not null references children(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  primary key (child_id, user_id)
);
create index child_assignments_user on child_assignments (user_id);

create or replace function children_set_street() returns trigger language plpgsql as $$
begin
  select street_code into new.street_code from committees where id = new.committee_id;
  if new.street_code is null then
    raise exception 'unknown committee %', new.committee_id using errcode = '23503';
  end if;
  return new;
end $$;
create trigger children_area before insert or update of committee_id, street_code on children
  for each row execute function children_set_street();

-- Runs as the caller: if the child is outside the caller's scope, RLS hides it and the insert fails.
create or replace function copy_area_from_child() returns trigger language plpgsql as $$
begin
  select street_code, committee_id into new.street_code, new.committee_id from children where id = new.child_id;
  if new.street_code is null then
    raise exception 'child not found' using errcode = '42501';
  end if;
  return new;
end $$;
create trigger household_members_area before insert or update on household_members
  for each row execute function copy_area_from_child();
create trigger child_assignments_area before insert or update on child_assignments
  for each row execute function copy_area_from_child();

alter table children enable row level security;
alter table household_members enable row level security;
alter table child_assignments enable row level security;

-- A row is visible when its street, its committee or its child is in the caller's lists. Each arm
-- is indexable (children_area, children_committee, the primary key), so the planner combines them
-- with a BitmapOr instead of filtering every row of the district.
create policy children_in_scope on children for all to :app_role
  using (street_code = any (app_streets()) or committee_id = any (app_committees()) or id = any (app_assigned_children()))
  with check (street_code = any (app_streets()) or committee_id = any (app_committees()) or id = any (app_assigned_children()));
create policy household_members_in_scope on household_members for all to :app_role
  using (street_code = any (app_streets()) or committee_id = any (app_committees()) or child_id = any (app_assigned_children()))
  with check (street_code = any (app_streets()) or committee_id = any (app_committees()) or child_id = any (app_assigned_children()));
-- Assigned workers read their own assignments (the server loads them into app.assigned_children).
create policy child_assignments_in_scope on child_assignments for all to :app_role
  using (street_code = any (app_streets()) or committee_id = any (app_committees()) or user_id = app_user_id())
  with check (street_code = any (app_streets()) or committee_id = any (app_committees()));

grant select, insert, update, delete on children, household_members, child_assignments to :app_role;
