/**
 * The writes of the data feeds, each in the caller's transaction and audited: a feed's definition
 * and API key; a run received (upload or push: read through the mapping, matched by blind index
 * then by name and birth date, nothing applied); a run confirmed (each matched record compared
 * with the file: the same value is 'unchanged', otherwise a change, applied at once for an
 * auto-applied feed matched by identity number, else waiting); a change applied through the
 * children module's own commands (history with the source, 免申即享 re-matching) or rejected.
 */
import crypto from 'node:crypto';
import { shanghaiDate } from '#common/dates.js';
import { ChildUpdate, MemberInput } from '#common/children.js';
import type { FeedFact, FeedUpdate } from '#common/feeds.js';
import type { Tx } from '../../core/context.js';
import type { AppDeps } from '../../core/deps.js';
import { errors } from '../../core/errors.js';
import { SYSTEM_USER_ID } from '../../http/systemActor.js';
import { updateMember } from '../children/commands/family.js';
import { updateChild } from '../children/commands/file.js';
import { rematch, type WarnLog } from '../children/commands/rematch.js';
import { BIDX } from '../children/policies.js';
import { packFor } from '../eligibility/pack.js';
import {
  currentValue,
  effectiveDate,
  factKey,
  mappingProblems,
  parseRows,
  proposedValue,
  sameValue,
  type OnFile,
  type ParsedRecord,
  type SourceRow,
  valueFields,
} from './policies.js';
import * as repo from './repo.js';

/** The user id to store (the system actor of an API push is no row of users). */
const byOf = (tx: Tx): string | null => {
  const id = tx.ctx.actor?.userId ?? null;
  return id === SYSTEM_USER_ID ? null : id;
};
/** What receiving and proposing need (the demo seed has no server): the field crypto and the clock. */
export type FeedDeps = Pick<AppDeps, 'crypto' | 'clock'>;
const nowOf = (deps: FeedDeps) => new Date(deps.clock());

export async function mustFeed(tx: Tx, code: string): Promise<repo.FeedRow> {
  const f = await repo.feed(tx, code);
  if (!f) throw errors.notFound('未找到该数据源');
  return f;
}

// ---- definition ----

export async function saveFeed(tx: Tx, deps: AppDeps, code: string, body: FeedUpdate): Promise<void> {
  const f = await mustFeed(tx, code);
  const problems = mappingProblems(f.fact, body.mapping);
  if (problems.length) throw errors.validation(problems, problems[0]?.message);
  if (body.autoApply && f.fact === 'member.status') {
    throw errors.validation([{ path: 'autoApply', message: '家庭成员状态（死亡、服刑、释放等）须经街道复核，不能自动应用' }]);
  }
  await repo.lockFeed(tx, code);
  await repo.saveFeed(tx, code, body, byOf(tx), nowOf(deps));
  await tx.audit({
    action: 'feeds.feed.update',
    entity: 'data_feed',
    entityId: code,
    summary: { frequency: body.frequency, autoApply: body.autoApply, reviewer: body.reviewer, columns: body.mapping.columns.length },
  });
}

/** A new API key: shown once, stored as its sha256 and a prefix to recognise it. */
export async function rotateKey(tx: Tx, deps: AppDeps, code: string): Promise<{ key: string; keyPrefix: string }> {
  await mustFeed(tx, code);
  const key = `nyf_${crypto.randomBytes(24).toString('base64url')}`;
  const keyPrefix = key.slice(0, 8);
  await repo.setKey(tx, code, sha256(key), keyPrefix, nowOf(deps));
  await tx.audit({ action: 'feeds.key.rotate', entity: 'data_feed', entityId: code, summary: { keyPrefix } });
  return { key, keyPrefix };
}

export const sha256 = (b: Buffer | string): string => crypto.createHash('sha256').update(b).digest('hex');

