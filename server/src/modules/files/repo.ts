/**
 * Every SQL statement of the files module (attachments, exports, imports, the import check), as
 * named functions with typed rows. They run inside the caller's scoped transaction, so row-level
 * security decides what each one sees. The SQL text is the one that was measured: keep it as is.
 */
import type { AttachmentEntity } from '#common/files.js';
import type { ImportProblem, ImportReport } from '#common/files.js';
import type { EntitlementStatus } from '#common/eligibility.js';
import type { AuditEntry, Tx } from '../../core/context.js';

/** The first row, or an error naming what was expected (a statement that always returns a row). */
function first<T>(rows: T[], what: string): T {
  const row = rows[0];
  if (row === undefined) throw new Error(`no row: ${what}`);
  return row;
}

// ---- attachments ------------------------------------------------------------------------------

export interface AttachmentRow {
  id: string;
  child_id: string;
  entity: AttachmentEntity;
  entity_id: string;
  filename: string;
  mime: string;
  size_bytes: number;
  created_at: Date;
  created_by: string | null;
  created_by_name: string | null;
  entitlement_event_id: string | null;
}

/** Table of each kind of record (fixed names, never from the request). */
const TABLE: Record<Exclude<AttachmentEntity, 'child'>, string> = {
  visit: 'visits',
  problem: 'problems',
  assistance: 'assistance',
  care_plan: 'care_plans',
  entitlement: 'entitlements',
};

export async function childVisible(tx: Tx, childId: string): Promise<boolean> {
  const found = await tx.client.query('select 1 from children where id = $1', [childId]);
  return !!found.rowCount;
}

/** Whether the record (visit, problem, …) exists in the caller's area and belongs to the child. */
export async function recordOfChild(tx: Tx, entity: Exclude<AttachmentEntity, 'child'>, entityId: string, childId: string): Promise<boolean> {
  const owner = await tx.client.query(`select 1 from ${TABLE[entity]} where id = $1 and child_id = $2`, [entityId, childId]);
  return !!owner.rowCount;
}

export async function entitlementStatus(tx: Tx, entitlementId: string): Promise<EntitlementStatus> {
  return first((await tx.client.query<{ status: EntitlementStatus }>('select status from entitlements where id = $1', [entitlementId])).rows, 'entitlement')
    .status;
}

export interface NewAttachment {
  childId: string;
  entity: AttachmentEntity;
  entityId: string;
  filename: string;
  mime: string;
  sizeBytes: number;
  sha256: string;
  content: Buffer;
  createdBy: string;
}

export async function insertAttachment(tx: Tx, a: NewAttachment): Promise<AttachmentRow> {
  return first(
    (
      await tx.client.query<AttachmentRow>(
        `insert into attachments (child_id, entity, entity_id, filename, mime, size_bytes, sha256, content, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         returning id, child_id, entity, entity_id, filename, mime, size_bytes, created_at, created_by, null::text as created_by_name, entitlement_event_id`,
        [a.childId, a.entity, a.entityId, a.filename, a.mime, a.sizeBytes, a.sha256, a.content, a.createdBy],
      )
    ).rows,
    'inserted attachment',
  );
}

export async function listAttachments(
  tx: Tx,
  childId: string,
  filter: { entity?: string | undefined; entityId?: string | undefined },
): Promise<AttachmentRow[]> {
  const args: unknown[] = [childId];
  let where = 'a.child_id = $1';
  if (filter.entity) {
    args.push(filter.entity);
    where += ` and a.entity = $${args.length}`;
  }
  if (filter.entityId) {
    args.push(filter.entityId);
    where += ` and a.entity_id = $${args.length}`;
  }
  const { rows } = await tx.client.query<AttachmentRow>(
    `select a.id, a.child_id, a.entity, a.entity_id, a.filename, a.mime, a.size_bytes, a.created_at, a.created_by, u.display_name as created_by_name, a.entitlement_event_id
       from attachments a left join users u on u.id = a.created_by where ${where} order by a.created_at desc limit 500`,
    args,
  );
  return rows;
}

export interface AttachmentContent {
  id: string;
  child_id: string;
  filename: string;
  mime: string;
  content: Buffer;
}

