-- Retention and minimisation (requirement 17; docs/retention.md).
-- 网络安全法 Art. 21: network logs kept at least 6 months; PIPL Art. 56: records of processing (the
-- audit log) kept at least 3 years. The minimums are enforced here (check constraints) and in zod.
-- Edited by the security administrator (retention.manage): it is a security setting of the 安全管理中心,
-- and neither the system administrator (who could hide his traces by shortening it) nor the audit
-- administrator (who would decide how long the evidence of his own reading lives) should hold it.

create table retention_settings (
  id boolean primary key default true check (id),
  audit_months int not null default 36 check (audit_months between 36 and 1200),
  log_months int not null default 6 check (log_months between 6 and 1200),
  archive_after_months int not null default 36 check (archive_after_months between 12 and 1200),
  updated_at timestamptz not null default now(),
  updated_by uuid references users(id) on delete set null
);
insert into retention_settings default values;
alter table retention_settings enable row level security;
create policy retention_settings_read on retention_settings for select to :app_role
  using ((select app_has_permission('retention.manage')) or (select app_has_permission('compliance.report')));
create policy retention_settings_write on retention_settings for update to :app_role
  using ((select app_has_permission('retention.manage'))) with check ((select app_has_permission('retention.manage')));
grant select on retention_settings to :app_role;
grant update (audit_months, log_months, archive_after_months, updated_at, updated_by) on retention_settings to :app_role;

