-- Issue 17, the district run's first night: writing 1.3 million result rows at 100,000 children
-- took 192 s, and each row fired the area trigger of eligibility_results — one lookup of its
-- child, under row-level security, per row. Same rule, set-based, as 20261209_1700 did for the
-- child file's tables:
--
-- 1. On INSERT the row trigger copies the child's area only when the statement did not supply it
--    (a child's re-match, the tests). The run's merge supplies it, from a join with children made
--    as the caller; a child the caller cannot see comes out of that (left) join without an area,
--    so the row trigger looks it up and refuses it (42501), as before.
-- 2. A statement that supplies the area is checked once, against the children, as the caller
--    (check_area_from_child, migration 20261209_1700): a row whose child the caller cannot see, or
--    whose area is not its child's, fails the statement (42501). An INSERT … ON CONFLICT DO UPDATE
--    lists only the rows it inserted in the transition table; the rows it updated keep their area
--    (the merge does not set it).
-- 3. UPDATEs that touch the area (a transfer) keep the row trigger, unchanged.
drop trigger eligibility_results_area on eligibility_results;
create trigger eligibility_results_area before insert on eligibility_results
  for each row when (new.street_code is null or new.committee_id is null) execute function copy_area_from_child();
create trigger eligibility_results_area_update before update of child_id, street_code, committee_id on eligibility_results
  for each row execute function copy_area_from_child();
create trigger eligibility_results_area_check after insert on eligibility_results referencing new table as new_rows
  for each statement execute function check_area_from_child();
