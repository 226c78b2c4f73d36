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
import { notify, routeToThoseWhoCan } from '../../notifications/notify.js';
import { DROPOUT_UNITS, dropoutReceivers, referDropout } from '../../referrals/flows.js';

const OUT_OF_SCHOOL = new Set(['辍学', '未入学']);

export function isCompulsoryAge(birthDate: string, today: string): boolean {
  const age = ageOn(birthDate, today);
  return age >= 6 && age <= 15;
}

export async function alertIfOutOfSchool(
  tx: Tx,
  child: { id: string; name: string; birthDate: string; streetCode: string; committeeId: string; streetName: string; committeeName: string },
  before: string | null,
  after: string | null,
  today: string,
  now: number,
): Promise<number> {
  if (!after || !OUT_OF_SCHOOL.has(after) || before === after || !isCompulsoryAge(child.birthDate, today)) return 0;
  // Only people who can act on it (casework.write over the child, which implies opening the file) are told; a unit
  // receiving the referral is told by it; one that cannot be reached either way is reached through 区民政局, and the
  // text says so.
  const ctx = tx.ctx.actor ? signedIn(tx.ctx) : null;
  const referred = await dropoutReceivers(tx, ctx);
  const { users, unreachable } = await routeToThoseWhoCan(tx, {
    units: DROPOUT_UNITS,
    streetOffices: [child.streetCode],
    permission: 'casework.write',
    area: { childId: child.id, streetCode: child.streetCode, committeeId: child.committeeId },
    referred,
  });
  const relay = unreachable.length ? `${unreachable.join('、')}暂不能在平台查看儿童档案，请区民政局向其通报；` : '';
  const n = await notify(tx, users, {
    kind: 'dropout',
    title: `控辍保学提醒：义务教育阶段儿童${after}`,
    body: `${child.streetName}${child.committeeName} ${maskName(child.name)}（${ageOn(child.birthDate, today)}周岁）就学状态登记为「${after}」。${relay}请教育、公安、民政部门和街道共同核实，落实控辍保学。`,
    entity: 'child',
    entityId: child.id,
    streetCode: child.streetCode,
  });
  const referrals = ctx ? await referDropout(tx, ctx, { id: child.id, age: ageOn(child.birthDate, today) }, after, referred, users, now) : [];
  await tx.audit({ action: 'child.dropout-alert', entity: 'child', entityId: child.id, summary: { schoolStage: after, recipients: n, referrals } });
  return n;
}
