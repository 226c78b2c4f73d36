/**
 * Reading children's files. Every query runs inside the caller's scoped transaction: the area
 * filtering is done by RLS, the filters here are the user's own choices.
 */
import type { z } from 'zod';
import type { ChildFile, ChildFilters, ChildRow, ChildSearch, DuplicateCheck } from '#common/children.js';
import { COUNT_CAP } from '#common/children.js';
import { validateIdNumber } from '#common/idNumber.js';
import { shanghaiDate } from '#common/dates.js';
import { readOnce, type RequestCtx, type Tx } from '../../core/context.js';
import type { AppDeps } from '../../core/deps.js';
import { errors } from '../../core/errors.js';
import { BIDX, NOT_FOUND, elsewhereNotice } from './policies.js';
import { presentFile, presentHistory, presentRow, presentSavedFilter, presentSimilar } from './presenters.js';
import * as repo from './repo.js';

export async function listChildren(
  tx: Tx,
  deps: AppDeps,
  f: ChildFilters,
  page: { limit: number; offset: number; cap?: number },
): Promise<{ items: ChildRow[]; total: number; capped: boolean }> {
  const today = shanghaiDate(deps.clock());
  const scope = tx.ctx.actor?.scope;
  // Counting stops at the cap: a district-wide filter need not scan 100,000 files for a page of 20.
  const cap = page.cap ?? COUNT_CAP;
  return pageOf(deps, await repo.listPage(tx, f, today, scope, { ...page, cap }), today, cap);
}

/**
 * A page of the list, as the list and the search answer it: in one round trip (`readOnce`), the
 * plain list's first pages — the busiest read of the platform — from a statement kept prepared on
 * each connection, a search or a filter planned for its values.
 */
export async function searchChildren(deps: AppDeps, ctx: RequestCtx, s: ChildSearch) {
  const today = shanghaiDate(deps.clock());
  const page = { limit: s.pageSize, offset: (s.page - 1) * s.pageSize, cap: COUNT_CAP };
  const st = repo.listPageStatement(s, today, ctx.actor?.scope, page);
  const rows = await readOnce<repo.ListPageRow>(deps.db, ctx, { name: st.prepared ? `children_page_${st.key}` : undefined, text: st.text, values: st.values });
  const { items, total, capped } = pageOf(deps, repo.listPageOf(rows), today, COUNT_CAP);
  return { items, total, capped, page: s.page, pageSize: s.pageSize };
}

function pageOf(deps: AppDeps, p: repo.ListPage, today: string, cap: number): { items: ChildRow[]; total: number; capped: boolean } {
  return { items: p.rows.map((r) => presentRow(deps, r, today)), total: Math.min(p.counted, cap), capped: p.counted > cap };
}

/** The whole file, masked; null when the child does not exist or is outside the caller's area. */
export async function loadChildFile(tx: Tx, deps: AppDeps, id: string): Promise<ChildFile | null> {
  const today = shanghaiDate(deps.clock());
  const r = await repo.fileRow(tx, id);
  if (!r) return null;
  // One connection answers one query at a time: these run in turn.
  const categories = await repo.fileCategories(tx, id);
  const members = await repo.fileMembers(tx, id);
  const benefits = await repo.fileBenefits(tx, id);
  return presentFile(deps, tx.ctx.actor, today, r, categories, members, benefits);
}

/** The file, or 404 (outside the caller's area or not there). */
export async function childFile(tx: Tx, deps: AppDeps, id: string): Promise<ChildFile> {
  const file = await loadChildFile(tx, deps, id);
  if (!file) throw errors.notFound(NOT_FOUND);
  return file;
}

/** Similar files (same name and birth date) anywhere in the district, as warnings. */
export async function similarWarnings(tx: Tx, name: string, birthDate: string, exceptChild?: string) {
  return presentSimilar(await repo.similarFiles(tx, name, birthDate), exceptChild);
}

/** Before registering: the same identity number anywhere in the district, and files with the same name and birth date. */
export async function checkDuplicate(tx: Tx, deps: AppDeps, body: z.infer<typeof DuplicateCheck>) {
  let duplicate: { id: string | null; message: string } | null = null;
  let birthDate = body.birthDate;
  // DuplicateCheck has normalised the number (spaces, full-width digits, lower-case x) the way
  // creation does, so a number written differently still finds its file.
  const idNumber = body.idNumber;
  if (idNumber) {
    const v = validateIdNumber(idNumber, new Date(deps.clock()));
    if (!v.ok) throw errors.validation([{ path: 'idNumber', message: v.message }], v.message);
    birthDate = v.birthDate;
    const bidx = deps.crypto.blindIndex(idNumber, BIDX);
    const own = await repo.childIdByBlindIndex(tx, bidx);
    if (own) duplicate = { id: own, message: '该身份证号已在您的辖区建档' };
    else {
      const other = elsewhereNotice(tx.ctx.actor?.scope, await repo.registeredElsewhere(tx, bidx));
      if (other) duplicate = { id: null, message: other.message };
    }
  }
  const name = body.name;
  const similar = name && birthDate ? await similarWarnings(tx, name, birthDate) : [];
  return { duplicate, similar: similar.map((s) => ({ ...s, name: name ?? '' })) };
}

export async function historyPage(tx: Tx, childId: string, page: number, pageSize: number) {
  if (!(await repo.childVisible(tx, childId))) throw errors.notFound(NOT_FOUND);
  const total = await repo.countHistory(tx, childId);
  const rows = await repo.historyRows(tx, childId, pageSize, (page - 1) * pageSize);
  return { items: rows.map(presentHistory), total, page, pageSize };
}

export async function savedFilters(tx: Tx) {
  return { items: (await repo.savedFilterRows(tx)).map(presentSavedFilter) };
}
