-- The complete child file (一人一档): identity, categories, family, school, health, risk, status
-- lifecycle, history, transfers between streets, benefits already received, saved filters.
-- Every table holding a child's data follows the pattern of 0004: child_id + street_code +
-- committee_id copied from the child by trigger, and the key-list RLS policy.

alter table children
  add column id_number_tail text,          -- last 6 characters: "search by the last 4-6 digits"
  add column no_id_note text,              -- why a child is registered without an identity number
  add column school_stage text check (school_stage in ('学前', '小学', '初中', '高中', '中职', '高校', '未入学', '辍学')),
  add column school_name text,
  add column school_grade text,
  add column disability_type text,
  add column disability_grade smallint check (disability_grade between 1 and 4),
  add column serious_illness text,
  add column mental_health_note_enc text,  -- restricted: children.health.read
  add column risk_level text not null default 'low' check (risk_level in ('high', 'medium', 'low')),
  add column risk_reason text,
  add column risk_assessed_on date,
  add column household_size smallint check (household_size between 1 and 30),
  add column monthly_income_fen bigint check (monthly_income_fen >= 0),
  add column assets_fen bigint check (assets_fen >= 0),
  add column assets_assessed_on date,
  add column closed_reason text check (closed_reason in ('aged_out', 'moved_away', 'no_longer_in_difficulty', 'deceased')),
  add column closed_on date,
  add column registered_on date not null default current_date,
  add column last_visit_on date,
  add column next_visit_due date,
  add column mentor_id uuid,
  add column buddy_id uuid,
  add column version int not null default 1;
alter table children add constraint children_status check (status in ('active', 'closed'));
alter table children add constraint children_closed check ((status = 'closed') = (closed_reason is not null));

-- Prefix searches (name, full pinyin, initials, identity tail) within the caller's area.
create index children_name on children (name text_pattern_ops);
create index children_pinyin on children (name_pinyin text_pattern_ops);
create index children_initials on children (name_initials text_pattern_ops);
create index children_id_tail on children (id_number_tail);
create index children_due on children (street_code, next_visit_due) where status = 'active';
create index children_birth_name on children (birth_date, name);

alter table household_members
  add column disability_type text,
  add column disability_grade smallint check (disability_grade between 1 and 4),
  add column note text;
alter table household_members add constraint household_members_status check (status in (
  'alive_fit', 'deceased', 'missing', 'out_of_contact', 'imprisoned', 'drug_rehab', 'seriously_ill',
  'severely_disabled', 'guardianship_revoked', 'deported'));

create table child_categories (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  category text not null check (category in (
    'orphan_institutional', 'orphan_scattered', 'defacto_unsupported', 'guardianship_missing', 'guardianship_improper',
    'disabled', 'seriously_ill', 'low_income_dibao', 'low_income_marginal', 'extreme_poverty',
    'migrant_in_difficulty', 'left_behind', 'reunited_with_parents')),
  since date not null,
  until date,
  source_note text,
  created_by uuid,
  created_at timestamptz not null default now(),
  check (until is null or until >= since)
);
create index child_categories_child on child_categories (child_id);
create index child_categories_area on child_categories (street_code, category) where until is null;

create table child_benefits (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  benefit text not null,
  since date not null,
  until date,
  monthly_amount_fen bigint check (monthly_amount_fen >= 0),
  note text,
  created_at timestamptz not null default now()
);
create index child_benefits_child on child_benefits (child_id);

-- Every change to a file, field by field. Sensitive values are stored masked.
create table child_history (
  id bigint generated always as identity primary key,
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  at timestamptz not null default now(),
  user_id uuid,
  username text,
  action text not null,
  field text,
  old_value text,
  new_value text
);
create index child_history_child on child_history (child_id, at desc);

create table child_transfers (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references children(id) on delete cascade,
  from_street text not null,
  from_committee uuid not null,
  to_street text not null,
  to_committee uuid not null,
  at timestamptz not null default now(),
  user_id uuid,
  reason text not null
);
create index child_transfers_child on child_transfers (child_id);

create table saved_filters (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id) on delete cascade,
  name text not null,
  params jsonb not null,
  created_at timestamptz not null default now(),
  unique (user_id, name)
);

create trigger child_categories_area before insert or update on child_categories for each row execute function copy_area_from_child();
create trigger child_benefits_area before insert or update on child_benefits for each row execute function copy_area_from_child();
create trigger child_history_area before insert on child_history for each row execute function copy_area_from_child();

alter table child_categories enable row level security;
alter table child_benefits enable row level security;
alter table child_history enable row level security;
alter table child_transfers enable row level security;
alter table saved_filters enable row level security;

create policy child_categories_in_scope on child_categories for all to :app_role
  using (street_code = any (app_streets()) or committee_id = any (app_committees()) or child_id = any (app_assigned_children()))
  with check (street_code = any (app_streets()) or committee_id = any (app_committees()) or child_id = any (app_assigned_children()));
create policy child_benefits_in_scope on child_benefits for all to :app_role
  using (street_code = any (app_streets()) or committee_id = any (app_committees()) or child_id = any (app_assigned_children()))
  with check (street_code = any (app_streets()) or committee_id = any (app_committees()) or child_id = any (app_assigned_children()));
create policy child_history_in_scope on child_history for all to :app_role
  using (street_code = any (app_streets()) or committee_id = any (app_committees()) or child_id = any (app_assigned_children()))
  with check (street_code = any (app_streets()) or committee_id = any (app_committees()) or child_id = any (app_assigned_children()));
-- Both the street that sent a file and the one that received it see the transfer.
create policy child_transfers_in_scope on child_transfers for all to :app_role
  using (from_street = any (app_streets()) or to_street = any (app_streets()) or from_committee = any (app_committees()) or to_committee = any (app_committees()))
  with check (from_street = any (app_streets()) or from_committee = any (app_committees()));
create policy saved_filters_own on saved_filters for all to :app_role using (user_id = app_user_id()) with check (user_id = app_user_id());

grant select, insert, update, delete on child_categories, child_benefits, saved_filters to :app_role;
grant select, insert on child_history, child_transfers to :app_role;

-- Duplicate check across the whole district without revealing the other file: answers only the
-- street and its contact unit for an identity number's blind index (SECURITY DEFINER, no RLS).
create or replace function child_registered_elsewhere(p_bidx text)
returns table (street_code text, street_name text, unit_name text) language sql stable security definer set search_path = public, pg_temp as $$
  select c.street_code, s.name, u.name from children c join streets s on s.code = c.street_code
  left join units u on u.street_code = c.street_code and u.kind = 'street'
  where c.id_number_bidx = p_bidx limit 1
$$;
revoke all on function child_registered_elsewhere(text) from public;
grant execute on function child_registered_elsewhere(text) to :app_role;
