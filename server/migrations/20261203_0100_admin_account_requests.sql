-- 三权分立 for the administrators' own accounts: a password reset of an administrator account is a
-- request by a security administrator that a second administrator (neither the requester nor the
-- account holder) approves or refuses. The check on decided_by repeats the server's rule so that
-- no code path can let a requester approve their own request.
create table admin_account_requests (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('password-reset')),
  target_user_id uuid not null references users(id),
  requested_by uuid not null references users(id),
  reason text not null,
  status text not null default 'pending' check (status in ('pending', 'approved', 'refused', 'expired')),
  decided_by uuid references users(id),
  decided_at timestamptz,
  decision_note text,
  created_at timestamptz not null default now(),
  check (requested_by <> target_user_id),
  check (decided_by is null or (decided_by <> requested_by and decided_by <> target_user_id)),
  check ((status in ('approved', 'refused')) = (decided_by is not null))
);
-- One open request per account and kind: a second one would only confuse the approvers.
create unique index admin_account_requests_one_pending on admin_account_requests (target_user_id, kind) where status = 'pending';
create index admin_account_requests_created on admin_account_requests (created_at desc);
grant select, insert, update on admin_account_requests to :app_role;

-- After an approved reset the holder must choose a new password and enrol a new second factor at
-- the next login, in demo mode too (demo mode otherwise relaxes both).
alter table users add column must_reenroll_totp boolean not null default false;

-- Every administrator may decide on such requests (the permission is for administrator roles only).
update roles set permissions = array(select distinct p from unnest(permissions || '{admin.approvals}'::text[]) p order by p)
 where code in ('sysadmin', 'secadmin', 'auditadmin');
