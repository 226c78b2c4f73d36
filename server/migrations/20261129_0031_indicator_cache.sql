-- 督办: computed indicator figures for a day, per street and for the district (street_code ''),
-- so a dashboard reads them instead of recomputing over every child on each view. Figures for
-- today are refreshed after a few minutes (in the background, while the cached ones are shown);
-- figures for an earlier day after a day. parts: the split of a distribution ([{key, n}]).
create table indicator_cache (
  indicator text not null,
  as_of date not null,
  street_code text not null,
  numerator numeric,
  denominator numeric,
  value numeric,
  parts jsonb,
  computed_at timestamptz not null,
  primary key (indicator, as_of, street_code)
);
grant select, insert, update, delete on indicator_cache to :app_role;