export async function attachmentContent(tx: Tx, id: string): Promise<AttachmentContent | undefined> {
  return (await tx.client.query<AttachmentContent>('select id, child_id, filename, mime, content from attachments where id = $1', [id])).rows[0];
}

export interface AttachmentOwner {
  id: string;
  child_id: string;
  created_by: string | null;
  entity: string;
  entitlement_event_id: string | null;
}

export async function lockAttachment(tx: Tx, id: string): Promise<AttachmentOwner | undefined> {
  return (
    await tx.client.query<AttachmentOwner>('select id, child_id, created_by, entity, entitlement_event_id from attachments where id = $1 for update', [id])
  ).rows[0];
}

export async function deleteAttachment(tx: Tx, id: string): Promise<void> {
  await tx.client.query('delete from attachments where id = $1', [id]);
}

export interface AttachmentLinkRow {
  id: string;
  entity: AttachmentEntity;
  entity_id: string;
  created_by: string | null;
  entitlement_event_id: string | null;
}

export async function lockAttachments(tx: Tx, ids: string[]): Promise<AttachmentLinkRow[]> {
  return (
    await tx.client.query<AttachmentLinkRow>(
      'select id, entity, entity_id, created_by, entitlement_event_id from attachments where id = any($1::uuid[]) for update',
      [ids],
    )
  ).rows;
}

export async function linkAttachments(tx: Tx, eventId: string, ids: string[]): Promise<void> {
  await tx.client.query('update attachments set entitlement_event_id = $1 where id = any($2::uuid[])', [eventId, ids]);
}

// ---- exports ----------------------------------------------------------------------------------

export async function streetName(tx: Tx, code: string): Promise<string | undefined> {
  return (await tx.client.query<{ name: string }>('select name from streets where code = $1', [code])).rows[0]?.name;
}

export async function committeeName(tx: Tx, id: string): Promise<string | undefined> {
  return (await tx.client.query<{ name: string }>('select name from committees where id = $1', [id])).rows[0]?.name;
}

export async function encryptedIdNumbers(tx: Tx, childIds: string[]): Promise<{ id: string; id_number_enc: string | null }[]> {
  return (await tx.client.query<{ id: string; id_number_enc: string | null }>('select id, id_number_enc from children where id = any($1::uuid[])', [childIds]))
    .rows;
}

export async function insertExport(tx: Tx, e: { userId: string; filename: string; rows: number; masked: boolean; content: Buffer }): Promise<string> {
  return first(
    (
      await tx.client.query<{ id: string }>(
        `insert into exports (user_id, kind, filename, rows, masked, content) values ($1, 'children', $2, $3, $4, $5) returning id`,
        [e.userId, e.filename, e.rows, e.masked, e.content],
      )
    ).rows,
    'inserted export',
  ).id;
}

export interface ExportFile {
  id: string;
  filename: string;
  rows: number;
  masked: boolean;
  content: Buffer;
}

export async function exportFile(tx: Tx, id: string): Promise<ExportFile | undefined> {
  return (await tx.client.query<ExportFile>('select id, filename, rows, masked, content from exports where id = $1', [id])).rows[0];
}

// ---- imports ----------------------------------------------------------------------------------

/** Active committees of the caller's area, for the template's list. */
export async function templateCommittees(tx: Tx, scope: { streets: string[]; committees: string[] }): Promise<{ street: string; name: string }[]> {
  return (
    await tx.client.query<{ street: string; name: string }>(
      `select s.name as street, m.name from committees m join streets s on s.code = m.street_code
       where m.active and (m.street_code = any($1::text[]) or m.id = any($2::uuid[])) order by s.sort, m.code`,
      [scope.streets, scope.committees],
    )
  ).rows;
}

export async function insertImport(tx: Tx, i: { userId: string; filename: string; sha256: string; totalRows: number; content: Buffer }): Promise<string> {
  return first(
    (
      await tx.client.query<{ id: string }>(
        `insert into imports (user_id, kind, filename, file_sha256, status, total_rows, content) values ($1, 'children', $2, $3, 'checking', $4, $5) returning id`,
        [i.userId, i.filename, i.sha256, i.totalRows, i.content],
      )
    ).rows,
    'inserted import',
  ).id;
}