-- The start of a retention period: the Shanghai calendar day `p_months` months before `p_now`'s
-- Shanghai day (clamped to the month's last day: 03-31 minus one month is 02-28), at 00:00 Shanghai.
-- retention/cutoff.ts computes the same instant; a property test holds them equal.
create or replace function retention_cutoff(p_now timestamptz, p_months int) returns timestamptz
language sql immutable as $$
  select (((p_now at time zone 'Asia/Shanghai')::date - make_interval(months => p_months))::date)::timestamp at time zone 'Asia/Shanghai'
$$;
grant execute on function retention_cutoff(timestamptz, int) to :app_role;

-- Each purge of the audit log's oldest rows. The verifier starts the chain from the last purge's
-- row (its id and hash) and adds the purged counts to the rows it finds when comparing checkpoints.
create table audit_purges (
  id bigserial primary key,
  through_id bigint not null,
  through_hash bytea not null,
  purged int not null check (purged > 0),
  cutoff timestamptz not null,
  at timestamptz not null default now()
);
create or replace function audit_purges_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_purges is append-only' using errcode = '42501';
end $$;
create trigger audit_purges_no_change before update or delete on audit_purges for each row execute function audit_purges_refuse_change();
revoke all on audit_purges from public;
grant select on audit_purges to :app_role;

-- The daily job's runs: when, the cutoffs used and what was purged or minimised per table.
create table retention_runs (
  id uuid primary key default gen_random_uuid(),
  started_at timestamptz not null,
  finished_at timestamptz,
  cutoffs jsonb not null default '{}'::jsonb,
  counts jsonb not null default '{}'::jsonb
);
create index retention_runs_started on retention_runs (started_at desc);
alter table retention_runs enable row level security;
create policy retention_runs_read on retention_runs for select to :app_role
  using ((select app_has_permission('retention.manage')) or (select app_has_permission('compliance.report')));
grant select on retention_runs to :app_role;

-- The audit log stays append-only for every role; the only exception is a DELETE of a prefix made
-- inside audit_purge_before (which sets the flag for its own transaction and runs as the owner).
create or replace function audit_refuse_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and current_setting('nuanyang.audit_purge', true) = 'on'
     and current_user = (select pg_get_userbyid(relowner) from pg_class where oid = tg_relid) then
    return old;
  end if;
  raise exception 'audit_log is append-only' using errcode = '42501';
end $$;

-- Deletes the audit rows before `p_cutoff` as a prefix of the chain (every row with an id below the
-- first row at or after the cutoff, and never the last row), never later than the configured
-- retention allows, and records the purge. Owner only: not granted to the application role, which can never delete audit rows.
create or replace function audit_purge_before(p_cutoff timestamptz, p_now timestamptz)
returns table (through_id bigint, purged int)
language plpgsql security definer set search_path = public, pg_temp as $$
declare
  v_months int;
  v_through bigint;
  v_hash bytea;
  v_n int;
begin
  select audit_months into v_months from retention_settings;
  if p_cutoff > retention_cutoff(p_now, v_months) then
    raise exception 'cutoff % is later than the % months kept', p_cutoff, v_months using errcode = '22023';
  end if;
  -- The same lock as audit_append: no row is appended while the prefix is chosen and removed.
  perform pg_advisory_xact_lock(4242001);
  -- The chain's last row always stays, however old: audit_append links each new row to it.
  select max(a.id) into v_through from audit_log a
   where a.at < p_cutoff
     and a.id < coalesce((select min(b.id) from audit_log b where b.at >= p_cutoff), 9223372036854775807)
     and a.id < (select max(c.id) from audit_log c);
  if v_through is null then
    return;
  end if;
  select a.hash into v_hash from audit_log a where a.id = v_through;
  perform set_config('nuanyang.audit_purge', 'on', true);
  delete from audit_log a where a.id <= v_through;
  get diagnostics v_n = row_count;
  perform set_config('nuanyang.audit_purge', 'off', true);
  insert into audit_purges (through_id, through_hash, purged, cutoff) values (v_through, v_hash, v_n, p_cutoff);
  through_id := v_through;
  purged := v_n;
  return next;
end $$;
revoke all on function audit_purge_before(timestamptz, timestamptz) from public;

-- Archived (closed long ago and minimised) files are read-only for the application.
alter table children add column archived_at timestamptz;
create index children_archived on children (archived_at) where archived_at is not null;
create or replace function children_archived_readonly() returns trigger language plpgsql as $$
begin
  if old.archived_at is not null and current_setting('nuanyang.retention', true) is distinct from 'on' then
    raise exception '档案已归档，不能修改' using errcode = 'NYARC';
  end if;
  return new;
end $$;
create trigger children_archived_readonly before update on children for each row execute function children_archived_readonly();

-- Minimises one closed file: what identifies the child or the family, and every free text, is
-- removed; what the statistics need stays (street, committee, sex, birth year, categories with their
-- dates, counts and dates of visits, problems, benefits, referrals, their kinds and statuses).
-- Attachments are deleted (their content lives in the database). docs/retention.md lists each column.
create or replace function retention_minimise_child(p_child uuid, p_at timestamptz) returns int
language plpgsql security definer set search_path = public, pg_temp as $$
declare
  v_att int;
  c constant text := '（已归档清除）';
begin
  perform set_config('nuanyang.retention', 'on', true);
  update children set
    name = left(name, 1) || '某', name_pinyin = '', name_initials = '',
    birth_date = date_trunc('year', birth_date)::date,
    id_number_enc = null, id_number_bidx = null, id_number_tail = null, no_id_note = null,
    hukou_address_enc = null, residence_address_enc = null, phone_enc = null,
    mental_health_note_enc = null, hiv_infected_enc = null,
    school_name = null, risk_reason = null, serious_illness = null, over18_note = null,
    mentor_id = null, buddy_id = null,
    archived_at = p_at, updated_at = p_at
  where id = p_child;
  update household_members set name = left(name, 1) || '某', id_number_enc = null, id_number_bidx = null,
    phone_enc = null, note = null, birth_date = date_trunc('year', birth_date)::date where child_id = p_child;
  update child_history set old_value = null, new_value = null where child_id = p_child;
  update child_assignments set note = null where child_id = p_child;
  update child_benefits set note = null where child_id = p_child;
  update child_categories set source_note = null where child_id = p_child;
  update child_transfers set reason = c where child_id = p_child;
  update visits set people_met = null, findings = null where child_id = p_child;
  update problems set description = c, resolution = null where child_id = p_child;
  update problem_events set note = null where child_id = p_child;
  update assistance set description = c where child_id = p_child;
  update care_plans set goals = c, measures = c where child_id = p_child;
  update care_plan_reviews set summary = c where child_id = p_child;
  update entitlements set note = null, reason = null where child_id = p_child;
  update entitlement_events set note = null where child_id = p_child;
  update mandatory_reports set note = null, not_reported_reason = null where child_id = p_child;
  update referrals set reason = c, decline_reason = case when decline_reason is null then null else c end,
    outcome = case when outcome is null then null else c end where child_id = p_child;
  update guardianship_assessments set reason = null, narrative = null, measures = null, cancel_reason = null, assessor_name = null where child_id = p_child;
  update guardianship_documents set body = c where child_id = p_child;
  update guardianship_interventions set person_name = null, reason = c, outcome_note = null where child_id = p_child;
  update guardianship_supervisions set supervisor_name = c, supervisor_phone = null, end_reason = null, note = null where child_id = p_child;
  update guidance_sessions set absence_reason = null, note = null where child_id = p_child;
  update supervision_followups set note = null where child_id = p_child;
  update placements set reason = c, service_note = null, discharged_to = null, discharge_note = null where child_id = p_child;
  update bookings set external_name = null, cancel_reason = null, attendance_note = null, completion_note = null where child_id = p_child;
  update holiday_plans set plan = c where child_id = p_child;
  update charity_aid set description = null, cancel_reason = null where child_id = p_child;
  delete from attachments where child_id = p_child;
  get diagnostics v_att = row_count;
  perform set_config('nuanyang.retention', 'off', true);
  return v_att;
end $$;
revoke all on function retention_minimise_child(uuid, timestamptz) from public;

-- The new permissions on the built-in administrator roles of existing installations.
update roles set permissions = (select array_agg(distinct p order by p) from unnest(permissions || array['retention.manage']) p), updated_at = now()
 where code = 'secadmin' and not ('retention.manage' = any (permissions));
update roles set permissions = (select array_agg(distinct p order by p) from unnest(permissions || array['compliance.report']) p), updated_at = now()
 where code = 'auditadmin' and not ('compliance.report' = any (permissions));
