/** Household members, categories and benefits of a file: each change bumps the file's version and is kept as history. */
import type { BenefitInput, CategoryInput, MemberInput } from '#common/children.js';
import { CATEGORIES, MEMBER_STATUSES } from '#common/children.js';
import { validateIdNumber } from '#common/idNumber.js';
import { parentStateProblem } from '#common/parentState.js';
import { shanghaiDate } from '#common/dates.js';
import type { Tx } from '../../../core/context.js';
import type { AppDeps } from '../../../core/deps.js';
import { errors } from '../../../core/errors.js';
import { changesBetween, recordHistory } from '../history.js';
import { BIDX, mustBeOpen } from '../policies.js';
import * as repo from '../repo.js';
import { insertMember, lockFile } from './file.js';

const openFile = async (tx: Tx, childId: string) => {
  const cur = await lockFile(tx, childId);
  mustBeOpen(cur);
  return cur;
};

export async function addMember(tx: Tx, deps: AppDeps, childId: string, m: MemberInput): Promise<string> {
  await openFile(tx, childId);
  const id = await insertMember(tx, deps, childId, m);
  await repo.bumpVersion(tx, childId);
  await recordHistory(tx, childId, 'member.add', [{ field: 'member', old: null, new: `${m.name}（${m.relation}，${MEMBER_STATUSES[m.status]}）` }]);
  await tx.audit({ action: 'child.member.add', entity: 'child', entityId: childId, summary: { memberId: id, relation: m.relation, role: m.role } });
  return id;
}

/** `opts.action`: the history's action when the change comes from elsewhere than a hand edit (e.g. 数据共享：区残联·残疾人证). */
export async function updateMember(
  tx: Tx,
  deps: AppDeps,
  childId: string,
  memberId: string,
  m: Partial<MemberInput>,
  opts: { action?: string } = {},
): Promise<void> {
  await openFile(tx, childId);
  const cur = await repo.lockMember(tx, childId, memberId);
  if (!cur) throw errors.notFound('未找到该家庭成员');
  const dec = (v: string | null, col: string) => deps.crypto.decryptOrNull(v, col);
  const before = {
    name: cur.name,
    relation: cur.relation,
    role: cur.role,
    status: cur.status,
    statusSince: cur.status_since,
    statusUntil: cur.status_until,
    disabilityType: cur.disability_type,
    disabilityGrade: cur.disability_grade,
    note: cur.note,
    sex: cur.sex,
    birthDate: cur.birth_date,
    'member.phone': dec(cur.phone_enc, 'household_members.phone'),
    'member.idNumber': dec(cur.id_number_enc, 'household_members.id_number'),
  };
  const after = {
    name: m.name ?? before.name,
    relation: m.relation ?? before.relation,
    role: m.role ?? before.role,
    status: m.status ?? before.status,
    statusSince: 'statusSince' in m ? (m.statusSince ?? null) : before.statusSince,
    statusUntil: 'statusUntil' in m ? (m.statusUntil ?? null) : before.statusUntil,
    disabilityType: 'disabilityType' in m ? (m.disabilityType ?? null) : before.disabilityType,
    disabilityGrade: 'disabilityGrade' in m ? (m.disabilityGrade ?? null) : before.disabilityGrade,
    note: 'note' in m ? (m.note ?? null) : before.note,
    sex: 'sex' in m ? (m.sex ?? null) : before.sex,
    birthDate: 'birthDate' in m ? (m.birthDate ?? null) : before.birthDate,
    'member.phone': 'phone' in m ? (m.phone ?? null) : before['member.phone'],
    'member.idNumber': 'idNumber' in m ? (m.idNumber?.toUpperCase() ?? null) : before['member.idNumber'],
  };
  // With an identity number, sex and birth date come from it; without one they are as entered.
  if (after['member.idNumber']) {
    const v = validateIdNumber(after['member.idNumber']);
    if (!v.ok) throw errors.validation([{ path: 'idNumber', message: v.message }]);
    after.sex = v.sex;
    after.birthDate = v.birthDate;
  }
  if (after.birthDate && after.birthDate > shanghaiDate(deps.clock())) throw errors.validation([{ path: 'birthDate', message: '出生日期不能晚于今天' }]);
  // the status and the recorded disability are checked together, whichever of them this edit changes
  const stateProblem = parentStateProblem({ status: after.status, disabilityGrade: after.disabilityGrade, disabilityType: after.disabilityType });
  if (stateProblem) throw errors.validation([{ path: 'status' in m ? 'status' : 'disabilityGrade', message: stateProblem }]);
  const changes = changesBetween(before, after);
  if (!changes.length) return;
  const idNumber = after['member.idNumber'];
  await repo.updateMember(tx, childId, memberId, {
    name: after.name,
    relation: after.relation,
    role: after.role,
    status: after.status,
    statusSince: after.statusSince,
    statusUntil: after.statusUntil,
    disabilityType: after.disabilityType,
    disabilityGrade: after.disabilityGrade,
    note: after.note,
    phoneEnc: deps.crypto.encryptOrNull(after['member.phone'], 'household_members.phone'),
    idEnc: deps.crypto.encryptOrNull(idNumber, 'household_members.id_number'),
    bidx: idNumber ? deps.crypto.blindIndex(idNumber, BIDX) : null,
    sex: after.sex,
    birthDate: after.birthDate,
  });
  await repo.bumpVersion(tx, childId);
  await recordHistory(
    tx,
    childId,
    opts.action ?? 'member.update',
    changes.map((c) => ({ ...c, field: c.field.startsWith('member.') ? c.field : `member.${c.field}` })),
  );
  await tx.audit({ action: 'child.member.update', entity: 'child', entityId: childId, summary: { memberId, fields: changes.map((c) => c.field) } });
}

