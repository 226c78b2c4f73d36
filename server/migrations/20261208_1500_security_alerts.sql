-- Issue 15: the security events that an administrator must see and answer (安全事件): bulk viewing,
-- access outside one's assignment (break the glass), a second factor locked by wrong codes, an
-- encrypted field that failed its check. One row per event, acknowledged by the audit
-- administrator with a note; the yearly compliance report counts them as incidents.
--
-- Any request may raise one (the viewer whose reading triggered it, the job that found it), so
-- every caller may insert; only the holders of `audit.read` read and acknowledge them. Inserts
-- do not use RETURNING: the row would have to pass the select policy, which the raiser does not.
create table security_alerts (
  id uuid primary key,
  kind text not null check (kind ~ '^[a-z][a-z0-9_.-]{1,60}$'),
  severity text not null default 'warning' check (severity in ('info', 'warning', 'critical')),
  user_id uuid references users(id) on delete set null,
  username text,
  unit_code text,
  title text not null check (length(title) between 1 and 200),
  detail jsonb not null default '{}'::jsonb,
  entity text,
  entity_id text,
  request_id text,
  created_at timestamptz not null default now(),
  acknowledged_at timestamptz,
  acknowledged_by uuid references users(id) on delete set null,
  ack_note text check (ack_note is null or length(ack_note) <= 500),
  check ((acknowledged_at is null) = (acknowledged_by is null))
);
create index security_alerts_created on security_alerts (created_at desc);
create index security_alerts_open on security_alerts (created_at desc) where acknowledged_at is null;
create index security_alerts_user_kind on security_alerts (user_id, kind, created_at desc);

alter table security_alerts enable row level security;
create policy security_alerts_raise on security_alerts for insert to :app_role with check (true);
create policy security_alerts_read on security_alerts for select to :app_role using ((select app_has_permission('audit.read')));
create policy security_alerts_ack on security_alerts for update to :app_role
  using ((select app_has_permission('audit.read'))) with check ((select app_has_permission('audit.read')));
grant select, insert, update (acknowledged_at, acknowledged_by, ack_note) on security_alerts to :app_role;
