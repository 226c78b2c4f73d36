-- The children list near the database's limit (issue 17, docs/performance.md "Child list"):
--
-- 1. A child's active categories as a column kept by the database (children.categories), so the
--    list no longer runs a subquery per row under child_categories' own row-level-security policy
--    (measured at 5,000 children: 20 subqueries of 0.35 ms each, the greater part of the page).
--    child_categories stays the record (history, since/until, source); the column is derived from
--    it by statement-level triggers, in the same transaction as the change.
-- 2. The committee's code on the child (children.committee_code), kept by the trigger that already
--    copies the committee's street, so the default order (by committee, then pinyin) is an index
--    order: a street's first page reads 20 index entries instead of sorting every active child of
--    the street joined to its committee.
--
-- Both are derived columns: they never change what a caller may see (the categories follow the
-- same area policy as the child's row), and an archived file accepts changes to them only.

alter table children
  add column committee_code text,
  add column categories text[] not null default '{}';

-- Archived files refuse updates; the back-fill (and later derived-column refreshes) may pass.
-- (id_tail_rev is a generated column: NEW does not hold it yet in a BEFORE trigger.)
create or replace function children_archived_readonly() returns trigger language plpgsql as $$
begin
  if old.archived_at is not null and current_setting('nuanyang.retention', true) is distinct from 'on'
     and (to_jsonb(new) - 'committee_code' - 'categories' - 'id_tail_rev') is distinct from (to_jsonb(old) - 'committee_code' - 'categories' - 'id_tail_rev') then
    raise exception '档案已归档，不能修改' using errcode = 'NYARC';
  end if;
  return new;
end $$;

update children c set committee_code = m.code from committees m where m.id = c.committee_id;
update children c set categories = k.cats
  from (select child_id, array_agg(category order by category) as cats from child_categories where until is null group by child_id) k
 where k.child_id = c.id;
alter table children alter column committee_code set not null;

create or replace function children_set_street() returns trigger language plpgsql as $$
begin
  select street_code, code into new.street_code, new.committee_code from committees where id = new.committee_id;
  if new.street_code is null then
    raise exception 'unknown committee %', new.committee_id using errcode = '23503';
  end if;
  return new;
end $$;

-- A committee's code is its key in the reference data and does not change in practice; if it
-- ever does, its children follow.
create function committees_code_to_children() returns trigger language plpgsql as $$
begin
  update children set committee_code = new.code where committee_id = new.id and committee_code is distinct from new.code;
  return null;
end $$;
create trigger committees_code_to_children after update of code on committees
  for each row when (old.code is distinct from new.code) execute function committees_code_to_children();

-- The categories of the given children recomputed from child_categories. Security definer (the
-- owner, to whom row-level security does not apply): the column must hold every active category
-- of the child whoever made the change; the caller could already see the child's row and its
-- categories (the two tables share one area policy), so nothing becomes visible that was not.
create function children_refresh_categories(ids uuid[]) returns void
language sql security definer set search_path = public, pg_temp as $$
  update children c set categories = k.cats
    from (select i.id, coalesce((select array_agg(x.category order by x.category) from child_categories x
                                  where x.child_id = i.id and x.until is null), '{}') as cats
            from (select distinct unnest(ids) as id) i) k
   where c.id = k.id and c.categories is distinct from k.cats
$$;
revoke all on function children_refresh_categories(uuid[]) from public;

-- Statement-level, with transition tables: an import of 10,000 categories refreshes its children
-- in one statement, not 10,000.
create function child_categories_refresh_ins() returns trigger language plpgsql as $$
begin
  perform children_refresh_categories(array(select child_id from new_rows));
  return null;
end $$;
create function child_categories_refresh_del() returns trigger language plpgsql as $$
begin
  perform children_refresh_categories(array(select child_id from old_rows));
  return null;
end $$;
create function child_categories_refresh_upd() returns trigger language plpgsql as $$
begin
  perform children_refresh_categories(array(select child_id from new_rows union select child_id from old_rows));
  return null;
end $$;
create trigger child_categories_refresh_ins after insert on child_categories
  referencing new table as new_rows for each statement execute function child_categories_refresh_ins();
create trigger child_categories_refresh_del after delete on child_categories
  referencing old table as old_rows for each statement execute function child_categories_refresh_del();
create trigger child_categories_refresh_upd after update on child_categories
  referencing old table as old_rows new table as new_rows for each statement execute function child_categories_refresh_upd();
grant execute on function children_refresh_categories(uuid[]) to :app_role;

-- The default order (committee, pinyin, id) as an index, per street (a street's list) and across
-- the district (the district's list); committee_id included so that counting a street's children
-- under the area policy (street, committee, id) is an index-only scan.
create index children_list_street on children (street_code, committee_code, name_pinyin, id) include (committee_id) where status = 'active';
create index children_list_district on children (committee_code, name_pinyin, id) include (street_code, committee_id) where status = 'active';
