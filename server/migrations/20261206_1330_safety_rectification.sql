-- 安全防护 (tasks 32, 33): a hazard sent back to its responsible unit keeps the inspector's reason
-- (the fix report it answered is cleared, so the next report is a new one and the two-person check
-- — nobody confirms their own fix — applies to whoever reports next).
alter table hazards
  add column sent_back_reason text,
  add column sent_back_at timestamptz,
  add column sent_back_by uuid;

-- The lists "hazards to confirm" (by the inspection's unit) and overdue by unit read these.
create index hazards_inspection on hazards (inspection_id);
create index inspections_unit on inspections (unit_code, inspected_on desc);
