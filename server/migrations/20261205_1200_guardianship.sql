-- 监护提质 (plan tasks 5, 10, 11, 14-17): the guardianship-capacity assessment and its instrument,
-- the intervention ladder with its documents, guidance for guardians, children returned home under
-- a guardianship supervisor, and temporary care placements.
--
-- Who sees these rows (row-level security, every table alike): the area that holds the child
-- (street, committee), the children assigned to a commissioned worker, the guardianship
-- supervisor assigned to a child returned home, and a unit holding an open referral whose kind
-- declares the 'guardianship' section. Which of those may read the content (notes, narratives,
-- court documents) rather than that a step exists is decided by permission on the server
-- (guardianship.read versus guardianship.summary): see docs/security.md.

-- The children the caller supervises as 监护监督员. Security definer: it reads the supervisions
-- table without its own policy (which calls this function).
create table guardianship_supervisions (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  supervisor_user_id uuid references users(id),  -- a platform user, or only a name below
  supervisor_name text not null,
  supervisor_phone text,                          -- encrypted (contact purpose)
  returned_on date not null,                      -- the day the child returned home
  interval_days int not null check (interval_days between 1 and 365),
  started_on date not null,
  ended_on date,
  end_reason text,
  note text,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  check (ended_on is null or ended_on >= started_on),
  check (ended_on is null or end_reason is not null)
);
create index guardianship_supervisions_child on guardianship_supervisions (child_id);
create index guardianship_supervisions_user on guardianship_supervisions (supervisor_user_id) where ended_on is null;
create unique index guardianship_supervisions_one_open on guardianship_supervisions (child_id) where ended_on is null;

create or replace function app_supervised_children() returns uuid[] language sql stable security definer set search_path = public as $$
  select coalesce(array_agg(child_id), '{}'::uuid[]) from guardianship_supervisions
   where ended_on is null and supervisor_user_id = nullif(current_setting('app.user_id', true), '')::uuid
$$;
grant execute on function app_supervised_children() to :app_role;

-- ---- the instrument (家庭监护能力评估量表), versioned: an assessment keeps the version it used ----
-- definition: { dimensions: [{ code, name, weight, items: [{ code, text, options: [{ label, score }] }] }] }
-- grades: [{ code, name, min, effect }] — effect in missing | improper | insufficient | normal.
create table guardianship_instruments (
  code text not null,
  version int not null check (version > 0),
  name text not null,
  name_en text,
  -- The default shipped with the product, to be replaced by the district's official instrument.
  placeholder boolean not null default false,
  definition jsonb not null,
  grades jsonb not null,
  active boolean not null default true,
  note text,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (code, version)
);

create table guardianship_assessments (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  instrument_code text not null,
  instrument_version int not null,
  status text not null default 'commissioned' check (status in ('commissioned', 'assessed', 'returned', 'archived', 'cancelled')),
  reason text,
  commissioned_by uuid,
  commissioned_unit text references units(code),
  commissioned_on date not null,
  assessor_org text not null,                     -- the organisation commissioned
  assessor_name text,
  due_on date,
  methods text[] not null default '{}' check (methods <@ array['observation', 'interview', 'questionnaire']),
  answers jsonb,                                  -- item code → option index
  dimension_scores jsonb,                         -- dimension code → { score, max }
  total_score numeric(6, 2),
  grade text,
  grade_effect text check (grade_effect in ('missing', 'improper', 'insufficient', 'normal')),
  narrative text,                                 -- encrypted
  measures text,
  assessed_on date,
  returned_on date,
  archived_on date,
  reassess_on date,
  cancel_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  foreign key (instrument_code, instrument_version) references guardianship_instruments (code, version),
  check (status in ('commissioned', 'cancelled') or (grade is not null and assessed_on is not null)),
  check (status <> 'cancelled' or cancel_reason is not null)
);
create index guardianship_assessments_child on guardianship_assessments (child_id, commissioned_on desc);
create index guardianship_assessments_area on guardianship_assessments (street_code, status);

