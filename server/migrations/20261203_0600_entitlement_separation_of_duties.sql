-- Separation of duties on benefits (issue 9, item 2).
--
-- 1. Each step of an entitlement records who did it as they were then: display name and unit
--    (a user may later move unit or be renamed; the history must keep what was true at the step).
-- 2. A two-person grant: a unit (for all its policies, or one policy) may require two distinct
--    approvers. The first approval is an event of kind 'approval' that leaves the status at
--    'submitted'; the second approval grants.
alter table entitlement_events add column display_name text;
alter table entitlement_events add column unit_code text;
alter table entitlement_events add column kind text not null default 'status' check (kind in ('status', 'approval'));

update entitlement_events e set display_name = u.display_name, unit_code = u.unit_code
from users u where u.id = e.user_id and e.display_name is null;

-- One row per unit and policy ('*': every policy the unit administers). No row: one approver.
create table entitlement_review_rules (
  unit_code text not null references units(code),
  policy_id text not null default '*',
  approvals int not null check (approvals in (1, 2)),
  updated_by uuid references users(id),
  updated_at timestamptz not null default now(),
  primary key (unit_code, policy_id)
);
grant select, insert, update, delete on entitlement_review_rules to :app_role;
