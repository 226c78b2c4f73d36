/**
 * The SQL of the safety module: sites, checklists (versioned), inspections and hazards. These are
 * records of units, not of children: every caller with the module's permission reads them, and the
 * commands decide who may write what (policies.ts). `client` functions run at start-up (defaults).
 */
import type pg from 'pg';
import type { Tx } from '../../core/context.js';

function first<T>(rows: T[]): T {
  const r = rows[0];
  if (r === undefined) throw new Error('expected a row');
  return r;
}

// ---- units, streets, people ----

export interface UnitRow {
  code: string;
  name: string;
  kind: string;
  street_code: string | null;
}

export async function unit(tx: Tx, code: string): Promise<UnitRow | null> {
  const { rows } = await tx.client.query<UnitRow>(`select code, name, kind, street_code from units where code = $1`, [code]);
  return rows[0] ?? null;
}

export async function activeUnits(tx: Tx): Promise<UnitRow[]> {
  const { rows } = await tx.client.query<UnitRow>(`select code, name, kind, street_code from units where active order by sort, code`);
  return rows;
}

export async function streets(tx: Tx): Promise<{ code: string; name: string }[]> {
  const { rows } = await tx.client.query<{ code: string; name: string }>(`select code, name from streets order by sort, code`);
  return rows;
}

export async function streetExists(tx: Tx, code: string): Promise<boolean> {
  const { rowCount } = await tx.client.query(`select 1 from streets where code = $1`, [code]);
  return (rowCount ?? 0) > 0;
}

/** Which of these unit codes exist (and are active). */
export async function knownUnits(tx: Tx, codes: string[]): Promise<string[]> {
  const { rows } = await tx.client.query<{ code: string }>(`select code from units where code = any ($1::text[]) and active`, [codes]);
  return rows.map((r) => r.code);
}

/** Active users of a unit holding a permission through any of their roles. */
export async function usersOfUnitWith(tx: Tx, unitCode: string, permission: string): Promise<string[]> {
  const { rows } = await tx.client.query<{ id: string }>(
    `select distinct u.id from users u
      where u.unit_code = $1 and not u.disabled
        and exists (select 1 from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = u.id and $2 = any (r.permissions))
      order by u.id`,
    [unitCode, permission],
  );
  return rows.map((r) => r.id);
}

// ---- sites ----

export interface SiteRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  street_code: string | null;
  street_name: string | null;
  address: string | null;
  responsible_unit_code: string;
  responsible_unit_name: string;
  inspecting_units: string[];
  inspecting_unit_names: { code: string; name: string }[];
  active: boolean;
  note: string | null;
  last_inspected_on: string | null;
  open_hazards: number;
  version: number;
}

const SITE_COLS = `s.id, s.code, s.name, s.kind, s.street_code, st.name as street_name, s.address, s.responsible_unit_code,
  ru.name as responsible_unit_name, s.inspecting_units,
  coalesce((select json_agg(json_build_object('code', x.code, 'name', coalesce(u.name, x.code)) order by x.ord)
              from unnest(s.inspecting_units) with ordinality x(code, ord) left join units u on u.code = x.code), '[]'::json) as inspecting_unit_names,
  s.active, s.note, (select max(i.inspected_on)::text from inspections i where i.site_id = s.id) as last_inspected_on,
  (select count(*) from hazards h where h.site_id = s.id and h.status <> 'confirmed')::int as open_hazards, s.version`;
const SITE_FROM = `safety_sites s left join streets st on st.code = s.street_code join units ru on ru.code = s.responsible_unit_code`;

/** The remit of unit $U (code) with street $S, in SQL over the site `s`. */
const remitSql = (u: string, st: string) =>
  `(${u} = 'civil-affairs' or (${st}::text is not null and s.street_code = ${st}) or ${u} = any (s.inspecting_units) or s.responsible_unit_code = ${u})`;

