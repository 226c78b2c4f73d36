-- The session lookup runs on every request. Its two helper functions were SQL functions with a
-- `set search_path` clause, which PostgreSQL can neither inline nor keep a plan for: each call was
-- parsed and planned again (0.25 ms of a 0.4 ms lookup, measured with EXPLAIN ANALYZE on the
-- prepared lookup). As PL/pgSQL their statements' plans are cached per connection. Same
-- definitions, same results, same privileges (create or replace keeps the grants).
create or replace function user_access_suspended(p_user uuid) returns boolean language plpgsql stable security definer set search_path = public as $$
begin
  return exists (select 1 from staff_access_suspensions where user_id = p_user);
end $$;

create or replace function user_live_grants(p_user uuid, p_now timestamptz) returns json language plpgsql stable security definer set search_path = public as $$
begin
  return (select coalesce(json_agg(json_build_object('childId', g.child_id, 'expiresAt', g.expires_at, 'grantId', g.id) order by g.expires_at), '[]'::json)
            from access_grants g where g.user_id = p_user and g.ended_at is null and g.expires_at > p_now and g.granted_at <= p_now);
end $$;
