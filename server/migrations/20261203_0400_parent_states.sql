-- A parent's state distinguishes what the law distinguishes (engine/policies/definitions.yaml):
-- 死亡 and 宣告死亡 (a court decision, dated by status_since), 宣告失踪 (a court decision; the code
-- 'missing' keeps its meaning for existing rows and is now labelled 宣告失踪), 失联 (since a date)
-- and 查找不到 (the birth parents cannot be found).
alter table household_members drop constraint household_members_status;
alter table household_members add constraint household_members_status check (status in (
  'alive_fit', 'deceased', 'declared_dead', 'missing', 'not_found', 'out_of_contact', 'imprisoned', 'drug_rehab',
  'seriously_ill', 'severely_disabled', 'guardianship_revoked', 'deported'));