export interface SiteFilter {
  kind?: string;
  street?: string;
  responsibleUnit?: string;
  q?: string;
  includeInactive: boolean;
  remitOf?: { code: string; streetCode: string | null };
  page: number;
  pageSize: number;
}

export async function listSites(tx: Tx, f: SiteFilter): Promise<{ rows: SiteRow[]; total: number }> {
  const where = `($1::text is null or s.kind = $1) and ($2::text is null or s.street_code = $2) and ($3::text is null or s.responsible_unit_code = $3)
    and ($4::text is null or s.name ilike '%' || $4 || '%' or s.code ilike '%' || $4 || '%' or s.address ilike '%' || $4 || '%')
    and ($5 or s.active) and ($6::text is null or ${remitSql('$6', '$7')})`;
  const args = [
    f.kind ?? null,
    f.street ?? null,
    f.responsibleUnit ?? null,
    f.q?.replace(/[\\%_]/g, (c) => `\\${c}`) || null,
    f.includeInactive,
    f.remitOf?.code ?? null,
    f.remitOf?.streetCode ?? null,
  ];
  const { rows } = await tx.client.query<SiteRow>(
    `select ${SITE_COLS} from ${SITE_FROM} where ${where}
      order by s.active desc, st.sort nulls last, array_position(array['school','kindergarten','protection_institution','childcare','river_section','other'], s.kind), s.name, s.id
      limit $8 offset $9`,
    [...args, f.pageSize, (f.page - 1) * f.pageSize],
  );
  const total = first((await tx.client.query<{ n: number }>(`select count(*)::int as n from safety_sites s where ${where}`, args)).rows).n;
  return { rows, total };
}