export async function saveCheck(
  tx: Tx,
  id: string,
  r: { status: 'invalid' | 'checked'; total: number; valid: number; create: number; update: number; unchanged: number; problems: ImportProblem[] },
): Promise<void> {
  await tx.client.query(
    `update imports set status = $2, total_rows = $3, valid_rows = $4, created_rows = $5, updated_rows = $6, unchanged_rows = $7, problems = $8::jsonb,
               finished_at = case when $2 = 'invalid' then now() end where id = $1`,
    [id, r.status, r.total, r.valid, r.create, r.update, r.unchanged, JSON.stringify(r.problems)],
  );
}

export async function importFile(tx: Tx, id: string): Promise<{ content: Buffer | null; filename: string; file_sha256: string } | undefined> {
  return (
    await tx.client.query<{ content: Buffer | null; filename: string; file_sha256: string }>(
      'select content, filename, file_sha256 from imports where id = $1',
      [id],
    )
  ).rows[0];
}

export async function saveCommitted(tx: Tx, id: string, r: { created: number; updated: number; unchanged: number; valid: number }): Promise<void> {
  await tx.client.query(
    `update imports set status = 'committed', created_rows = $2, updated_rows = $3, unchanged_rows = $4, valid_rows = $5, finished_at = now(), content = null
             where id = $1`,
    [id, r.created, r.updated, r.unchanged, r.valid],
  );
}

export async function saveFailed(tx: Tx, id: string, problems: ImportProblem[]): Promise<void> {
  await tx.client.query(`update imports set status = 'failed', problems = $2::jsonb, finished_at = now() where id = $1`, [id, JSON.stringify(problems)]);
}

export interface ImportRow {
  id: string;
  filename: string;
  status: ImportReport['status'];
  total_rows: number;
  valid_rows: number;
  created_rows: number;
  updated_rows: number;
  unchanged_rows: number;
  created_at: Date;
  finished_at: Date | null;
  problem_count: number;
  problems_page: ImportProblem[] | null;
}

/** An import with one page of its problems. */
export async function importReport(tx: Tx, id: string, offset: number, limit: number): Promise<ImportRow | undefined> {
  return (
    await tx.client.query<ImportRow>(
      `select id, filename, status, total_rows, valid_rows, created_rows, updated_rows, unchanged_rows, created_at, finished_at,
              jsonb_array_length(problems) as problem_count,
              (select jsonb_agg(e order by n) from jsonb_array_elements(problems) with ordinality as p(e, n) where n > $2 and n <= $2 + $3) as problems_page
       from imports where id = $1`,
      [id, offset, limit],
    )
  ).rows[0];
}

/** Marks a running import failed when no job runs it any more (older than 5 s); true if it was. */
export async function failLostImport(tx: Tx, id: string, problems: ImportProblem[]): Promise<boolean> {
  const lost = await tx.client.query(
    `update imports set status = 'failed', problems = $2::jsonb, finished_at = now() where id = $1 and status in ('checking', 'committing') and created_at < now() - interval '5 seconds'`,
    [id, JSON.stringify(problems)],
  );
  return !!lost.rowCount;
}

/** checked → committing; false when the import is not in 'checked'. */
export async function startCommitting(tx: Tx, id: string): Promise<boolean> {
  const moved = await tx.client.query(`update imports set status = 'committing' where id = $1 and status = 'checked' returning id`, [id]);
  return !!moved.rowCount;
}

export async function importStatus(tx: Tx, id: string): Promise<string | undefined> {
  return (await tx.client.query<{ status: string }>('select status from imports where id = $1', [id])).rows[0]?.status;
}

export async function savepoint(tx: Tx, name: 'import_batch'): Promise<void> {
  await tx.client.query(`savepoint ${name}`);
}

export async function releaseSavepoint(tx: Tx, name: 'import_batch'): Promise<void> {
  await tx.client.query(`release savepoint ${name}`);
}

export async function rollbackToSavepoint(tx: Tx, name: 'import_batch'): Promise<void> {
  await tx.client.query(`rollback to savepoint ${name}`);
}

/**
 * Appends audit entries to the chain in one statement, in order (the import commit's deferred
 * entries): audit_append_many takes the chain's lock and reads its last hash once for all of them.
 */
