-- Organisation (district → streets → committees; units) and accounts (users, roles, sessions).
create table streets (
  code text primary key,
  name text not null unique,
  name_en text not null default '',
  sort int not null default 0
);

create table committees (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  street_code text not null references streets(code),
  name text not null,
  active boolean not null default true,
  merged_into uuid references committees(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (street_code, name)
);
create index committees_street on committees (street_code, active);

create table units (
  code text primary key,
  name text not null unique,
  name_en text not null default '',
  kind text not null check (kind in ('district', 'department', 'street', 'organisation')),
  street_code text references streets(code),
  active boolean not null default true,
  sort int not null default 0,
  check ((kind = 'street') = (street_code is not null))
);

create table roles (
  code text primary key,
  name text not null,
  name_en text not null default '',
  scope_kind text not null check (scope_kind in ('district', 'street', 'committee', 'assigned', 'none')),
  admin_class text check (admin_class in ('system', 'security', 'audit')),
  permissions text[] not null default '{}',
  builtin boolean not null default false,
  updated_at timestamptz not null default now()
);

create table users (
  id uuid primary key default gen_random_uuid(),
  username text not null unique,
  display_name text not null,
  unit_code text not null references units(code),
  password_hash text not null,
  password_changed_at timestamptz not null default now(),
  -- true only for seeded demo accounts; production refuses to start while any is left
  password_is_demo boolean not null default false,
  must_change_password boolean not null default false,
  disabled boolean not null default false,
  totp_secret_enc text,
  totp_enabled boolean not null default false,
  totp_last_step bigint not null default 0,
  recovery_code_hashes text[] not null default '{}',
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index users_unit on users (unit_code);

create table user_roles (
  user_id uuid not null references users(id) on delete cascade,
  role_code text not null references roles(code),
  primary key (user_id, role_code)
);
create index user_roles_role on user_roles (role_code);

create table user_committees (
  user_id uuid not null references users(id) on delete cascade,
  committee_id uuid not null references committees(id),
  primary key (user_id, committee_id)
);

create table sessions (
  id_hash bytea primary key,                -- sha256 of the cookie value; the value itself is never stored
  public_id uuid not null unique default gen_random_uuid(),
  user_id uuid not null references users(id) on delete cascade,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  ip text,
  user_agent text,
  csrf_token text not null,
  -- what the session must still do before it is a full session: 'mfa' | 'mfa-enroll' | 'password-change'
  pending text
);
create index sessions_user on sessions (user_id) where revoked_at is null;

-- Failed logins are counted per submitted username, whether or not the account exists, so that
-- the answers for unknown and known users are the same (lockout included).
create table login_failures (
  username text primary key,
  failures int not null default 0,
  last_failed_at timestamptz not null default now(),
  locked_until timestamptz
);

grant select on streets, committees, units, roles to :app_role;
grant insert, update on committees, units, roles to :app_role;
grant delete on roles to :app_role;
grant select, insert, update on users to :app_role;
grant select, insert, delete on user_roles, user_committees to :app_role;
grant select, insert, update, delete on sessions, login_failures to :app_role;