-- ---- the intervention ladder: 劝诫/制止 → 训诫 → 家庭教育指导令 → 撤销监护资格 / 支持起诉 ----
create table guardianship_interventions (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  kind text not null check (kind in ('admonition', 'reprimand', 'guidance_order', 'revocation_petition', 'supported_prosecution')),
  status text not null default 'planned' check (status in ('planned', 'in_progress', 'complied', 'failed', 'cancelled')),
  unit_code text references units(code),          -- the unit that takes the step
  person_name text,                               -- who took it
  decided_on date,                                -- the day it was taken (issued, ordered, filed)
  reason text not null,
  outcome_note text,
  sessions_required int check (sessions_required between 0 and 100),  -- a guidance order's sessions
  referral_id uuid references referrals(id),      -- the referral that carries a step to another unit
  previous_id uuid references guardianship_interventions(id),
  assessment_id uuid references guardianship_assessments(id),
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1
);
create index guardianship_interventions_child on guardianship_interventions (child_id, created_at desc);
create index guardianship_interventions_area on guardianship_interventions (street_code, kind, status);
create index guardianship_interventions_referral on guardianship_interventions (referral_id);

-- Letters and notices (告诫书-style) from templates the district edits; a filled document keeps
-- the template version and the text as printed.
create table guardianship_templates (
  code text not null,
  version int not null check (version > 0),
  kind text not null check (kind in ('admonition', 'reprimand', 'guidance_order', 'revocation_petition', 'supported_prosecution', 'other')),
  title text not null,
  body text not null,
  active boolean not null default true,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (code, version)
);

create table guardianship_documents (
  id uuid primary key default gen_random_uuid(),
  intervention_id uuid not null references guardianship_interventions(id) on delete cascade,
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  template_code text not null,
  template_version int not null,
  title text not null,
  body text not null,                             -- encrypted: the filled text names the family
  created_by uuid,
  created_at timestamptz not null default now(),
  foreign key (template_code, template_version) references guardianship_templates (code, version)
);
create index guardianship_documents_intervention on guardianship_documents (intervention_id);

-- ---- guidance for guardians (家庭教育指导, 心理/行为指导) ----
create table guidance_sessions (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  kind text not null check (kind in ('family_education', 'psychological', 'behavioural')),
  intervention_id uuid references guardianship_interventions(id),  -- a guidance order's session
  problem_id uuid references problems(id),                          -- the risk flag it answers
  member_id uuid references household_members(id) on delete set null,  -- the guardian guided
  provider text not null,
  topic text not null,
  scheduled_on date not null,
  attended boolean,                               -- null: not yet recorded
  absence_reason text,
  note text,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  check (attended is distinct from false or absence_reason is not null)
);
create index guidance_sessions_child on guidance_sessions (child_id, scheduled_on desc);
create index guidance_sessions_intervention on guidance_sessions (intervention_id);

-- ---- children returned home: follow-ups of the guardianship supervisor ----
create table supervision_followups (
  id uuid primary key default gen_random_uuid(),
  supervision_id uuid not null references guardianship_supervisions(id) on delete cascade,
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  due_on date not null,
  done_on date,
  method text check (method in ('home_visit', 'phone', 'school', 'other')),
  concerns boolean not null default false,        -- something worrying found: a problem follows
  note text,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  check (done_on is null or method is not null)
);
create index supervision_followups_supervision on supervision_followups (supervision_id, due_on);
create index supervision_followups_open on supervision_followups (due_on) where done_on is null;

-- ---- temporary care placement (临时照料) ----
create table placements (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  place_kind text not null check (place_kind in ('institution', 'temporary_point')),
  place_name text not null,
  started_on date not null,
  ended_on date,
  reason text not null,
  services text[] not null default '{}' check (services <@ array['upbringing', 'education', 'medical', 'psychological']),
  service_note text,
  discharged_to text check (discharged_to in ('family', 'kin', 'foster', 'institution', 'adoption', 'other')),
  discharge_note text,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  check (ended_on is null or ended_on >= started_on),
  check (ended_on is null or discharged_to is not null)
);
create index placements_child on placements (child_id, started_on desc);
create unique index placements_one_open on placements (child_id) where ended_on is null;

