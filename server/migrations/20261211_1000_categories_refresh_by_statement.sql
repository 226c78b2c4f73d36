-- Issue 17 (the 10,000-row import): children_refresh_categories (20261209_1705) looked up each
-- child's active categories with a correlated subquery, one per child. In a database whose
-- statistics do not yet know child_categories' size — a new district's first import, where every
-- row is still uncommitted, so no ANALYZE can count it — the planner served that subquery from the
-- partial index on active categories (until is null) rather than the index on child_id: each
-- child's lookup read every active category written so far, and an import's inserts into
-- child_categories grew quadratically (measured: 5.9-10.9 s of a 10,000-row commit, against
-- 0.8-1.0 s before the trigger existed). The same result, one grouped read of the given children's
-- categories: nothing a plan could turn into a scan per child. Same owner, rights and callers.
create or replace function children_refresh_categories(ids uuid[]) returns void
language sql security definer set search_path = public, pg_temp as $$
  update children c set categories = k.cats
    from (select i.id, coalesce(a.cats, '{}') as cats
            from (select distinct unnest(ids) as id) i
            left join (select x.child_id, array_agg(x.category order by x.category) as cats
                         from child_categories x
                        where x.child_id = any (ids) and x.until is null
                        group by x.child_id) a on a.child_id = i.id) k
   where c.id = k.id and c.categories is distinct from k.cats
$$;
