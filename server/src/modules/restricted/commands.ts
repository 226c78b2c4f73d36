/**
 * The writes of the restricted list: loading a file (validated row by row; only the blind index of
 * each identity number and a masked name are stored; the same file twice changes nothing), matching
 * the ledger against it, and the reviewer's decision on a match (a confirmed match suspends the
 * person's account and ends its sessions). `matchStaff` is for the ledger's save of a person.
 */
import crypto from 'node:crypto';
import { shanghaiDate } from '#common/dates.js';
import type { MatchReview, RestrictedLoadReport, RestrictedUpload } from '#common/restricted.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import type { FieldCrypto } from '../../crypto/fieldCrypto.js';
import { decideRows } from './policies.js';
import { matchOut } from './presenters.js';
import { readList } from './readList.js';
import * as repo from './repo.js';

/**
 * Matches one ledger person (after their identity number was added or changed) against the active
 * restricted lists. Runs with the caller's rights but learns nothing: the function writes the
 * matches and the reviewers' notices, and returns no result.
 */
export async function matchStaff(tx: Tx, staffId: string): Promise<void> {
  await repo.matchStaff(tx, staffId);
}

export async function load(tx: Tx, ctx: SignedInCtx, body: RestrictedUpload, fieldCrypto: FieldCrypto, now: number): Promise<RestrictedLoadReport> {
  const buf = Buffer.from(body.contentBase64, 'base64');
  if (!buf.length) throw errors.validation([{ path: 'contentBase64', message: '文件为空' }]);
  const sha = crypto.createHash('sha256').update(buf).digest('hex');
  const empty = { loaded: 0, invalid: 0, duplicates: 0, matches: 0, rows: [] };
  const before = await repo.listBySha(tx, sha);
  if (before) return { listId: before.id, alreadyLoaded: true, ...empty };

  const read = await readList(buf, body.filename);
  if (!read.ok) throw errors.validation([{ path: 'contentBase64', message: read.message }], read.message);
  const decisions = decideRows(read.rows, shanghaiDate(now));
  const kept = decisions.flatMap((d) => (d.outcome === 'loaded' ? [d] : []));
  if (!kept.length) {
    const message = '文件中没有可载入的有效行，请按逐行报告修改后重新上传';
    throw errors.validation(
      decisions.slice(0, 20).map((d) => ({ path: `row${d.row}`, message: `第 ${d.row} 行：${d.outcome === 'loaded' ? '' : d.message}` })),
      message,
    );
  }
  const listId = await repo.insertList(tx, { name: body.name, source: body.source?.trim() || null, sha, rows: kept.length, by: ctx.actor.userId });
  if (!listId) return { listId: (await repo.listBySha(tx, sha))?.id ?? null, alreadyLoaded: true, ...empty };
  await repo.insertPersons(
    tx,
    listId,
    kept.map((d) => ({ bidx: fieldCrypto.blindIndex(d.idNumber, 'staff.id_number'), nameMasked: d.nameMasked, restriction: d.restriction })),
  );
  const matches = await repo.matchList(tx, listId);
  const invalid = decisions.filter((d) => d.outcome === 'invalid').length;
  const duplicates = decisions.filter((d) => d.outcome === 'duplicate').length;
  await tx.audit({
    action: 'restricted.list.load',
    entity: 'restricted_list',
    entityId: listId,
    summary: { name: body.name, sha256: sha, loaded: kept.length, invalid, duplicates, matches },
  });
  return {
    listId,
    alreadyLoaded: false,
    loaded: kept.length,
    invalid,
    duplicates,
    matches,
    rows: decisions.map((d) => ({
      row: d.row,
      nameMasked: d.nameMasked,
      outcome: d.outcome,
      message: d.outcome === 'loaded' ? '已载入' : d.message,
    })),
  };
}

export async function review(tx: Tx, ctx: SignedInCtx, id: string, body: MatchReview, now: number) {
  if (!(await repo.matchExists(tx, id))) throw errors.notFound('未找到该比对记录');
  const note = (body.note ?? '').trim();
  if (!(await repo.review(tx, id, body.decision, note, ctx.actor.userId, new Date(now)))) throw errors.conflict('该比对记录已核查过');
  const suspendedUser = body.decision === 'confirmed' ? await repo.suspend(tx, id, new Date(now)) : null;
  await tx.audit({
    action: body.decision === 'confirmed' ? 'restricted.match.confirm' : 'restricted.match.dismiss',
    entity: 'restricted_match',
    entityId: id,
    summary: { decision: body.decision, suspendedUser },
    reason: note,
  });
  const row = (await repo.matches(tx, null)).find((m) => m.id === id);
  if (!row) throw errors.notFound('未找到该比对记录');
  return matchOut(row);
}
