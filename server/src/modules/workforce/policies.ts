/**
 * The pure decisions of the ledger: where a person may be placed by whom, which committees a
 * person may serve, and whether an account may be opened for them (未成年人保护法 Art. 62).
 */
import type { FieldError } from '../../core/errors.js';
import type { Scope } from '../../core/context.js';
import { checkAllowsAccess, type CheckStatus } from '#common/vetting.js';
import { ACCOUNT_ROLE_OF, NO_VALID_CHECK_MESSAGE, type RoleKind } from '#common/workforce.js';

export interface Placement {
  streetCode: string | null;
  unit: { kind: string; street_code: string | null; active: boolean } | null;
  roleKind: RoleKind;
  appointedOn: string | null;
  leftOn: string | null;
}

/**
 * A street user places people in its own street; a district user anywhere, or at district level
 * (no street). A street office employs people of its street only; the dates run forwards.
 */
export function placementErrors(scope: Scope, p: Placement): FieldError[] {
  const errs: FieldError[] = [];
  if (p.streetCode === null) {
    if (scope.kind !== 'district') errs.push({ path: 'streetCode', message: '请选择所在街道' });
  } else if (!scope.streets.includes(p.streetCode)) errs.push({ path: 'streetCode', message: '只能登记本街道的人员' });
  if (!p.unit || !p.unit.active) errs.push({ path: 'unitCode', message: '工作单位不存在或已停用' });
  else if (p.unit.kind === 'street' && p.unit.street_code !== p.streetCode) errs.push({ path: 'unitCode', message: '街道办事处只能是人员所在街道的' });
  else if (p.unit.kind === 'department') errs.push({ path: 'unitCode', message: '工作单位应为街道办事处、区民政局或社会组织' });
  if (p.roleKind === 'child_director' && p.streetCode === null) errs.push({ path: 'streetCode', message: '儿童主任须选择所在街道' });
  if (p.appointedOn && p.leftOn && p.leftOn < p.appointedOn) errs.push({ path: 'leftOn', message: '离任日期不能早于任职日期' });
  return errs;
}

/** A person serves committees of their own street, from a day not before their appointment. */
export function committeeErrors(
  person: { streetCode: string | null; appointedOn: string | null; leftOn: string | null },
  committee: { street_code: string; active: boolean } | null,
  since: string,
): FieldError[] {
  if (!committee || !committee.active) return [{ path: 'committeeId', message: '居民区不存在或已合并' }];
  if (committee.street_code !== person.streetCode) return [{ path: 'committeeId', message: '只能选择该人员所在街道的居民区' }];
  if (person.leftOn) return [{ path: 'committeeId', message: '该人员已离任，不能再分配居民区' }];
  if (person.appointedOn && since < person.appointedOn) return [{ path: 'since', message: `起始日期不能早于任职日期（${person.appointedOn}）` }];
  return [];
}

/** What stops an account from being opened for a person, in Chinese; null when it may be. */
export function accountRefusal(p: { roleKind: RoleKind; leftOn: string | null; userId: string | null }, status: CheckStatus, today: string): string | null {
  if (p.leftOn && p.leftOn <= today) return '该人员已离任，不能开通账号';
  if (p.userId) return '该人员已关联账号';
  if (!ACCOUNT_ROLE_OF[p.roleKind]) return '只有儿童主任、儿童督导员和社会工作者可在此开通账号';
  if (!checkAllowsAccess(status)) return NO_VALID_CHECK_MESSAGE;
  return null;
}
