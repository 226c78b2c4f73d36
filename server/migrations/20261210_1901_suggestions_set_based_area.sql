-- Issue 17, the district run's suggestions (66,929 on the first night at 100,000 children): every
-- suggested entitlement and its first event looked its child up in its own row trigger. The run's
-- statement now supplies the area, from a join with the children made as the caller, and each
-- statement is checked once against the children, as the caller (as 20261210_1900 did for the
-- results): a row whose child the caller cannot see, or whose area is not its child's, fails the
-- statement (42501). A statement that leaves the area out (a suggestion for one child, the demo
-- seed) gets it from the row trigger as before; UPDATEs keep the row trigger unchanged.
do $$
declare
  t text;
begin
  foreach t in array array['entitlements', 'entitlement_events'] loop
    execute format('drop trigger %I on %I', t || '_area', t);
    execute format('create trigger %I before insert on %I for each row when (new.street_code is null or new.committee_id is null) '
                   'execute function copy_area_from_child()', t || '_area', t);
    execute format('create trigger %I before update on %I for each row execute function copy_area_from_child()', t || '_area_update', t);
    execute format('create trigger %I after insert on %I referencing new table as new_rows for each statement execute function check_area_from_child()',
                   t || '_area_check', t);
  end loop;
end $$;
