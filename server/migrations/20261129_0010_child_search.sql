-- Search helpers for the child file.
-- The identity-number tail is searched by its last 4, 5 or 6 characters.
create index children_id_tail4 on children (right(id_number_tail, 4));
create index children_id_tail5 on children (right(id_number_tail, 5));

-- "Similar name and birth date" warning across the whole district when registering a child:
-- answers only the street (and, within the caller's scope, the file), never other personal data.
create or replace function children_similar(p_name text, p_birth date)
returns table (child_id uuid, street_name text, committee_name text, in_scope boolean)
language sql stable security definer set search_path = public, pg_temp as $$
  select c.id, s.name, m.name,
         (c.street_code = any (app_streets()) or c.committee_id = any (app_committees()) or c.id = any (app_assigned_children()))
  from children c join streets s on s.code = c.street_code join committees m on m.id = c.committee_id
  where c.name = p_name and c.birth_date = p_birth
  limit 10
$$;
revoke all on function children_similar(text, date) from public;
grant execute on function children_similar(text, date) to :app_role;
