-- The yearly compliance report (requirement 30, 未成年人网络保护条例 Art. 37; docs/compliance-report.md).
-- The audit administrator reads it (compliance.report) but holds no area: the children's files are
-- counted here, as figures by street only, by a definer function that checks the permission itself.
create or replace function compliance_file_counts(p_from date, p_to date)
returns table (street_code text, held_at_end bigint, opened bigint, closed bigint, archived bigint)
language plpgsql stable security definer set search_path = public, pg_temp as $$
begin
  if not app_has_permission('compliance.report') then
    raise exception 'compliance.report required' using errcode = '42501';
  end if;
  return query
    select s.code,
           count(c.id) filter (where c.registered_on <= p_to and (c.closed_on is null or c.closed_on > p_to or c.status = 'active')),
           count(c.id) filter (where c.registered_on between p_from and p_to),
           count(c.id) filter (where c.closed_on between p_from and p_to),
           count(c.id) filter (where (c.archived_at at time zone 'Asia/Shanghai')::date between p_from and p_to)
      from streets s left join children c on c.street_code = s.code
     group by s.code, s.sort
     order by s.sort, s.code;
end $$;
revoke all on function compliance_file_counts(date, date) from public;
grant execute on function compliance_file_counts(date, date) to :app_role;

