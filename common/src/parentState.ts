/**
 * A parent's recorded facts must not contradict the status chosen for them: the policies derive
 * 重残 from the disability grade and type (engine/policies/definitions.yaml, 民发〔2019〕62号), so a
 * status picked by hand that says otherwise would make two answers disagree about the same parent.
 * Used at data entry (add / edit a member, import); the message is shown to the user.
 */
import type { MemberStatus } from './children.js';

/** 重残 by the recorded facts: true / false, or null while grade or type is not recorded. */
export function severelyDisabledByFacts(grade: number | null | undefined, type: string | null | undefined): boolean | null {
  if (grade === null || grade === undefined) return null;
  if (grade <= 2) return true;
  if (type === null || type === undefined) return null;
  return type === '精神' || type === '智力';
}

const DEFINITION = '重残指一级、二级残疾，或三级、四级精神、智力残疾（民发〔2019〕62号）';

/** A Chinese message when the status contradicts the recorded disability, else null. */
export function parentStateProblem(m: {
  status?: MemberStatus | string | null;
  disabilityGrade?: number | null;
  disabilityType?: string | null;
}): string | null {
  const severe = severelyDisabledByFacts(m.disabilityGrade, m.disabilityType);
  const recorded = `${m.disabilityType ?? ''}${m.disabilityGrade ? `${m.disabilityGrade}级` : ''}残疾`;
  if (m.status === 'severely_disabled' && severe === false) {
    return `状态为"重残"，但记录的是${recorded}，不符合重残的定义：${DEFINITION}。请更正残疾等级、类别或状态`;
  }
  if (m.status === 'alive_fit' && severe === true) {
    return `记录的${recorded}属于重残（${DEFINITION}），状态不能为"健在且有监护能力"，请选择"重残"或更正残疾信息`;
  }
  return null;
}
