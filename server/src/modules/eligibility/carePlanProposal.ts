/**
 * 量身定制帮扶方案: a draft help plan composed from what the platform knows about a child — the
 * benefits it is matched to and not yet receiving, open problems, risk, disability, schooling and
 * whether a mentor and a buddy are assigned. The caseworker edits it and saves it as a help plan;
 * nothing is saved here.
 */
import type { AppDeps } from '../../core/deps.js';
import type { Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { shanghaiDate } from '#common/dates.js';
import { packFor } from './pack.js';
import { hiddenPolicies } from './policies.js';
import * as profilesRepo from './repo/profiles.js';
import * as resultsRepo from './repo/results.js';

const UNIT_NAMES: Record<string, string> = { 'civil-affairs': '区民政局', education: '区教育局', 'disabled-federation': '区残联', health: '区卫健委' };
const PROBLEM_LABELS: Record<string, string> = {
  living: '基本生活',
  safety: '安全保护',
  health: '医疗康复',
  schooling: '教育就学',
  guardianship: '监护照料',
  psychology: '心理关爱',
  policy: '政策落实',
  other: '其他',
};

export interface CarePlanProposal {
  goals: string;
  measures: string;
  responsible: string;
  reviewOn: string;
  basis: string[];
}

export async function proposeCarePlan(tx: Tx, deps: AppDeps, childId: string): Promise<CarePlanProposal> {
  const care = await profilesRepo.careFacts(tx, childId);
  if (!care) throw errors.notFound('未找到该档案，或不在您的辖区内');
  const file = {
    riskLevel: care.risk_level,
    riskReason: care.risk_reason,
    disabilityGrade: care.disability_grade,
    schoolStage: care.school_stage,
    mentor: care.has_mentor,
    buddy: care.has_buddy,
  };
  const { pack } = await packFor(deps, tx);
  const today = shanghaiDate(deps.clock());
  const due = (await resultsRepo.eligibleUndecidedPolicies(tx, childId))
    .map((id) => pack.byId.get(id))
    .filter((p) => !!p)
    .filter((p) => !hiddenPolicies(tx.ctx, pack).has(p.id));
  const problems = await profilesRepo.openProblems(tx, childId);

  const goals: string[] = [];
  const measures: string[] = [];
  const units = new Set<string>(['街道儿童督导员', '儿童主任']);
  const basis: string[] = [];
  if (due.length) {
    goals.push('应享尽享：落实儿童符合条件的各项保障待遇');
    for (const p of due) {
      measures.push(`协助办理「${p.name.zh}」（主管单位：${UNIT_NAMES[p.unit] ?? p.unit}）`);
      units.add(UNIT_NAMES[p.unit] ?? p.unit);
    }
    basis.push(`免申即享匹配：可享未享 ${due.length} 项`);
  }
  if (problems.length) {
    goals.push('解决走访中发现的问题');
    for (const pr of problems) measures.push(`跟进${PROBLEM_LABELS[pr.category] ?? ''}问题：${pr.description}`);
    basis.push(`未解决问题 ${problems.length} 个`);
  }
  if (file.riskLevel === 'high') {
    goals.push('降低风险，确保儿童安全');
    measures.push('每月入户走访，重点核查监护照料和安全状况');
    basis.push(`风险等级：高${file.riskReason ? `（${file.riskReason}）` : ''}`);
  }
  if (file.disabilityGrade) {
    goals.push('保障康复与无障碍支持');
    measures.push('链接残疾儿童康复救助与辅具服务');
    units.add('区残联');
    basis.push(`残疾等级：${file.disabilityGrade} 级`);
  }
  if (file.schoolStage === '辍学' || file.schoolStage === '未入学') {
    goals.push('依法完成义务教育');
    measures.push('会同教育部门和学校落实控辍保学，制定返校计划');
    units.add('区教育局');
    basis.push(`就学状态：${file.schoolStage}`);
  }
  if (!file.mentor || !file.buddy) {
    measures.push(`为儿童配备${!file.mentor ? '成长导师' : ''}${!file.mentor && !file.buddy ? '和' : ''}${!file.buddy ? '互助伙伴' : ''}（全员导师制）`);
    units.add('区教育局');
  }
  if (!goals.length) goals.push('保持儿童生活、学习和监护状况稳定');
  const months = file.riskLevel === 'high' ? 1 : file.riskLevel === 'medium' ? 2 : 3;
  const review = new Date(`${today}T00:00:00Z`);
  review.setUTCMonth(review.getUTCMonth() + months);
  return {
    goals: goals.map((g, i) => `${i + 1}. ${g}`).join('\n'),
    measures: measures.map((m, i) => `${i + 1}. ${m}`).join('\n') || '1. 按计划走访，关注儿童生活、学习和心理状况',
    responsible: [...units].join('、'),
    reviewOn: review.toISOString().slice(0, 10),
    basis,
  };
}
