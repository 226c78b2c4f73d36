-- 社会组织 (part B): how many children a project serves, for every reader of the project.
-- project_children is keyed on the child's area (RLS), so a street sees only its own children in a
-- project; the project's list and page still show the district-wide count. This function returns
-- the count alone (no child, no area), computed as its owner over all rows.
create or replace function org_project_children_count(p uuid, on_day date) returns int
  language sql stable security definer set search_path = public as $$
  select count(*)::int from project_children where project_id = p and since <= on_day and (until is null or until > on_day)
$$;
revoke all on function org_project_children_count(uuid, date) from public;
grant execute on function org_project_children_count(uuid, date) to :app_role;