export async function appendAuditRows(tx: Tx, chunk: AuditEntry[]): Promise<void> {
  const a = tx.ctx.actor;
  const roles = a ? a.roles.map((r) => r.code).join(',') : null;
  await tx.client.query(
    `select audit_append_many($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[],
                              $11::text[], $12::text[])`,
    [
      chunk.map((e) => e.userId ?? a?.userId ?? null),
      chunk.map((e) => e.username ?? a?.username ?? null),
      chunk.map((e) => e.unitCode ?? a?.unitCode ?? null),
      chunk.map(() => roles),
      chunk.map(() => tx.ctx.ip),
      chunk.map((e) => e.action),
      chunk.map((e) => e.entity ?? null),
      chunk.map((e) => e.entityId ?? null),
      chunk.map((e) => e.outcome ?? 'success'),
      chunk.map((e) => (e.summary ? JSON.stringify(e.summary) : null)),
      chunk.map((e) => e.reason ?? null),
      chunk.map(() => tx.ctx.requestId),
    ],
  );
}

// ---- the import check (importPlan.ts) ----------------------------------------------------------

export interface PlanCommittee {
  id: string;
  name: string;
  street_code: string;
  street_name: string;
  active: boolean;
}

/** Every committee of the caller's area, active or not (the check says which were merged). */
export async function scopeCommittees(tx: Tx, scope: { streets: string[]; committees: string[] }): Promise<PlanCommittee[]> {
  return (
    await tx.client.query<PlanCommittee>(
      `select m.id, m.name, m.street_code, s.name as street_name, m.active from committees m join streets s on s.code = m.street_code
     where m.street_code = any($1::text[]) or m.id = any($2::uuid[])`,
      [scope.streets, scope.committees],
    )
  ).rows;
}

export async function childrenByBlindIndex(tx: Tx, bidxs: string[]): Promise<{ id: string; id_number_bidx: string }[]> {
  return (
    await tx.client.query<{ id: string; id_number_bidx: string }>('select id, id_number_bidx from children where id_number_bidx = any($1::text[])', [bidxs])
  ).rows;
}

export async function registeredElsewhere(tx: Tx, bidxs: string[]): Promise<{ bidx: string; street_name: string; unit_name: string | null }[]> {
  return (
    await tx.client.query<{ bidx: string; street_name: string; unit_name: string | null }>(
      `select b.bidx, r.street_name, r.unit_name from unnest($1::text[]) as b(bidx) cross join lateral child_registered_elsewhere(b.bidx) r`,
      [bidxs],
    )
  ).rows;
}

/** Children matching (name, birth date, committee); `i` is the 1-based position in the lists. */
export async function childrenByNameBirth(
  tx: Tx,
  names: (string | null)[],
  births: (string | null)[],
  committees: string[],
): Promise<{ i: number; id: string }[]> {
  return (
    await tx.client.query<{ i: number; id: string }>(
      `select x.i::int as i, c.id from unnest($1::text[], $2::date[], $3::uuid[]) with ordinality as x(name, birth, committee, i)
       join children c on c.name = x.name and c.birth_date = x.birth and c.committee_id = x.committee`,
      [names, births, committees],
    )
  ).rows;
}

export interface StoredChild {
  id: string;
  version: number;
  status: string;
  street_code: string;
  committee_id: string;
  [col: string]: unknown;
}

export async function storedChildren(tx: Tx, ids: string[]): Promise<StoredChild[]> {
  return (await tx.client.query<StoredChild>('select * from children where id = any($1::uuid[])', [ids])).rows;
}

export async function householdMembersOf(
  tx: Tx,
  ids: string[],
): Promise<{ child_id: string; name: string; relation: string; id_number_bidx: string | null }[]> {
  return (
    await tx.client.query<{ child_id: string; name: string; relation: string; id_number_bidx: string | null }>(
      'select child_id, name, relation, id_number_bidx from household_members where child_id = any($1::uuid[])',
      [ids],
    )
  ).rows;
}

export async function activeCategoriesOf(tx: Tx, ids: string[]): Promise<{ child_id: string; category: string }[]> {
  return (
    await tx.client.query<{ child_id: string; category: string }>(
      'select child_id, category from child_categories where child_id = any($1::uuid[]) and until is null',
      [ids],
    )
  ).rows;
}
