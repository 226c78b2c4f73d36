-- 免申即享, the SQL path: the profile view the engine's SQL translation reads
-- (`packSql(pack, asOf).select()`, engine/src/compile/sql.ts). One row per active child, exactly
-- the columns of PROFILE_VIEW_COLUMNS (engine/src/sql.ts), NULL = unknown, derived as the
-- platform's JS derivation does (engine/src/fromChildFile.ts, server/src/modules/eligibility):
--
--   categories, benefits      active on the as-of date (since <= d and (until is null or until >= d))
--   disabled                  a disability type or grade recorded, or the category disabled → true; else unknown
--   serious_illness           an illness recorded, or the category seriously_ill → true; else unknown
--   in_full_time_school       小学/初中/高中/中职/高校 → true; 未入学/辍学 → false; else unknown
--   institutional_care        orphan_institutional → true; orphan_scattered → false; else unknown
--   household_receives_dibao  category low_income_dibao, or an active benefit matching 低保|minimum-livelihood → true
--   benefits_receiving        active benefits recorded by policy id or by its Chinese name (eligibility_policy_names)
--   caregiver_present         a member other than 父亲/母亲 who is guardian or caregiver → true; else unknown
--   father_*, mother_*        the first member with relation 父亲 / 母亲 (guardian, caregiver, member; then created_at, id)
--   hiv_infected              always NULL: HIV status is encrypted by the application (restricted health
--                             fact), the database cannot read it, so over SQL it stays unknown
--
-- Area scoping: the function and the view run with the caller's rights (SECURITY INVOKER, and the
-- view is `security_invoker`), so the row-level security of children, child_categories,
-- household_members and child_benefits applies: the application role sees its own area only.
--
-- The as-of date: `eligibility_profiles_at(date)` takes it as an argument; the view reads the
-- setting `eligibility.as_of` (set_config('eligibility.as_of', '2025-03-01', true) in the
-- transaction), or today in Shanghai when it is not set.

-- Policy ids and Chinese names of the pack, to recognise a benefit recorded by either. Reference
-- data, rewritten from the pack at every start (server/src/modules/eligibility/profileView.ts).
create table eligibility_policy_names (
  policy_id text primary key,
  name_zh text not null
);
grant select on eligibility_policy_names to :app_role;

create function eligibility_profiles_at(p_as_of date)
returns table (
  child_id uuid,
  birth_date date,
  hukou text,
  categories text[],
  disabled boolean,
  disability_grade smallint,
  disability_type text,
  autism boolean,
  serious_illness boolean,
  hiv_infected boolean,
  adopted boolean,
  in_full_time_school boolean,
  school_stage text,
  institutional_care boolean,
  household_size smallint,
  household_monthly_income_fen bigint,
  household_assets_fen bigint,
  household_receives_dibao boolean,
  household_marginal_low_income boolean,
  benefits_receiving text[],
  caregiver_present boolean,
  caregiver_can_raise boolean,
  father_status text,
  father_status_since date,
  father_status_until date,
  father_disability_grade smallint,
  father_disability_type text,
  mother_status text,
  mother_status_since date,
  mother_status_until date,
  mother_disability_grade smallint,
  mother_disability_type text
)
language sql stable parallel safe
as $$
  select
    c.id,
    c.birth_date,
    c.hukou,
    coalesce(k.categories, '{}'::text[]),
    case when c.disability_type is not null or c.disability_grade is not null or 'disabled' = any (k.categories) then true end,
    c.disability_grade,
    c.disability_type,
    c.autism,
    case when c.serious_illness is not null or 'seriously_ill' = any (k.categories) then true end,
    null::boolean,
    c.adopted,
    case when c.school_stage in ('小学', '初中', '高中', '中职', '高校') then true when c.school_stage in ('未入学', '辍学') then false end,
    c.school_stage,
    case when 'orphan_institutional' = any (k.categories) then true when 'orphan_scattered' = any (k.categories) then false end,
    c.household_size,
    c.monthly_income_fen,
    c.assets_fen,
    case when 'low_income_dibao' = any (k.categories) or coalesce(b.dibao, false) then true end,
    case when 'low_income_marginal' = any (k.categories) then true end,
    coalesce(b.receiving, '{}'::text[]),
    case when g.child_id is not null then true end,
    c.caregiver_can_raise,
    f.status, f.status_since, f.status_until, f.disability_grade, f.disability_type,
    m.status, m.status_since, m.status_until, m.disability_grade, m.disability_type
  from children c
  left join (
    select x.child_id, array_agg(distinct x.category order by x.category) as categories
    from child_categories x
    where x.since <= p_as_of and (x.until is null or x.until >= p_as_of)
    group by x.child_id
  ) k on k.child_id = c.id
  left join (
    select x.child_id,
           bool_or(x.benefit ~ '低保|minimum-livelihood') as dibao,
           array_agg(distinct n.policy_id order by n.policy_id) filter (where n.policy_id is not null) as receiving
    from child_benefits x
    left join eligibility_policy_names n
      on n.policy_id = btrim(x.benefit, E' \t\n\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff')
      or n.name_zh = btrim(x.benefit, E' \t\n\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff')
    where x.since <= p_as_of and (x.until is null or x.until >= p_as_of)
    group by x.child_id
  ) b on b.child_id = c.id
  left join (
    select distinct x.child_id from household_members x
    where x.relation not in ('父亲', '母亲') and x.role in ('guardian', 'caregiver')
  ) g on g.child_id = c.id
  left join (
    select distinct on (x.child_id) x.child_id, x.status, x.status_since, x.status_until, x.disability_grade, x.disability_type
    from household_members x where x.relation = '父亲'
    order by x.child_id, case x.role when 'guardian' then 0 when 'caregiver' then 1 else 2 end, x.created_at, x.id
  ) f on f.child_id = c.id
  left join (
    select distinct on (x.child_id) x.child_id, x.status, x.status_since, x.status_until, x.disability_grade, x.disability_type
    from household_members x where x.relation = '母亲'
    order by x.child_id, case x.role when 'guardian' then 0 when 'caregiver' then 1 else 2 end, x.created_at, x.id
  ) m on m.child_id = c.id
  where c.status = 'active'
$$;

create view eligibility_profiles with (security_invoker = true) as
  select * from eligibility_profiles_at(
    coalesce(nullif(current_setting('eligibility.as_of', true), '')::date, (now() at time zone 'Asia/Shanghai')::date));

comment on view eligibility_profiles is '免申即享 SQL 路径的儿童画像：每名在册儿童一行，列同 engine/src/sql.ts 的 PROFILE_VIEW_COLUMNS，NULL 为未知；评估日取 eligibility.as_of 设置，未设置时为上海当日';

grant execute on function eligibility_profiles_at(date) to :app_role;
grant select on eligibility_profiles to :app_role;
