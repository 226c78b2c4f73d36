-- The district beside the street (issue 17, "beyond one machine"): every child-scoped table that
-- carries street_code gets district_code, the 6-digit administrative code of the district (杨浦区
-- 310110), so that a city- or province-wide deployment can partition by district or distribute on
-- it (Citus) without rewriting these tables then. See docs/scale.md.
--
-- Cheap by construction: ADD COLUMN with a non-volatile default is metadata-only since PostgreSQL
-- 11 — existing rows are not rewritten, the value is kept once in the catalogue (pg_attribute.
-- attmissingval) and NOT NULL needs no scan because that value is not null. Each table is locked
-- (ACCESS EXCLUSIVE) only for the catalogue update. Measured on 1,000,000 children: docs/scale.md.
--
-- The default is the configured district: app_district_code(), the one place an installation for
-- another district changes (with server/src/seed/reference.ts DISTRICT, which a test keeps equal).
-- It is IMMUTABLE so that the default is computed once for the existing rows (a volatile default
-- would rewrite every table). New rows take it from the default; the area triggers that copy a
-- child's street_code onto its records are unchanged — one installation serves one district.
--
-- Row-level security is untouched: the policies still check street and committee; the district
-- is implied by the street (streets.district_code) and adds no condition.

create function app_district_code() returns text language sql immutable parallel safe as $$ select '310110' $$;
comment on function app_district_code() is 'The administrative code of the district this installation serves (杨浦区 310110); default of every district_code column.';

alter table streets add column district_code text not null default app_district_code() check (district_code ~ '^[0-9]{6}$');
-- (No CHECK on the child tables: validating one would scan every row; the streets' codes are checked.)
alter table children add column district_code text not null default app_district_code();
alter table access_grants add column district_code text not null default app_district_code();
alter table activity_participants add column district_code text not null default app_district_code();
alter table assistance add column district_code text not null default app_district_code();
alter table attachments add column district_code text not null default app_district_code();
alter table bookings add column district_code text not null default app_district_code();
alter table care_plan_reviews add column district_code text not null default app_district_code();
alter table care_plans add column district_code text not null default app_district_code();
alter table charity_aid add column district_code text not null default app_district_code();
alter table child_assignments add column district_code text not null default app_district_code();
alter table child_benefits add column district_code text not null default app_district_code();
alter table child_categories add column district_code text not null default app_district_code();
alter table child_consents add column district_code text not null default app_district_code();
alter table child_history add column district_code text not null default app_district_code();
alter table child_processing_bases add column district_code text not null default app_district_code();
alter table eligibility_assignments add column district_code text not null default app_district_code();
alter table eligibility_results add column district_code text not null default app_district_code();
alter table entitlement_events add column district_code text not null default app_district_code();
alter table entitlements add column district_code text not null default app_district_code();
alter table guardianship_assessments add column district_code text not null default app_district_code();
alter table guardianship_documents add column district_code text not null default app_district_code();
alter table guardianship_interventions add column district_code text not null default app_district_code();
alter table guardianship_supervisions add column district_code text not null default app_district_code();
alter table guidance_sessions add column district_code text not null default app_district_code();
alter table holiday_plans add column district_code text not null default app_district_code();
alter table household_members add column district_code text not null default app_district_code();
alter table mandatory_reports add column district_code text not null default app_district_code();
alter table photo_publicity_children add column district_code text not null default app_district_code();
alter table placements add column district_code text not null default app_district_code();
alter table problem_events add column district_code text not null default app_district_code();
alter table problems add column district_code text not null default app_district_code();
alter table project_children add column district_code text not null default app_district_code();
alter table referrals add column district_code text not null default app_district_code();
alter table supervision_followups add column district_code text not null default app_district_code();
alter table visits add column district_code text not null default app_district_code();
alter table work_log_children add column district_code text not null default app_district_code();
