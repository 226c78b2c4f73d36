/**
 * The writes of the record checks: a request, its answer, the settings; the suspension of access
 * (refreshAccess) and the reminders before a lapse. Every suspension and lift is audited.
 */
import type { z } from 'zod';
import { checkAllowsAccess, checkStatus, remindersDue } from '#common/vetting.js';
import type { CheckAnswer, CheckRequest, VettingSettings } from '#common/workforce.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { notify } from '../notifications/notify.js';
import { answerDateErrors, requestDateErrors, suspensionReason, SUSPENSION_REASON_ZH, type SuspensionReason } from './policies.js';
import * as repo from './repo.js';

/** Records a request to the police (入职前 or 年度); one pending request at a time. */
export async function requestCheck(tx: Tx, ctx: SignedInCtx, staffId: string, b: z.infer<typeof CheckRequest>, today: string, now: Date): Promise<string> {
  const person = await repo.staffExists(tx, staffId);
  if (!person) throw errors.notFound('未找到该人员，或不在您的权限范围内');
  const errs = requestDateErrors(b.requestedOn, today);
  if (errs.length) throw errors.validation(errs);
  if (await repo.pendingCheck(tx, staffId)) throw errors.conflict('该人员已有一次查询尚未回复，请先登记其结果');
  const id = await repo.insertCheck(tx, staffId, { kind: b.kind, requestedOn: b.requestedOn, requestRef: b.requestRef ?? null }, ctx.actor.userId);
  await tx.audit({ action: 'vetting.check.request', entity: 'staff', entityId: staffId, summary: { checkId: id, kind: b.kind, requestedOn: b.requestedOn } });
  await refreshAccess(tx, [staffId], today, now);
  return id;
}

/** Records the police's answer; the person's access is refreshed at once. */
export async function answerCheck(tx: Tx, ctx: SignedInCtx, checkId: string, b: z.infer<typeof CheckAnswer>, today: string, now: Date): Promise<string> {
  const c = await repo.lockCheck(tx, checkId);
  if (!c || !(await repo.staffExists(tx, c.staff_id))) throw errors.notFound('未找到该查询记录，或不在您的权限范围内');
  if (c.version !== b.version) throw errors.staleVersion();
  if (c.result !== 'pending') throw errors.conflict('该查询已登记结果；如需重新查询，请新建一次查询');
  const errs = answerDateErrors(c.requested_on, b.answeredOn, today);
  if (errs.length) throw errors.validation(errs);
  await repo.answerCheck(tx, checkId, { answeredOn: b.answeredOn, result: b.result, answerRef: b.answerRef ?? null, note: b.note ?? null }, ctx.actor.userId);
  await tx.audit({ action: 'vetting.check.answer', entity: 'staff', entityId: c.staff_id, summary: { checkId, answeredOn: b.answeredOn, result: b.result } });
  await refreshAccess(tx, [c.staff_id], today, now);
  return c.staff_id;
}

export async function saveSettings(tx: Tx, ctx: SignedInCtx, b: VettingSettings): Promise<VettingSettings> {
  const before = await repo.settings(tx);
  const next = { validityMonths: b.validityMonths, remindDays: [...new Set(b.remindDays)].sort((x, y) => y - x), enforceFrom: b.enforceFrom };
  await repo.saveSettings(tx, next, ctx.actor.userId);
  await tx.audit({ action: 'vetting.settings.update', entity: 'record_check_settings', entityId: null, summary: { from: before, to: next } });
  return next;
}

export interface RefreshResult {
  suspended: number;
  lifted: number;
}

/**
 * Brings the suspensions in line with the checks on `today`: for each ledger person linked to an
 * account holding a role that needs a check, a suspension while `checkStatus(...).suspend` (or
 * while the person has left), none otherwise; an account linked to no ledger person but holding
 * such a role is suspended (no_check) once `enforce_from` is reached — only when refreshing all.
 * A suspension that starts ends the account's sessions. Runs under the caller's scope (the people
 * it sees); the daily job runs it as the system over the district.
 */
