-- Notifications to users (problem escalations, dropout alerts, ...), one row per recipient,
-- written in the transaction of the event. Bodies hold no full personal data (names masked).
create table notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id) on delete cascade,
  kind text not null,
  title text not null,
  body text not null,
  entity text,
  entity_id uuid,
  street_code text,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notifications_user on notifications (user_id, created_at desc);
create index notifications_unread on notifications (user_id) where read_at is null;
alter table notifications enable row level security;
-- Anyone may notify anyone (the sender's transaction decides the recipients); each reads only their own.
create policy notifications_read_own on notifications for select to :app_role using (user_id = app_user_id());
create policy notifications_update_own on notifications for update to :app_role using (user_id = app_user_id()) with check (user_id = app_user_id());
create policy notifications_insert on notifications for insert to :app_role with check (true);
grant select, insert, update on notifications to :app_role;
