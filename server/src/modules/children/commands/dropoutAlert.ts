/**
 * 控辍保学 (task 23): when a child of compulsory-education age (6-15 周岁) is recorded as 辍学 or
 * 未入学, the education bureau, the police and civil affairs — and the street's own office — are
 * told at once, in the same transaction as the change; and each of the three units (but the
 * recorder's own) receives a referral of kind 控辍保学 (协同), through which its staff open the
 * child's identity, school and family and record the re-enrolment.
 */
import { maskName } from '#common/mask.js';
import { signedIn, type Tx } from '../../../core/context.js';
import { ageOn } from '#common/dates.js';
import { notifyMany, routeManyToThoseWhoCan, type NotificationInput } from '../../notifications/notify.js';
import { DROPOUT_UNITS, dropoutReceivers, referDropoutMany } from '../../referrals/flows.js';

const OUT_OF_SCHOOL = new Set(['辍学', '未入学']);

export function isCompulsoryAge(birthDate: string, today: string): boolean {
  const age = ageOn(birthDate, today);
  return age >= 6 && age <= 15;
}

export interface AlertedChild {
  id: string;
  name: string;
  birthDate: string;
  streetCode: string;
  committeeId: string;
  streetName: string;
  committeeName: string;
}

/** A change of a child's school stage, from `before` to `after`. */
export interface SchoolStageChange {
  child: AlertedChild;
  before: string | null;
  after: string | null;
}

/** The alert's notice about a child recorded `after` (辍学 / 未入学); `unreachable` units are named for 区民政局 to relay. */
function dropoutNotice(child: AlertedChild, after: string, today: string, unreachable: string[]): NotificationInput {
  const relay = unreachable.length ? `${unreachable.join('、')}暂不能在平台查看儿童档案，请区民政局向其通报；` : '';
  return {
    kind: 'dropout',
    title: `控辍保学提醒：义务教育阶段儿童${after}`,
    body: `${child.streetName}${child.committeeName} ${maskName(child.name)}（${ageOn(child.birthDate, today)}周岁）就学状态登记为「${after}」。${relay}请教育、公安、民政部门和街道共同核实，落实控辍保学。`,
    entity: 'child',
    entityId: child.id,
    streetCode: child.streetCode,
  };
}

/** The alert for one child's change (a file created or edited): the number of people told. */
export async function alertIfOutOfSchool(
  tx: Tx,
  child: AlertedChild,
  before: string | null,
  after: string | null,
  today: string,
  now: number,
): Promise<number> {
  return (await alertOutOfSchool(tx, [{ child, before, after }], today, now))[0] ?? 0;
}

/**
 * The alert for many changes at once (an import's new files, distinct children): the same
 * recipients, notices, referrals and audit rows as alertIfOutOfSchool gives each child, in a
 * constant number of statements. The audit rows are appended in order, each child's referrals'
 * rows (referral.send) before its own child.dropout-alert. The number of people told, per change.
 */
export async function alertOutOfSchool(tx: Tx, changes: SchoolStageChange[], today: string, now: number): Promise<number[]> {
  const alerts = changes.flatMap(({ child, before, after }, i) =>
    after && OUT_OF_SCHOOL.has(after) && before !== after && isCompulsoryAge(child.birthDate, today)
      ? [{ i, child, stage: after, age: ageOn(child.birthDate, today) }]
      : [],
  );
  const told = changes.map(() => 0);
  if (!alerts.length) return told;
  // Only people who can act on it (casework.write over the child, which implies opening the file) are told; a unit
  // receiving the referral is told by it; one that cannot be reached either way is reached through 区民政局, and the
  // text says so.
  const ctx = tx.ctx.actor ? signedIn(tx.ctx) : null;
  const referred = await dropoutReceivers(tx, ctx);
  const routes = await routeManyToThoseWhoCan(tx, {
    units: DROPOUT_UNITS,
    permission: 'casework.write',
    records: alerts.map(({ child }) => ({
      area: { childId: child.id, streetCode: child.streetCode, committeeId: child.committeeId },
      streetOffices: [child.streetCode],
    })),
    referred,
  });
  const routed = alerts.map((a, k) => ({ ...a, users: routes[k]?.users ?? [], unreachable: routes[k]?.unreachable ?? [] }));
  const counts = await notifyMany(
    tx,
    routed.map(({ child, stage, users, unreachable }) => ({ userIds: users, notice: dropoutNotice(child, stage, today, unreachable) })),
  );
  const referrals = ctx
    ? await referDropoutMany(
        tx,
        ctx,
        routed.map(({ child, stage, age, users }) => ({ child: { id: child.id, age }, stage, alreadyTold: users })),
        referred,
        now,
      )
    : [];
  for (const [k, { i, child, stage }] of routed.entries()) {
    const n = counts[k] ?? 0;
    told[i] = n;
    await tx.audit({
      action: 'child.dropout-alert',
      entity: 'child',
      entityId: child.id,
      summary: { schoolStage: stage, recipients: n, referrals: referrals[k] ?? [] },
    });
  }
  return told;
}