-- The area follows the child at creation, as for every other child table.
create trigger guardianship_supervisions_area before insert or update of child_id on guardianship_supervisions for each row execute function copy_area_from_child();
create trigger guardianship_assessments_area before insert or update of child_id on guardianship_assessments for each row execute function copy_area_from_child();
create trigger guardianship_interventions_area before insert or update of child_id on guardianship_interventions for each row execute function copy_area_from_child();
create trigger guardianship_documents_area before insert or update of child_id on guardianship_documents for each row execute function copy_area_from_child();
create trigger guidance_sessions_area before insert or update of child_id on guidance_sessions for each row execute function copy_area_from_child();
create trigger supervision_followups_area before insert or update of child_id on supervision_followups for each row execute function copy_area_from_child();
create trigger placements_area before insert or update of child_id on placements for each row execute function copy_area_from_child();

do $$
declare
  t text;
  keyed text := 'street_code = any ((select app_streets())::text[]) or committee_id = any ((select app_committees())::uuid[])
    or child_id = any ((select app_assigned_children())::uuid[]) or child_id = any ((select app_supervised_children())::uuid[])';
begin
  foreach t in array array['guardianship_supervisions', 'guardianship_assessments', 'guardianship_interventions', 'guardianship_documents',
                           'guidance_sessions', 'supervision_followups', 'placements'] loop
    execute format('alter table %I enable row level security', t);
    -- Read: the area, the assigned worker, the supervisor, or a unit through its referral.
    -- Write: the same, so a receiving unit records the step its referral carries.
    execute format($p$create policy %1$I on %2$I for all to :app_role
      using (%3$s or child_id = any ((select app_referral_children('guardianship'))::uuid[]))
      with check (%3$s or child_id = any ((select app_referral_children('guardianship'))::uuid[]))$p$,
      t || '_in_scope', t, keyed);
    execute format('grant select, insert, update, delete on %I to :app_role', t);
  end loop;
end $$;
grant select, insert, update on guardianship_instruments, guardianship_templates to :app_role;

-- ---- referrals carry the ladder's steps to the police, the procuratorate and the court ----
alter table referral_kinds drop constraint referral_kinds_completion_check;
alter table referral_kinds add constraint referral_kinds_completion_check
  check (completion in ('entitlement', 'school', 'problem', 'assistance', 'response', 'intervention'));
alter table referrals drop constraint referrals_source_kind_check;
alter table referrals add constraint referrals_source_kind_check check (source_kind in ('entitlement', 'problem', 'dropout', 'intervention'));
-- The urgent guardianship kind of 暖杨通道 now opens the guardianship records too.
update referral_kinds set sections = sections || array['guardianship'] where code = 'guardianship_urgent' and not ('guardianship' = any (sections));

-- Installations created before: the built-in roles gain their guardianship permissions (new
-- installations get them from the role list).
do $$
declare
  r record;
begin
  for r in select * from (values
      ('district_civil', array['guardianship.read', 'guardianship.write', 'guardianship.manage']),
      ('street_supervisor', array['guardianship.read', 'guardianship.write']),
      ('child_director', array['guardianship.summary'])) as v(code, perms)
  loop
    update roles set permissions = (select array_agg(distinct p order by p) from unnest(permissions || r.perms) p), updated_at = now()
     where code = r.code and builtin;
  end loop;
end $$;

-- The receivers of the ladder's steps, for installations whose directory exists already (new
-- installations get them from the default directory).
update referral_receivers set kinds = (select array_agg(distinct k order by k) from unnest(kinds || v.add) k)
  from (values ('police', array['reprimand', 'guidance_order']), ('procuratorate', array['guidance_order', 'guardianship_petition']),
               ('court', array['guidance_order', 'guardianship_petition']), ('civil-affairs', array['guardianship_petition'])) as v(unit, add)
 where referral_receivers.unit_code = v.unit;
