-- Issue 17 (the 10,000-row import): per-row triggers were most of a new file's cost. Measured with
-- EXPLAIN ANALYZE as the application role, 2,000 new files: copy_area_from_child took 100-130 ms
-- of each 125-190 ms insert into child_history, child_categories and household_members, and
-- children_default_bases 227 ms of the 349 ms insert into children (three purposes per child, each
-- row with its own copy_area_from_child). Same rules, set-based:
--
-- 1. A child's purposes (consent module) are recorded by one statement per INSERT into children,
--    from its transition table, instead of one trigger call per child. Security definer as before:
--    the area is the new rows' own.
-- 2. On INSERT into household_members, child_categories, child_history and child_processing_bases
--    the row trigger copies the child's area only when the statement did not supply it; a
--    statement that supplies it (the batch path, which joins children) is checked once per
--    statement against the child, as the caller: a row whose child the caller cannot see, or whose
--    area is not its child's, fails the statement (42501), as the row trigger made it fail before.
--    UPDATEs keep the row trigger unchanged.

create or replace function children_default_bases_set() returns trigger language plpgsql security definer set search_path = public as $$
begin
  insert into child_processing_bases (child_id, street_code, committee_id, purpose_code, basis, source, recorded_by)
  select n.id, n.street_code, n.committee_id, p.code, p.basis, 'file_created', nullif(current_setting('app.user_id', true), '')::uuid
    from new_children n cross join processing_purposes p where p.active and p.default_on_file;
  return null;
end $$;
drop trigger children_default_bases on children;
create trigger children_default_bases after insert on children referencing new table as new_children
  for each statement execute function children_default_bases_set();

-- Runs as the caller (like copy_area_from_child): RLS hides a child outside the caller's scope.
create or replace function check_area_from_child() returns trigger language plpgsql as $$
begin
  if exists (select 1 from new_rows n left join children c on c.id = n.child_id
              where c.id is null or n.street_code is distinct from c.street_code or n.committee_id is distinct from c.committee_id) then
    raise exception 'child not found or area differs from the child''s' using errcode = '42501';
  end if;
  return null;
end $$;

drop trigger household_members_area on household_members;
create trigger household_members_area before insert on household_members
  for each row when (new.street_code is null or new.committee_id is null) execute function copy_area_from_child();
create trigger household_members_area_update before update on household_members for each row execute function copy_area_from_child();
create trigger household_members_area_check after insert on household_members referencing new table as new_rows
  for each statement execute function check_area_from_child();

drop trigger child_categories_area on child_categories;
create trigger child_categories_area before insert on child_categories
  for each row when (new.street_code is null or new.committee_id is null) execute function copy_area_from_child();
create trigger child_categories_area_update before update on child_categories for each row execute function copy_area_from_child();
create trigger child_categories_area_check after insert on child_categories referencing new table as new_rows
  for each statement execute function check_area_from_child();

drop trigger child_history_area on child_history;
create trigger child_history_area before insert on child_history
  for each row when (new.street_code is null or new.committee_id is null) execute function copy_area_from_child();
create trigger child_history_area_check after insert on child_history referencing new table as new_rows
  for each statement execute function check_area_from_child();

drop trigger child_processing_bases_area on child_processing_bases;
create trigger child_processing_bases_area before insert on child_processing_bases
  for each row when (new.street_code is null or new.committee_id is null) execute function copy_area_from_child();
create trigger child_processing_bases_area_update before update of child_id on child_processing_bases for each row execute function copy_area_from_child();
create trigger child_processing_bases_area_check after insert on child_processing_bases referencing new table as new_rows
  for each statement execute function check_area_from_child();