export async function refreshAccess(tx: Tx, staffIds: string[] | 'all', today: string, now: Date): Promise<RefreshResult> {
  const s = await repo.settings(tx);
  const all = staffIds === 'all';
  const enforced = s.enforceFrom !== null && today >= s.enforceFrom;
  const rows = await repo.accessRows(tx, all ? null : staffIds, today, all && enforced);
  let suspended = 0;
  let lifted = 0;
  for (const r of rows) {
    let reason: SuspensionReason | null;
    if (!r.requires) reason = null;
    else if (r.staff_id === null) reason = 'no_check';
    else if (r.left) reason = 'lapsed';
    else {
      const st = checkStatus(r.checks, today, s);
      reason = suspensionReason(st.state, st.suspend);
    }
    if (reason === r.suspended_reason) continue;
    if (reason === null) {
      await repo.lift(tx, r.user_id);
      lifted++;
      await tx.audit({ action: 'vetting.access.lift', entity: 'user', entityId: r.user_id, summary: { staffId: r.staff_id, was: r.suspended_reason } });
    } else {
      await repo.suspend(tx, r.user_id, r.staff_id, reason, now);
      if (r.suspended_reason === null) {
        await repo.endSessions(tx, r.user_id, now);
        suspended++;
      }
      await tx.audit({
        action: 'vetting.access.suspend',
        entity: 'user',
        entityId: r.user_id,
        summary: { staffId: r.staff_id, reason, was: r.suspended_reason, sessionsEnded: r.suspended_reason === null },
        reason: SUSPENSION_REASON_ZH[reason],
      });
    }
  }
  if (all) {
    // A no_check suspension whose account is now linked (its person's rule decides above) or no longer holds such a role.
    // (or enforcement is not reached, e.g. enforce_from moved later)
    for (const o of await repo.orphanSuspensions(tx, enforced)) {
      if (rows.some((r) => r.user_id === o.user_id && r.staff_id !== null)) continue;
      await repo.lift(tx, o.user_id);
      lifted++;
      await tx.audit({ action: 'vetting.access.lift', entity: 'user', entityId: o.user_id, summary: { was: 'no_check' } });
    }
  }
  return { suspended, lifted };
}

/**
 * The reminders due on `today` (common/src/vetting.ts remindersDue), each sent once per person,
 * lapse day and lead time (record_check_reminders): to the person's account and to the street's
 * managers of the ledger.
 */
export async function sendReminders(tx: Tx, today: string, now: Date): Promise<number> {
  const s = await repo.settings(tx);
  let sent = 0;
  for (const p of await repo.activeChecked(tx, today)) {
    const st = checkStatus(p.checks, today, s);
    if (st.renewalPending) continue; // the annual check is already asked for
    // Several lead times may fall due together (a check recorded late): each is marked, one notice goes.
    const fresh = [];
    for (const due of remindersDue(st, s)) if (await repo.markReminder(tx, p.staff_id, due.dueOn, due.daysBefore, now)) fresh.push(due);
    const due = fresh.at(-1);
    if (due) {
      // The managers can open the person's page; the person (no workforce.read) gets the words only.
      const managers = p.street_code ? (await repo.streetManagers(tx, p.street_code)).filter((u) => u !== p.user_id) : [];
      const body = `${p.name} 的入职查询有效期至 ${due.dueOn}（还有 ${st.daysLeft ?? 0} 天）。请及时办理年度查询；过期后其儿童档案访问将暂停（未成年人保护法第六十二条）。`;
      const base = { kind: 'vetting.reminder', title: '入职查询即将到期', body, streetCode: p.street_code };
      const to = [...(p.user_id ? [p.user_id] : []), ...managers];
      if (p.user_id) await notify(tx, [p.user_id], { ...base, body: `${body}请联系街道儿童督导员。` });
      await notify(tx, managers, { ...base, entity: 'staff', entityId: p.staff_id });
      await tx.audit({
        action: 'vetting.reminder',
        entity: 'staff',
        entityId: p.staff_id,
        summary: { dueOn: due.dueOn, daysBefore: due.daysBefore, recipients: to.length },
      });
      sent++;
    }
  }
  return sent;
}

export const UNCHECKED_GRANT_MESSAGE =
  '儿童主任、儿童督导员、社会工作者等接触儿童档案的角色，须在入职查询通过后由街道或区民政局在「人员台账」中开通或关联账号（未成年人保护法第六十二条）';

/**
 * The administrator's side of Art. 62: granting a role that needs a record check (create an
 * account, change its roles) to an account not linked to a ledger person with a valid check is
 * refused. `userId` null: a new account (linked to no one yet).
 */
export async function refuseUncheckedGrant(tx: Tx, userId: string | null, granted: string[], today: string): Promise<void> {
  const needing = await repo.rolesNeedingCheck(tx, granted);
  if (!needing.length) return;
  const checks = userId ? await repo.linkedChecks(tx, userId) : null;
  if (checks && checkAllowsAccess(checkStatus(checks, today, await repo.settings(tx)))) return;
  throw errors.validation([{ path: 'roles', message: UNCHECKED_GRANT_MESSAGE }], UNCHECKED_GRANT_MESSAGE);
}
