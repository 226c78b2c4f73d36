-- Issue 15, requirement 29: the lawful basis of each processing purpose (PIPL Art. 13), recorded per
-- purpose on each child's file, and the guardian's consent where consent is the basis (PIPL Art. 31:
-- a child under 14 through the guardian; 未成年人保护法 Art. 72). The server refuses a referral to a
-- social organisation and a publicity photo without an active consent; a withdrawal ends them.
--
-- Who sees what (row-level security): the purposes are reference data every signed-in user reads
-- (the server lets only consent.manage change them); the bases, the consents and the children a
-- publicity photo shows hold a child: the child's area and assigned worker, like every child table.

create table processing_purposes (
  code text primary key check (code ~ '^[a-z][a-z0-9_]{1,40}$'),
  name text not null unique check (length(name) between 1 and 60),
  basis text not null check (basis in ('legal_duty', 'consent', 'vital_interest', 'public_interest')),
  legal_text text not null check (length(legal_text) between 1 and 1000),
  consent_required boolean not null,
  -- processed only after anonymisation (statistics): no longer personal information (PIPL Art. 4)
  anonymised boolean not null default false,
  -- recorded on every new file automatically (the legal-duty purposes the platform exists for)
  default_on_file boolean not null default false,
  active boolean not null default true,
  sort int not null default 0,
  updated_by uuid references users(id) on delete set null,
  updated_at timestamptz not null default now(),
  version int not null default 1,
  check (consent_required = (basis = 'consent')),
  check (not default_on_file or basis <> 'consent')
);

create table child_processing_bases (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  purpose_code text not null references processing_purposes(code),
  basis text not null check (basis in ('legal_duty', 'consent', 'vital_interest', 'public_interest')),
  source text not null check (source in ('file_created', 'recorded')),
  note text check (note is null or length(note) <= 500),
  recorded_by uuid references users(id) on delete set null,
  recorded_at timestamptz not null default now(),
  ended_at timestamptz,
  ended_by uuid references users(id) on delete set null,
  end_reason text check (end_reason is null or length(end_reason) <= 200)
);
create unique index child_processing_bases_open on child_processing_bases (child_id, purpose_code) where ended_at is null;
create index child_processing_bases_area on child_processing_bases (street_code, committee_id);

create table child_consents (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  purpose_code text not null references processing_purposes(code),
  guardian_member_id uuid references household_members(id) on delete set null,
  guardian_name text not null,                       -- kept as given, should the member row change
  guardian_relation text not null,
  -- the child's own view, recorded from 8 (common/src/consent.ts CHILD_VIEW_FROM_AGE)
  child_agreement text check (child_agreement in ('agreed', 'refused')),
  given_on date not null,
  method text not null check (method in ('written', 'oral', 'electronic')),
  scope_note text check (scope_note is null or length(scope_note) <= 500),
  evidence_note text check (evidence_note is null or length(evidence_note) <= 200),
  valid_until date,
  recorded_by uuid references users(id) on delete set null,
  recorded_at timestamptz not null default now(),
  withdrawn_at timestamptz,
  withdrawn_on date,
  withdrawn_by uuid references users(id) on delete set null,
  withdraw_reason text check (withdraw_reason is null or length(withdraw_reason) <= 200),
  withdraw_effects jsonb,
  version int not null default 1,
  check (valid_until is null or valid_until >= given_on),
  check ((withdrawn_at is null) = (withdrawn_on is null) and (withdrawn_at is null) = (withdraw_reason is null))
);
create index child_consents_child on child_consents (child_id, purpose_code, given_on desc);
create index child_consents_area on child_consents (street_code, committee_id);

-- A photo of an activity marked for publicity, with the children it shows (each needs an active
-- publicity consent: the server checks it when the flag is set and removes it on withdrawal).
alter table activity_attachments add column publicity boolean not null default false;
alter table activity_attachments add column publicity_set_by uuid references users(id) on delete set null;
alter table activity_attachments add column publicity_set_at timestamptz;
grant update (publicity, publicity_set_by, publicity_set_at) on activity_attachments to :app_role;

create table photo_publicity_children (
  attachment_id uuid not null references activity_attachments(id) on delete cascade,
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  primary key (attachment_id, child_id)
);
create index photo_publicity_children_child on photo_publicity_children (child_id);

