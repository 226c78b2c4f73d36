/**
 * 控辍保学 (task 23): when a child of compulsory-education age (6-15 周岁) is recorded as 辍学 or
 * 未入学, the education bureau, the police and civil affairs — and the street's own office — are
 * told at once, in the same transaction as the change.
 */
import { maskName } from '#common/mask.js';
import type { Tx } from '../../../core/context.js';
import { ageOn } from '#common/dates.js';
import { notify, routeToThoseWhoCan } from '../../notifications/notify.js';

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
): Promise<number> {
  if (!after || !OUT_OF_SCHOOL.has(after) || before === after || !isCompulsoryAge(child.birthDate, today)) return 0;
  // Only people who can act on it (casework.write over the child, which implies opening the file) are told; a department
  // that cannot yet (education, police) is reached through 区民政局, and the text says so.
  const { users, unreachable } = await routeToThoseWhoCan(tx, {
    units: ['education', 'police', 'civil-affairs'],
    streetOffices: [child.streetCode],
    permission: 'casework.write',
    area: { childId: child.id, streetCode: child.streetCode, committeeId: child.committeeId },
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
  await tx.audit({ action: 'child.dropout-alert', entity: 'child', entityId: child.id, summary: { schoolStage: after, recipients: n } });
  return n;
}