export async function removeMember(tx: Tx, childId: string, memberId: string): Promise<void> {
  await openFile(tx, childId);
  // A guardian's caregiver-course bookings and activity participations name the member: removing
  // the member would leave those records without the person they are about.
  const uses = await repo.memberServiceRecords(tx, memberId);
  if (uses.bookings || uses.activities) {
    throw errors.conflict(
      '该家庭成员有' +
        [uses.bookings ? uses.bookings + '条服务预约' : '', uses.activities ? uses.activities + '条活动参与记录' : ''].filter(Boolean).join('、') +
        '，不能删除；如其已不在本户，请修改其信息或先取消相关预约',
    );
  }
  const row = await repo.deleteMember(tx, childId, memberId);
  if (!row) throw errors.notFound('未找到该家庭成员');
  await repo.bumpVersion(tx, childId);
  await recordHistory(tx, childId, 'member.remove', [{ field: 'member', old: `${row.name}（${row.relation}）`, new: null }]);
  await tx.audit({ action: 'child.member.remove', entity: 'child', entityId: childId, summary: { memberId } });
}

export async function addCategory(tx: Tx, deps: AppDeps, childId: string, c: CategoryInput): Promise<string> {
  await openFile(tx, childId);
  if (c.since > shanghaiDate(deps.clock())) throw errors.validation([{ path: 'since', message: '起始日期不能晚于今天' }]);
  if (await repo.hasActiveCategory(tx, childId, c.category)) throw errors.conflict('该类别已在有效期内', [{ path: 'category', message: '该类别已登记' }]);
  const id = await repo.insertCategory(tx, childId, { category: c.category, since: c.since, sourceNote: c.sourceNote ?? null }, tx.ctx.actor?.userId ?? null);
  await repo.bumpVersion(tx, childId);
  await repo.recomputeNextVisit(tx, childId);
  await recordHistory(tx, childId, 'category.add', [
    { field: 'category', old: null, new: `${CATEGORIES[c.category]}（${c.since} 起${c.sourceNote ? `，${c.sourceNote}` : ''}）` },
  ]);
  await tx.audit({ action: 'child.category.add', entity: 'child', entityId: childId, summary: { category: c.category } });
  return id;
}

export async function endCategory(tx: Tx, deps: AppDeps, childId: string, categoryId: string, until: string): Promise<void> {
  await openFile(tx, childId);
  if (until > shanghaiDate(deps.clock())) throw errors.validation([{ path: 'until', message: '截止日期不能晚于今天' }]);
  const row = await repo.lockActiveCategory(tx, childId, categoryId);
  if (!row) throw errors.notFound('未找到有效的该类别');
  if (until < row.since) throw errors.validation([{ path: 'until', message: '截止日期不能早于起始日期' }]);
  await repo.endCategory(tx, categoryId, until);
  await repo.bumpVersion(tx, childId);
  await repo.recomputeNextVisit(tx, childId);
  await recordHistory(tx, childId, 'category.end', [{ field: 'category', old: CATEGORIES[row.category], new: `${CATEGORIES[row.category]}（${until} 止）` }]);
  await tx.audit({ action: 'child.category.end', entity: 'child', entityId: childId, summary: { category: row.category, until } });
}

export async function addBenefit(tx: Tx, childId: string, b: BenefitInput): Promise<string> {
  await openFile(tx, childId);
  if (b.until && b.until < b.since) throw errors.validation([{ path: 'until', message: '截止日期不能早于起始日期' }]);
  const id = await repo.insertBenefit(tx, childId, {
    benefit: b.benefit,
    since: b.since,
    until: b.until ?? null,
    monthlyAmountFen: b.monthlyAmountFen ?? null,
    note: b.note ?? null,
  });
  await repo.bumpVersion(tx, childId);
  await recordHistory(tx, childId, 'benefit.add', [{ field: 'benefit', old: null, new: `${b.benefit}（${b.since} 起）` }]);
  await tx.audit({ action: 'child.benefit.add', entity: 'child', entityId: childId, summary: { benefit: b.benefit } });
  return id;
}

export async function removeBenefit(tx: Tx, childId: string, benefitId: string): Promise<void> {
  await openFile(tx, childId);
  const row = await repo.deleteBenefit(tx, childId, benefitId);
  if (!row) throw errors.notFound('未找到该保障记录');
  await repo.bumpVersion(tx, childId);
  await recordHistory(tx, childId, 'benefit.remove', [{ field: 'benefit', old: row.benefit, new: null }]);
  await tx.audit({ action: 'child.benefit.remove', entity: 'child', entityId: childId, summary: { benefitId } });
}
