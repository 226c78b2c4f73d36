-- 免申即享 work lists at scale (issue 9, item 8): who handles a work-list item (a child and a
-- policy, in 可享未享 or 待补充信息 — the latter has no entitlement yet, so the assignment is its own
-- row). A child table: area keys copied from the child, the key-list policy of 0013/0018.
create table eligibility_assignments (
  child_id uuid not null references children(id) on delete cascade,
  policy_id text not null,
  street_code text not null,
  committee_id uuid not null,
  user_id uuid not null references users(id),
  assigned_at timestamptz not null default now(),
  primary key (child_id, policy_id)
);
create index eligibility_assignments_user on eligibility_assignments (user_id);
create trigger eligibility_assignments_area before insert or update on eligibility_assignments for each row execute function copy_area_from_child();
alter table eligibility_assignments enable row level security;
create policy eligibility_assignments_in_scope on eligibility_assignments for all to :app_role
  using (street_code = any ((select app_streets())::text[]) or committee_id = any ((select app_committees())::uuid[]) or child_id = any ((select app_assigned_children())::uuid[]))
  with check (street_code = any ((select app_streets())::text[]) or committee_id = any ((select app_committees())::uuid[]) or child_id = any ((select app_assigned_children())::uuid[]));
grant select, insert, update, delete on eligibility_assignments to :app_role;