export async function site(tx: Tx, id: string, lock = false): Promise<SiteRow | null> {
  if (lock) await tx.client.query(`select 1 from safety_sites where id = $1 for update`, [id]);
  const { rows } = await tx.client.query<SiteRow>(`select ${SITE_COLS} from ${SITE_FROM} where s.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function siteCodeTaken(tx: Tx, code: string): Promise<boolean> {
  const { rowCount } = await tx.client.query(`select 1 from safety_sites where code = $1`, [code]);
  return (rowCount ?? 0) > 0;
}

export interface SiteWrite {
  name: string;
  kind: string;
  streetCode: string;
  address: string | null;
  responsibleUnitCode: string;
  inspectingUnits: string[];
  note: string | null;
}

export async function insertSite(tx: Tx, code: string, w: SiteWrite, by: string): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into safety_sites (code, name, kind, street_code, address, responsible_unit_code, inspecting_units, note, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [code, w.name, w.kind, w.streetCode, w.address, w.responsibleUnitCode, w.inspectingUnits, w.note, by],
  );
  return first(rows).id;
}

export async function updateSite(tx: Tx, id: string, version: number, w: SiteWrite): Promise<boolean> {
  const r = await tx.client.query(
    `update safety_sites set name = $3, kind = $4, street_code = $5, address = $6, responsible_unit_code = $7, inspecting_units = $8, note = $9,
            updated_at = now(), version = version + 1
      where id = $1 and version = $2`,
    [id, version, w.name, w.kind, w.streetCode, w.address, w.responsibleUnitCode, w.inspectingUnits, w.note],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function setSiteActive(tx: Tx, id: string, version: number, active: boolean): Promise<boolean> {
  const r = await tx.client.query(`update safety_sites set active = $3, updated_at = now(), version = version + 1 where id = $1 and version = $2`, [
    id,
    version,
    active,
  ]);
  return (r.rowCount ?? 0) > 0;
}

// ---- checklists ----

export interface ChecklistRow {
  code: string;
  version: number;
  name: string;
  site_kinds: string[];
  items: { code: string; text: string; topic: string }[];
  active: boolean;
  latest: boolean;
  created_at: Date;
  created_by_name: string | null;
}

const CHECKLIST_COLS = `c.code, c.version, c.name, c.site_kinds, c.items, c.active,
  c.version = (select max(x.version) from inspection_checklists x where x.code = c.code) as latest, c.created_at, u.display_name as created_by_name`;

export async function listChecklists(tx: Tx, q: { siteKind?: string; history: boolean; includeInactive: boolean }): Promise<ChecklistRow[]> {
  const latest = q.history ? '' : `and c.version = (select max(x.version) from inspection_checklists x where x.code = c.code)`;
  const { rows } = await tx.client.query<ChecklistRow>(
    `select ${CHECKLIST_COLS} from inspection_checklists c left join users u on u.id = c.created_by
      where ($1::text is null or $1 = any (c.site_kinds)) ${latest} and ($2 or c.active)
      order by c.code, c.version desc`,
    [q.siteKind ?? null, q.includeInactive || q.history],
  );
  return rows;
}

export async function checklistVersions(tx: Tx, code: string): Promise<ChecklistRow[]> {
  const { rows } = await tx.client.query<ChecklistRow>(
    `select ${CHECKLIST_COLS} from inspection_checklists c left join users u on u.id = c.created_by where c.code = $1 order by c.version desc`,
    [code],
  );
  return rows;
}

export async function latestChecklist(tx: Tx, code: string): Promise<ChecklistRow | null> {
  return (await checklistVersions(tx, code))[0] ?? null;
}

export async function checklist(tx: Tx, code: string, version: number): Promise<ChecklistRow | null> {
  const { rows } = await tx.client.query<ChecklistRow>(
    `select ${CHECKLIST_COLS} from inspection_checklists c left join users u on u.id = c.created_by where c.code = $1 and c.version = $2`,
    [code, version],
  );
  return rows[0] ?? null;
}

export interface ChecklistWrite {
  code: string;
  version: number;
  name: string;
  siteKinds: readonly string[];
  items: readonly { code: string; text: string; topic: string }[];
  active: boolean;
}

/** False when that version exists already (someone saved a version meanwhile). */
export async function insertChecklist(db: Tx | pg.ClientBase, c: ChecklistWrite, by: string | null): Promise<boolean> {
  const client = 'client' in db ? db.client : db;
  const r = await client.query(
    `insert into inspection_checklists (code, version, name, site_kinds, items, active, created_by) values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (code, version) do nothing`,
    [c.code, c.version, c.name, c.siteKinds, JSON.stringify(c.items), c.active, by],
  );
  return (r.rowCount ?? 0) > 0;
}

/** Whether a checklist of this code exists at all (the defaults are applied once per code). */
export async function checklistCodeExists(client: pg.ClientBase, code: string): Promise<boolean> {
  const { rowCount } = await client.query(`select 1 from inspection_checklists where code = $1`, [code]);
  return (rowCount ?? 0) > 0;
}

// ---- inspections ----

export interface InspectionRow {
  id: string;
  site_id: string;
  site_name: string;
  site_kind: string;
  street_name: string | null;
  unit_code: string;
  unit_name: string;
  inspected_on: string;
  checklist_code: string;
  checklist_version: number;
  checklist_name: string;
  checklist_items: { code: string; text: string; topic: string }[];
  results: { code: string; result: string; note: string | null }[];
  findings: string | null;
  inspector_name: string | null;
  issues: number;
  created_at: Date;
}

const INSPECTION_COLS = `i.id, i.site_id, s.name as site_name, s.kind as site_kind, st.name as street_name, i.unit_code, un.name as unit_name,
  i.inspected_on, i.checklist_code, i.checklist_version, c.name as checklist_name, c.items as checklist_items, i.results, i.findings,
  u.display_name as inspector_name, (select count(*) from jsonb_array_elements(i.results) r where r->>'result' = 'issue')::int as issues, i.created_at`;
const INSPECTION_FROM = `inspections i join safety_sites s on s.id = i.site_id left join streets st on st.code = i.street_code
  join units un on un.code = i.unit_code join inspection_checklists c on c.code = i.checklist_code and c.version = i.checklist_version
  left join users u on u.id = i.inspector_id`;

export async function inspection(tx: Tx, id: string): Promise<InspectionRow | null> {
  const { rows } = await tx.client.query<InspectionRow>(`select ${INSPECTION_COLS} from ${INSPECTION_FROM} where i.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function listInspections(
  tx: Tx,
  f: { siteId?: string; street?: string; kind?: string; unit?: string; page: number; pageSize: number },
): Promise<{ rows: InspectionRow[]; total: number }> {
  const where = `($1::uuid is null or i.site_id = $1) and ($2::text is null or i.street_code = $2) and ($3::text is null or s.kind = $3)
    and ($4::text is null or i.unit_code = $4)`;
  const args = [f.siteId ?? null, f.street ?? null, f.kind ?? null, f.unit ?? null];
  const { rows } = await tx.client.query<InspectionRow>(
    `select ${INSPECTION_COLS} from ${INSPECTION_FROM} where ${where} order by i.inspected_on desc, i.created_at desc, i.id limit $5 offset $6`,
    [...args, f.pageSize, (f.page - 1) * f.pageSize],
  );
  const total = first(
    (await tx.client.query<{ n: number }>(`select count(*)::int as n from inspections i join safety_sites s on s.id = i.site_id where ${where}`, args)).rows,
  ).n;
  return { rows, total };
}

export async function insertInspection(
  tx: Tx,
  w: {
    siteId: string;
    streetCode: string | null;
    unitCode: string;
    inspectedOn: string;
    checklistCode: string;
    checklistVersion: number;
    results: { code: string; result: string; note: string | null }[];
    findings: string | null;
    inspectorId: string;
  },
): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into inspections (site_id, street_code, unit_code, inspected_on, checklist_code, checklist_version, results, findings, inspector_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [w.siteId, w.streetCode, w.unitCode, w.inspectedOn, w.checklistCode, w.checklistVersion, JSON.stringify(w.results), w.findings, w.inspectorId],
  );
  return first(rows).id;
}

// ---- hazards ----

export interface HazardRow {
  id: string;
  inspection_id: string | null;
  site_id: string;
  site_name: string;
  site_kind: string;
  street_code: string | null;
  street_name: string | null;
  item_code: string | null;
  item_text: string | null;
  description: string;
  severity: string;
  responsible_unit_code: string;
  responsible_unit_name: string;
  inspecting_unit_code: string | null;
  inspecting_unit_name: string | null;
  inspected_on: string | null;
  deadline: string;
  status: string;
  fix_note: string | null;
  fix_reported_at: Date | null;
  fix_reported_by: string | null;
  fix_reported_by_name: string | null;
  confirmed_at: Date | null;
  confirmed_by_name: string | null;
  sent_back_reason: string | null;
  sent_back_at: Date | null;
  created_at: Date;
  version: number;
}

const HAZARD_COLS = `h.id, h.inspection_id, h.site_id, s.name as site_name, s.kind as site_kind, h.street_code, st.name as street_name, h.item_code,
  (select it->>'text' from inspection_checklists c, jsonb_array_elements(c.items) it
    where c.code = i.checklist_code and c.version = i.checklist_version and it->>'code' = h.item_code limit 1) as item_text,
  h.description, h.severity, h.responsible_unit_code, ru.name as responsible_unit_name, i.unit_code as inspecting_unit_code,
  iu.name as inspecting_unit_name, i.inspected_on, h.deadline, h.status, h.fix_note, h.fix_reported_at, h.fix_reported_by,
  fr.display_name as fix_reported_by_name, h.confirmed_at, cb.display_name as confirmed_by_name, h.sent_back_reason, h.sent_back_at,
  h.created_at, h.version`;
const HAZARD_FROM = `hazards h join safety_sites s on s.id = h.site_id left join streets st on st.code = h.street_code
  join units ru on ru.code = h.responsible_unit_code left join inspections i on i.id = h.inspection_id left join units iu on iu.code = i.unit_code
  left join users fr on fr.id = h.fix_reported_by left join users cb on cb.id = h.confirmed_by`;

export async function hazard(tx: Tx, id: string, lock = false): Promise<HazardRow | null> {
  if (lock) await tx.client.query(`select 1 from hazards where id = $1 for update`, [id]);
  const { rows } = await tx.client.query<HazardRow>(`select ${HAZARD_COLS} from ${HAZARD_FROM} where h.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function hazardsOfInspection(tx: Tx, inspectionId: string): Promise<HazardRow[]> {
  const { rows } = await tx.client.query<HazardRow>(`select ${HAZARD_COLS} from ${HAZARD_FROM} where h.inspection_id = $1 order by h.created_at, h.id`, [
    inspectionId,
  ]);
  return rows;
}

export interface HazardFilter {
  /** Only hazards this unit answers for (and open). */
  fixUnit?: string;
  /** Only hazards this unit inspected (and with a fix reported). */
  confirmUnit?: string;
  status?: string;
  overdue?: boolean;
  responsibleUnit?: string;
  street?: string;
  siteId?: string;
  today: string;
  page: number;
  pageSize: number;
}

export async function listHazards(tx: Tx, f: HazardFilter): Promise<{ rows: HazardRow[]; total: number }> {
  const where = `($1::text is null or (h.responsible_unit_code = $1 and h.status = 'open'))
    and ($2::text is null or (i.unit_code = $2 and h.status = 'fix_reported'))
    and ($3::text is null or h.status = $3)
    and ($4::boolean is null or (h.status <> 'confirmed' and h.deadline < $5::date) = $4)
    and ($6::text is null or h.responsible_unit_code = $6) and ($7::text is null or h.street_code = $7) and ($8::uuid is null or h.site_id = $8)`;
  const args = [
    f.fixUnit ?? null,
    f.confirmUnit ?? null,
    f.status ?? null,
    f.overdue ?? null,
    f.today,
    f.responsibleUnit ?? null,
    f.street ?? null,
    f.siteId ?? null,
  ];
  const { rows } = await tx.client.query<HazardRow>(
    `select ${HAZARD_COLS} from ${HAZARD_FROM} where ${where}
      order by (h.status = 'confirmed'), h.deadline, h.severity desc, h.created_at, h.id limit $9 offset $10`,
    [...args, f.pageSize, (f.page - 1) * f.pageSize],
  );
  const total = first(
    (await tx.client.query<{ n: number }>(`select count(*)::int as n from hazards h left join inspections i on i.id = h.inspection_id where ${where}`, args))
      .rows,
  ).n;
  return { rows, total };
}

export async function insertHazard(
  tx: Tx,
  w: {
    inspectionId: string;
    siteId: string;
    streetCode: string | null;
    itemCode: string;
    description: string;
    severity: string;
    responsibleUnitCode: string;
    deadline: string;
    reportedBy: string;
  },
): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into hazards (inspection_id, site_id, street_code, item_code, description, severity, responsible_unit_code, deadline, reported_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [w.inspectionId, w.siteId, w.streetCode, w.itemCode, w.description, w.severity, w.responsibleUnitCode, w.deadline, w.reportedBy],
  );
  return first(rows).id;
}

export async function reportFix(tx: Tx, id: string, version: number, note: string, by: string): Promise<boolean> {
  const r = await tx.client.query(
    `update hazards set status = 'fix_reported', fix_note = $3, fix_reported_at = now(), fix_reported_by = $4, updated_at = now(), version = version + 1
      where id = $1 and version = $2 and status = 'open'`,
    [id, version, note, by],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function confirmFix(tx: Tx, id: string, version: number, by: string): Promise<boolean> {
  const r = await tx.client.query(
    `update hazards set status = 'confirmed', confirmed_at = now(), confirmed_by = $3, updated_at = now(), version = version + 1
      where id = $1 and version = $2 and status = 'fix_reported'`,
    [id, version, by],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function sendBack(tx: Tx, id: string, version: number, reason: string, by: string): Promise<boolean> {
  const r = await tx.client.query(
    `update hazards set status = 'open', sent_back_reason = $3, sent_back_at = now(), sent_back_by = $4,
            fix_reported_at = null, fix_reported_by = null, updated_at = now(), version = version + 1
      where id = $1 and version = $2 and status = 'fix_reported'`,
    [id, version, reason, by],
  );
  return (r.rowCount ?? 0) > 0;
}

/** Per responsible unit: hazards not confirmed, of which overdue (deadline before today) and major. */
export async function overdueByUnit(tx: Tx, today: string): Promise<{ unit_code: string; unit_name: string; overdue: number; major: number; open: number }[]> {
  const { rows } = await tx.client.query<{ unit_code: string; unit_name: string; overdue: number; major: number; open: number }>(
    `select h.responsible_unit_code as unit_code, u.name as unit_name,
            count(*) filter (where h.deadline < $1::date)::int as overdue,
            count(*) filter (where h.deadline < $1::date and h.severity = 'major')::int as major,
            count(*)::int as open
       from hazards h join units u on u.code = h.responsible_unit_code
      where h.status <> 'confirmed'
      group by h.responsible_unit_code, u.name, u.sort
      order by count(*) filter (where h.deadline < $1::date) desc, u.sort, h.responsible_unit_code`,
    [today],
  );
  return rows;
}

// ---- 督办 indicators (registered in indicators.ts): their SQL, with the module's other SQL ----

const THIS_YEAR = (col: string) => `${col} between date_trunc('year', $1::date)::date and $1::date`;
export const T32 = `array['school','kindergarten','protection_institution','childcare']`;
export const T33 = `array['river_section']`;
export const inspectionsSql = (kinds: string) =>
  `select i.street_code, count(*) as num, null::numeric as den, null::numeric as val
     from inspections i join safety_sites s on s.id = i.site_id
    where i.street_code = any ($2::text[]) and s.kind = any (${kinds}) and ${THIS_YEAR('i.inspected_on')}
    group by grouping sets ((i.street_code), ())`;
export const coverageSql = (kinds: string) =>
  `select s.street_code,
          count(*) filter (where exists (select 1 from inspections i where i.site_id = s.id and ${THIS_YEAR('i.inspected_on')})) as num,
          count(*) as den, null::numeric as val
     from safety_sites s
    where s.street_code = any ($2::text[]) and s.kind = any (${kinds}) and s.active and (s.created_at at time zone 'Asia/Shanghai')::date <= $1::date
    group by grouping sets ((s.street_code), ())`;

export const indicatorSqlHazardsOverdue = `select h.street_code, count(*) as num, null::numeric as den, null::numeric as val
          from hazards h
         where h.street_code = any ($2::text[]) and (h.created_at at time zone 'Asia/Shanghai')::date <= $1::date and h.deadline < $1::date
           and (h.confirmed_at is null or (h.confirmed_at at time zone 'Asia/Shanghai')::date > $1::date)
         group by grouping sets ((h.street_code), ())`;

export const indicatorSqlHazardsOnTime = `select h.street_code,
               count(*) filter (where h.status = 'confirmed' and (h.confirmed_at at time zone 'Asia/Shanghai')::date <= $1::date
                                  and (h.fix_reported_at at time zone 'Asia/Shanghai')::date <= h.deadline) as num,
               count(*) as den, null::numeric as val
          from hazards h
         where h.street_code = any ($2::text[]) and ${THIS_YEAR('h.deadline')}
         group by grouping sets ((h.street_code), ())`;