do $$
declare
  t text;
  keyed text := 'street_code = any ((select app_streets())::text[]) or committee_id = any ((select app_committees())::uuid[])
    or child_id = any ((select app_assigned_children())::uuid[])';
begin
  foreach t in array array['child_processing_bases', 'child_consents', 'photo_publicity_children'] loop
    execute format('create trigger %I before insert or update of child_id on %I for each row execute function copy_area_from_child()', t || '_area', t);
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I for all to :app_role using (%s) with check (%s)', t || '_in_scope', t, keyed, keyed);
  end loop;
end $$;
grant select, insert, update on child_processing_bases, child_consents to :app_role;
grant select, insert, update, delete on photo_publicity_children to :app_role;
grant select, insert, update on processing_purposes to :app_role;

-- Every new file records the purposes marked default_on_file, whatever path creates it (the form,
-- the Excel import, a restore, the demo seed). Security definer: the row's area is the new child's,
-- read from NEW, so the caller's scope needs no second look at a row it has just written.
create or replace function children_default_bases() returns trigger language plpgsql security definer set search_path = public as $$
begin
  insert into child_processing_bases (child_id, street_code, committee_id, purpose_code, basis, source, recorded_by)
  select new.id, new.street_code, new.committee_id, p.code, p.basis, 'file_created', nullif(current_setting('app.user_id', true), '')::uuid
    from processing_purposes p where p.active and p.default_on_file;
  return null;
end $$;
create trigger children_default_bases after insert on children for each row execute function children_default_bases();

-- The purposes an installation starts with. The legal texts name only the sources the project's
-- domain notes give (../shared/domain/policies.md, design/security.md); administrators of the
-- district's civil affairs (consent.manage) complete and correct them.
insert into processing_purposes (code, name, basis, legal_text, consent_required, anonymised, default_on_file, sort) values
  ('care_visits', '困境儿童保障与走访', 'legal_duty',
   '《中华人民共和国个人信息保护法》第十三条第一款第（三）项：为履行法定职责或者法定义务所必需；《中华人民共和国未成年人保护法》第七十二条；《国务院关于加强困境儿童保障工作的意见》（国发〔2016〕36号）；民发〔2019〕34号（儿童主任摸底登记、定期走访）',
   false, false, true, 10),
  ('department_referral', '部门间转介', 'legal_duty',
   '《中华人民共和国个人信息保护法》第十三条第一款第（三）项：为履行法定职责或者法定义务所必需；《中华人民共和国未成年人保护法》第七十二条；《国务院关于加强困境儿童保障工作的意见》（国发〔2016〕36号）',
   false, false, true, 20),
  ('org_referral', '转介至社会组织', 'consent',
   '《中华人民共和国个人信息保护法》第十三条第一款第（一）项：取得个人的同意；第三十一条：处理不满十四周岁未成年人个人信息的，应当取得未成年人的父母或者其他监护人的同意',
   true, false, false, 30),
  ('publicity_photo', '宣传报道使用照片', 'consent',
   '《中华人民共和国个人信息保护法》第十三条第一款第（一）项、第三十一条（不满十四周岁的，取得父母或者其他监护人的同意）；《中华人民共和国未成年人保护法》第七十二条',
   true, false, false, 40),
  ('statistics', '统计分析（匿名化）', 'legal_duty',
   '匿名化处理后的信息不属于个人信息（《中华人民共和国个人信息保护法》关于个人信息的定义）；统计与督办指标只使用匿名化的汇总数据',
   false, true, true, 50);

-- Files that existed before this migration get the same default bases.
insert into child_processing_bases (child_id, street_code, committee_id, purpose_code, basis, source)
select c.id, c.street_code, c.committee_id, p.code, p.basis, 'file_created'
  from children c cross join processing_purposes p
 where p.default_on_file and p.active;

-- ---- permissions of the built-in roles (new installations get them from the role list) ----
do $$
declare
  r record;
begin
  for r in select * from (values
      ('district_civil', array['consent.record', 'consent.manage']),
      ('street_supervisor', array['consent.record']),
      ('child_director', array['consent.record'])) as v(code, perms)
  loop
    update roles set permissions = (select array_agg(distinct p order by p) from unnest(permissions || r.perms) p), updated_at = now()
     where code = r.code and builtin;
  end loop;
end $$;
