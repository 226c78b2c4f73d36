/**
 * 协同 for the child file: 办结 of a 控辍保学 referral records the child's school (stage, school,
 * grade) with the file's history and an audit row. Registered with the referrals module.
 */
import type { ReferralStepBody } from '#common/referrals.js';
import { SCHOOL_STAGES, type SchoolStage } from '#common/values.js';
import type { Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { registerReferralHandler, type CompletionEffect } from '../referrals/completion.js';
import type { ReferralRow } from '../referrals/repo.js';
import { changesBetween, recordHistory } from './history.js';
import { lockChildSchool, updateChildColumns } from './repo.js';

const isStage = (s: string): s is SchoolStage => SCHOOL_STAGES.some((x) => x === s);

async function completeSchool(tx: Tx, r: ReferralRow, b: ReferralStepBody): Promise<CompletionEffect> {
  const s = b.school;
  if (!s) throw errors.validation([{ path: 'school', message: '请填写就学情况（就学阶段、学校、年级），它将记入儿童档案' }]);
  if (!isStage(s.stage)) throw errors.validation([{ path: 'school.stage', message: `就学阶段只能是：${SCHOOL_STAGES.join('、')}` }]);
  const cur = await lockChildSchool(tx, r.child_id);
  if (!cur) throw errors.notFound('未找到该儿童档案，或不在您的权限范围内');
  const before = { schoolStage: cur.school_stage, schoolName: cur.school_name, schoolGrade: cur.school_grade };
  const after = { schoolStage: s.stage, schoolName: s.schoolName ?? null, schoolGrade: s.grade ?? null };
  const changes = changesBetween(before, after);
  if (changes.length) {
    await updateChildColumns(tx, r.child_id, [
      { col: 'school_stage', value: after.schoolStage },
      { col: 'school_name', value: after.schoolName },
      { col: 'school_grade', value: after.schoolGrade },
    ]);
    await recordHistory(tx, r.child_id, 'update', changes);
    await tx.audit({ action: 'child.update', entity: 'child', entityId: r.child_id, summary: { fields: changes.map((c) => c.field), referralId: r.id } });
  }
  const where = [s.stage, s.schoolName, s.grade].filter(Boolean).join(' ');
  return { note: changes.length ? `已记入儿童档案的就学情况：${where}` : `儿童档案的就学情况未变：${where}` };
}

registerReferralHandler('school', { complete: (tx, _ctx, r, b) => completeSchool(tx, r, b) });