/** Constant-time comparison of a presented key with the stored hash. */
export function keyMatches(presented: string | null, storedHash: string | null): boolean {
  if (!presented || !storedHash) return false;
  const a = Buffer.from(sha256(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

// ---- receiving a run ----

export interface Received {
  runId: string;
  duplicateOf: boolean;
}

/**
 * A run from source rows: parsed, matched, its records stored; nothing applied. The same content
 * for the same feed again answers the run already received (idempotent).
 */
export async function receive(
  tx: Tx,
  deps: FeedDeps,
  feed: repo.FeedRow,
  r: { source: 'upload' | 'api'; filename: string | null; sha: string; rows: SourceRow[] },
): Promise<Received> {
  const before = await repo.runBySha(tx, feed.code, r.sha);
  if (before) return { runId: before, duplicateOf: true };
  const now = nowOf(deps);
  const runId = await repo.insertRun(tx, { feedCode: feed.code, source: r.source, filename: r.filename, sha: r.sha, by: byOf(tx), now });
  if (!runId) {
    const again = await repo.runBySha(tx, feed.code, r.sha);
    if (again) return { runId: again, duplicateOf: true };
    throw errors.conflict('同一文件正在处理，请稍后刷新');
  }
  const parsed = parseRows(r.rows, feed.fact, feed.mapping, shanghaiDate(deps.clock()));
  const records = await matchRecords(tx, deps, feed.fact, parsed);
  await repo.insertRecords(tx, runId, records);
  const counts = (await repo.runCounts(tx, [runId])).get(runId);
  await tx.audit({
    action: r.source === 'api' ? 'feeds.run.push' : 'feeds.run.upload',
    entity: 'feed_run',
    entityId: runId,
    summary: { feed: feed.code, sha256: r.sha, records: counts?.records ?? 0, matched: counts?.matched ?? 0, errors: counts?.errors ?? 0 },
  });
  return { runId, duplicateOf: false };
}

/** Matching, set-based: the blind indexes of a whole run in one query, the name + birth-date pairs left in another. */
export async function matchRecords(tx: Tx, deps: FeedDeps, fact: FeedFact, parsed: ParsedRecord[]): Promise<repo.RecordInsert[]> {
  const bidxOf = new Map<ParsedRecord, string>();
  for (const p of parsed) if (p.outcome === 'ok' && p.idNumber) bidxOf.set(p, deps.crypto.blindIndex(p.idNumber, BIDX));
  const byBidx = group(await repo.matchByBidx(tx, fact, [...new Set(bidxOf.values())]));
  const nameKey = (p: ParsedRecord) => `${p.name ?? ''}|${p.birthDate ?? ''}`;
  const needName = parsed.filter((p) => p.outcome === 'ok' && p.name && p.birthDate && !byBidx.has(bidxOf.get(p) ?? ''));
  const pairs = [...new Map(needName.map((p) => [nameKey(p), { name: p.name ?? '', birthDate: p.birthDate ?? '' }])).values()];
  const byName = group(await repo.matchByName(tx, fact, pairs));
  return parsed.map((p): repo.RecordInsert => {
    const bidx = bidxOf.get(p) ?? null;
    const base = { rowNo: p.rowNo, name: p.name, idTail: p.idTail, birthDate: p.birthDate, bidx, facts: p.facts, messages: p.messages };
    const none = { childId: null, memberId: null, streetCode: null, committeeId: null };
    if (p.outcome !== 'ok') return { ...base, ...none, outcome: p.outcome, confidence: null };
    const idHits = bidx ? byBidx.get(bidx) : undefined;
    const hit = (h: repo.MatchHit) => ({ childId: h.child_id, memberId: h.member_id, streetCode: h.street_code, committeeId: h.committee_id });
    if (idHits?.[0]) return { ...base, ...hit(idHits[0]), outcome: 'matched', confidence: 1 };
    const nameHits = p.name && p.birthDate ? (byName.get(nameKey(p)) ?? []) : [];
    if (nameHits.length === 1 && nameHits[0])
      return { ...base, ...hit(nameHits[0]), outcome: 'matched-by-name', confidence: 0.8, messages: ['身份证号未匹配，按姓名和出生日期匹配到一人，请核对'] };
    if (nameHits.length > 1)
      return { ...base, ...none, outcome: 'ambiguous', confidence: null, messages: [`按姓名和出生日期匹配到 ${nameHits.length} 人，请指定`] };
    return { ...base, ...none, outcome: 'unmatched', confidence: null, messages: ['档案中未找到此人（可核实后新建档案：主动发现）'] };
  });
}

function group(hits: repo.MatchHit[]): Map<string, repo.MatchHit[]> {
  const m = new Map<string, repo.MatchHit[]>();
  for (const h of hits) m.set(h.key, [...(m.get(h.key) ?? []), h]);
  return m;
}

// ---- confirming ----

const sourceOf = (feed: repo.FeedRow) => `数据共享：${feed.provider_unit_name}·${feed.name}`;

const onFileOf = (c: Omit<repo.Candidate, 'record_id' | 'confidence' | 'facts'>): OnFile => ({
  status: c.status,
  statusSince: c.status_since,
  statusUntil: c.status_until,
  disabilityType: c.disability_type,
  disabilityGrade: c.disability_grade,
  schoolStage: c.school_stage,
  schoolName: c.school_name,
});

/**
 * Changes for the matched records of a run (or one resolved record): what is on file already is
 * 'unchanged' (so the same file again changes nothing); a newer change of a fact supersedes a
 * waiting one; an auto-applied feed's identity-number matches are applied at once.
 */
async function proposeChanges(
  tx: Tx,
  deps: FeedDeps,
  feed: repo.FeedRow,
  runId: string,
  apply: ((changeId: string) => Promise<void>) | null,
  recordId: string | null = null,
): Promise<void> {
  // identity-number matches first: of two records about the same fact of the same file, the surer one proposes
  const cands = (await repo.candidates(tx, feed.fact, runId, recordId)).sort((a, b) => Number(b.confidence ?? 1) - Number(a.confidence ?? 1));
  const changes: repo.ChangeInsert[] = [];
  const changedRecords = new Set<string>();
  const keys = new Set<string>();
  const twice = new Set<string>();
  for (const c of cands) {
    const facts = c.facts;
    const cur = currentValue(feed.fact, onFileOf(c));
    const next = proposedValue(feed.fact, facts, cur);
    if (!next) continue;
    const key = factKey(feed.fact, c.child_id, c.member_id);
    if (keys.has(key)) {
      twice.add(c.record_id);
      continue;
    }
    keys.add(key);
    changedRecords.add(c.record_id);
    const confidence = c.confidence === null ? 1 : Number(c.confidence);
    changes.push({
      recordId: c.record_id,
      childId: c.child_id,
      memberId: c.member_id,
      factKey: key,
      oldValue: cur,
      newValue: next,
      effectiveDate: effectiveDate(facts),
      evidence: facts.evidence ?? null,
      confidence,
      // by identity number (or chosen by a person), never by name alone
      auto: feed.auto_apply && (c.confidence === null || Number(c.confidence) === 1),
    });
  }
  const records = [...new Set(cands.map((c) => c.record_id))].filter((id) => !changedRecords.has(id));
  await repo.markUnchanged(
    tx,
    records.filter((id) => !twice.has(id)),
  );
  await repo.markDuplicate(
    tx,
    records.filter((id) => twice.has(id)),
  );
  const now = nowOf(deps);
  await repo.supersede(
    tx,
    changes.map((c) => c.factKey),
    now,
  );
  const inserted = await repo.insertChanges(tx, runId, feed.code, feed.fact, sourceOf(feed), now, changes);
  if (apply) for (const c of inserted) if (c.auto) await apply(c.id);
}

const autoApplier = (tx: Tx, deps: AppDeps, log: WarnLog) => (id: string) => applyChange(tx, deps, id, { note: null, log, auto: true });

export async function confirmRun(tx: Tx, deps: AppDeps, runId: string, log: WarnLog): Promise<void> {
  await confirm(tx, deps, runId, autoApplier(tx, deps, log));
}

/**
 * Confirming without a server (the demo seed): changes are proposed, an automatic feed's stay
 * waiting — applying needs the eligibility engine's dependencies.
 */
export async function confirmWithoutApplying(tx: Tx, deps: FeedDeps, runId: string): Promise<void> {
  await confirm(tx, deps, runId, null);
}

async function confirm(tx: Tx, deps: FeedDeps, runId: string, apply: ((changeId: string) => Promise<void>) | null): Promise<void> {
  const r = await repo.lockRun(tx, runId);
  if (!r) throw errors.notFound('未找到该批次');
  if (r.state !== 'checked') throw errors.conflict(r.state === 'confirmed' ? '该批次已确认' : '该批次已作废');
  const feed = await mustFeed(tx, r.feed_code);
  await repo.setRunState(tx, runId, 'confirmed', byOf(tx), nowOf(deps));
  await proposeChanges(tx, deps, feed, runId, apply);
  await tx.audit({ action: 'feeds.run.confirm', entity: 'feed_run', entityId: runId, summary: { feed: feed.code } });
}

export async function discardRun(tx: Tx, deps: AppDeps, runId: string): Promise<void> {
  const r = await repo.lockRun(tx, runId);
  if (!r) throw errors.notFound('未找到该批次');
  if (r.state !== 'checked') throw errors.conflict(r.state === 'confirmed' ? '该批次已确认，不能作废' : '该批次已作废');
  await repo.setRunState(tx, runId, 'discarded', byOf(tx), nowOf(deps));
  await tx.audit({ action: 'feeds.run.discard', entity: 'feed_run', entityId: runId, summary: { feed: r.feed_code } });
}

/** An unmatched or ambiguous record assigned by a person to a child (and member); its change follows the feed's rules. */
export async function resolveRecord(
  tx: Tx,
  deps: AppDeps,
  recordId: string,
  body: { childId: string; memberId?: string | undefined },
  log: WarnLog,
): Promise<string> {
  const rec = await repo.lockRecord(tx, recordId);
  if (!rec) throw errors.notFound('未找到该记录');
  if (!['unmatched', 'ambiguous', 'matched-by-name'].includes(rec.outcome)) throw errors.conflict('该记录无需指定（已匹配、有错误或重复）');
  const run = await repo.lockRun(tx, rec.run_id);
  if (!run || run.state === 'discarded') throw errors.conflict('该批次已作废');
  const feed = await mustFeed(tx, run.feed_code);
  if (!(await repo.childActive(tx, body.childId))) throw errors.notFound('未找到该儿童，或不在您的权限范围内');
  if (feed.fact === 'member.status') {
    if (!body.memberId) throw errors.validation([{ path: 'memberId', message: '请选择对应的家庭成员' }]);
    if (!(await repo.memberOfChild(tx, body.childId, body.memberId))) throw errors.validation([{ path: 'memberId', message: '该家庭成员不属于所选儿童' }]);
  }
  await repo.resolveRecord(tx, recordId, body.childId, feed.fact === 'member.status' ? (body.memberId ?? null) : null);
  if (run.state === 'confirmed') await proposeChanges(tx, deps, feed, rec.run_id, autoApplier(tx, deps, log), recordId);
  await tx.audit({
    action: 'feeds.record.resolve',
    entity: 'feed_record',
    entityId: recordId,
    summary: { childId: body.childId, memberId: body.memberId ?? null },
  });
  return recordId;
}

// ---- applying and rejecting ----

export async function applyChange(tx: Tx, deps: AppDeps, id: string, o: { note: string | null; log: WarnLog; auto?: boolean }): Promise<void> {
  const locked = await repo.lockChange(tx, id);
  if (!locked) throw errors.notFound('未找到该拟变更，或不在您的权限范围内');
  if (locked.state !== 'waiting') throw errors.conflict('该拟变更已处理');
  const c = await repo.change(tx, id);
  if (!c) throw errors.notFound('未找到该拟变更，或不在您的权限范围内');
  const file = await repo.onFile(tx, c.fact, c.child_id, c.member_id);
  if (!file) throw errors.conflict('档案中已没有该家庭成员，不能应用');
  if (!sameValue(currentValue(c.fact, onFileOf(file)), c.old_value)) {
    throw errors.conflict('档案中的该项信息在拟变更生成后已被修改，请核对档案；如仍需变更，请重新比对数据');
  }
  const before = await repo.eligibilityOf(tx, c.child_id);
  const n = valueFields(c.new_value);
  const action = c.source;
  if (c.fact === 'member.status') {
    const m = MemberInput.pick({ status: true, statusSince: true, statusUntil: true }).parse({ status: n.status, statusSince: n.since, statusUntil: n.until });
    await updateMember(tx, deps, c.child_id, c.member_id ?? '', m, { action });
  } else {
    const version = await repo.childVersion(tx, c.child_id);
    if (version === null) throw errors.notFound('未找到该儿童档案');
    const patch =
      c.fact === 'child.disability'
        ? ChildUpdate.parse({ version, disabilityType: n.disabilityType, disabilityGrade: n.disabilityGrade })
        : ChildUpdate.parse({ version, schoolStage: n.schoolStage, ...(n.school ? { schoolName: n.school } : {}) });
    await updateChild(tx, deps, c.child_id, patch, { action });
  }
  await rematch(tx, deps, c.child_id, o.log);
  const after = await repo.eligibilityOf(tx, c.child_id);
  const { pack } = await packFor(deps, tx);
  const ref = (policyId: string) => ({ policyId, policyName: pack.byId.get(policyId)?.name.zh ?? policyId });
  const newly = [...after.verdicts].filter(([p, v]) => v === 'eligible' && before.verdicts.get(p) !== 'eligible').map(([p]) => ref(p));
  const noLonger = [...before.verdicts]
    .filter(([p, v]) => v === 'eligible' && after.verdicts.get(p) !== 'eligible' && (before.granted.has(p) || after.granted.has(p)))
    .map(([p]) => ref(p));
  await repo.decide(tx, id, { state: 'applied', by: byOf(tx), now: nowOf(deps), note: o.note, newly, noLonger });
  await tx.audit({
    action: o.auto ? 'feeds.change.auto-apply' : 'feeds.change.apply',
    entity: 'child',
    entityId: c.child_id,
    summary: { change: id, feed: c.feed_code, fact: c.fact, newlyEligible: newly.map((p) => p.policyId), noLongerEligible: noLonger.map((p) => p.policyId) },
    reason: o.note,
  });
}

export async function rejectChange(tx: Tx, deps: AppDeps, id: string, note: string): Promise<void> {
  const locked = await repo.lockChange(tx, id);
  if (!locked) throw errors.notFound('未找到该拟变更，或不在您的权限范围内');
  if (locked.state !== 'waiting') throw errors.conflict('该拟变更已处理');
  await repo.decide(tx, id, { state: 'rejected', by: byOf(tx), now: nowOf(deps), note });
  await tx.audit({ action: 'feeds.change.reject', entity: 'feed_change', entityId: id, reason: note });
}
