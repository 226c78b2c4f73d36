/**
 * The deadline job's commands: reminders before a referral's response deadline and the two
 * escalations after it (the receiving unit's head, then 区民政局), each with its timeline event,
 * its audit row and its notices. The rules are `decide` (deadlines.ts); this file reads the open
 * referrals and writes what the rules say.
 *
 * How the job reads the referrals: as the system actor (http/systemActor.ts) through `inScope`, on
 * the application's pool with row-level security on, like the nightly matching. The system actor's
 * scope is the district (every street, scope kind 'district'), which the referrals' policy lets see
 * every referral: the ordinary ones by street, the 暖杨通道 ones as a district user. No owner pool,
 * no bypass: a referral the policy hid from the district would not be escalated, which is the
 * policy's promise anyway. Audit rows carry the system user.
 *
 * Idempotent: the reminder sets `reminded_at` and the escalation raises `escalation_level`, both
 * under a row lock taken with SKIP LOCKED, so a second run (or a second instance at the same time)
 * finds nothing new to send. One transaction per batch of referrals (keyset over ids), so a long
 * list does not hold one long transaction. The job does not bump a referral's `version`: a
 * reminder is not an edit, and the receiving unit's next step must not be refused as stale for it.
 */
import { addDays, shanghaiDate } from '#common/dates.js';
import { maskName } from '#common/mask.js';
import type { AppDeps } from '../../core/deps.js';
import { inScope, type Tx } from '../../core/context.js';
import { systemCtx } from '../../http/systemActor.js';
import { notify } from '../notifications/notify.js';
import { addWorkingDays, decide, type DeadlineDecision } from './deadlines.js';
import * as repo from './repo.js';

/** The unit that receives the second escalation (区民政局). */
export const DISTRICT_UNIT = 'civil-affairs';
const BATCH = 200;

export interface DeadlineRun {
  reminded: number;
  /** Escalation steps taken (a referral going from 0 to 2 at once counts 2). */
  escalated: number;
}

/**
 * Runs the deadline rules over every open referral at `now` (the server's clock; tests pass their
 * own). Returns what was sent.
 */
export async function runDeadlines(deps: AppDeps, now: number, batchSize = BATCH): Promise<DeadlineRun> {
  const ctx = await systemCtx(deps, 'referral-deadlines', ['referrals.read', 'referrals.supervise']);
  const total: DeadlineRun = { reminded: 0, escalated: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await inScope(deps.db, ctx, (tx) => runBatch(tx, now, after, batchSize));
    total.reminded += batch.reminded;
    total.escalated += batch.escalated;
    if (batch.last === null || batch.seen < batchSize) return total;
    after = batch.last;
  }
}

async function runBatch(tx: Tx, now: number, after: string, limit: number): Promise<DeadlineRun & { seen: number; last: string | null }> {
  const today = shanghaiDate(now);
  const settings = await repo.settings(tx);
  // Deadlines passed long ago and those a year ahead: the calendar around today covers both.
  const cal = await repo.calendar(tx, addDays(today, -400), addDays(today, 400));
  // Candidates: not yet reminded with the deadline near, or below level 2 with a deadline passed.
  // The exact rules are `decide`'s; this only keeps the list short.
  // (at most `remind_before_days` working days away ⇔ before the day one more working day away)
  const remindBefore = addWorkingDays(today, settings.remind_before_days + 1, cal);
  const rows = await repo.deadlineCandidates(tx, after, today, remindBefore, new Date(now), limit);
  const result = { reminded: 0, escalated: 0, seen: rows.length, last: rows.at(-1)?.id ?? null };
  for (const r of rows) {
    const d = decide(r, now, settings, cal);
    if (d.remind) {
      await remind(tx, r, now);
      result.reminded++;
    }
    if (d.level > r.escalation_level) result.escalated += await escalate(tx, r, d, now);
  }
  return result;
}

const SYSTEM_BY = { username: 'system', displayName: '系统' };

async function event(tx: Tx, referralId: string, kind: 'reminder' | 'escalation', note: string, now: number): Promise<void> {
  await repo.insertSystemEvent(tx, referralId, new Date(now), SYSTEM_BY, kind, note);
}

const who = (r: repo.DeadlineCandidate) => `${r.street_name}${r.committee_name} ${maskName(r.child_name) ?? '*'}`;
const prefix = (r: repo.DeadlineCandidate) => (r.channel ? '【暖杨通道】' : '');

async function remind(tx: Tx, r: repo.DeadlineCandidate, now: number): Promise<void> {
  await repo.markReminded(tx, r.id, new Date(now));
  const note = `办理期限 ${r.due_on} 即将到期，已提醒${r.to_unit_name}的办理人员`;
  await event(tx, r.id, 'reminder', note, now);
  await tx.audit({ action: 'referral.remind', entity: 'referral', entityId: r.id, summary: { childId: r.child_id, toUnit: r.to_unit, dueOn: r.due_on } });
  await notify(tx, await repo.usersOfUnitWith(tx, r.to_unit, 'referrals.handle'), {
    kind: 'referral.reminder',
    title: `${prefix(r)}转介即将到期：${r.kind_name}`,
    body: `${who(r)}，办理期限 ${r.due_on}，请按时办结。`,
    entity: 'referral',
    entityId: r.id,
    streetCode: r.street_code,
  });
}

/**
 * Raises the referral to `d.level`, sending each level passed (0 → 2 at once sends both): level 1
 * to the receiving unit's users holding `referrals.supervise` (its head; its handlers when it has
 * none, so the notice reaches someone), level 2 to 区民政局's. Returns the levels sent.
 */
async function escalate(tx: Tx, r: repo.DeadlineCandidate, d: DeadlineDecision, now: number): Promise<number> {
  const raised = await repo.raiseEscalation(tx, r.id, d.level);
  if (!raised) return 0;
  const why = d.why ?? '超过期限';
  let sent = 0;
  for (let level = r.escalation_level + 1; level <= d.level; level++) {
    const district = level === 2;
    let users = await repo.usersOfUnitWith(tx, district ? DISTRICT_UNIT : r.to_unit, 'referrals.supervise');
    if (!district && !users.length) users = await repo.usersOfUnitWith(tx, r.to_unit, 'referrals.handle');
    const to = district ? '区民政局' : `${r.to_unit_name}负责人`;
    await event(tx, r.id, 'escalation', `${why}，已提请${to}督办`, now);
    await tx.audit({
      action: 'referral.escalate',
      entity: 'referral',
      entityId: r.id,
      summary: { childId: r.child_id, toUnit: r.to_unit, level, why, notified: users.length },
    });
    await notify(tx, users, {
      kind: 'referral.escalation',
      title: `${prefix(r)}转介逾期督办${district ? '（区级）' : ''}：${r.kind_name}`,
      body: `${who(r)}，${r.to_unit_name}${why}（办理期限 ${r.due_on}），请督促办理。`,
      entity: 'referral',
      entityId: r.id,
      streetCode: r.street_code,
    });
    sent++;
  }
  return sent;
}
