-- Uploaded attachments (checked by magic bytes, photos stripped of EXIF/GPS before storing),
-- spreadsheet imports (dry run, then commit), and exports (visible only to their creator).
create table attachments (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  entity text not null check (entity in ('child', 'visit', 'problem', 'assistance', 'care_plan')),
  entity_id uuid not null,
  filename text not null,
  mime text not null,
  size_bytes int not null check (size_bytes > 0),
  sha256 text not null,
  content bytea not null,
  created_by uuid,
  created_at timestamptz not null default now()
);
create index attachments_entity on attachments (entity, entity_id);
create index attachments_child on attachments (child_id);
create trigger attachments_area before insert or update on attachments for each row execute function copy_area_from_child();
alter table attachments enable row level security;
create policy attachments_in_scope on attachments for all to :app_role
  using (street_code = any (app_streets()) or committee_id = any (app_committees()) or child_id = any (app_assigned_children()))
  with check (street_code = any (app_streets()) or committee_id = any (app_committees()) or child_id = any (app_assigned_children()));

create table imports (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id),
  kind text not null,
  filename text not null,
  file_sha256 text not null,
  status text not null check (status in ('checking', 'checked', 'invalid', 'committing', 'committed', 'failed')),
  total_rows int not null default 0,
  valid_rows int not null default 0,
  created_rows int not null default 0,
  updated_rows int not null default 0,
  unchanged_rows int not null default 0,
  problems jsonb not null default '[]',    -- [{row, field, message}]
  content bytea,                           -- the uploaded file, kept until committed
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index imports_user on imports (user_id, created_at desc);

create table exports (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id),
  kind text not null,
  filename text not null,
  rows int not null,
  masked boolean not null,
  content bytea not null,
  created_at timestamptz not null default now()
);
create index exports_user on exports (user_id, created_at desc);

alter table imports enable row level security;
alter table exports enable row level security;
create policy imports_own on imports for all to :app_role using (user_id = app_user_id()) with check (user_id = app_user_id());
create policy exports_own on exports for all to :app_role using (user_id = app_user_id()) with check (user_id = app_user_id());

grant select, insert, delete on attachments to :app_role;
grant select, insert, update on imports to :app_role;
grant select, insert, delete on exports to :app_role;
