/**
 * Rows → the ladder's API shapes, by depth (guardianship/policies.ts): `full` shows everything;
 * `summary` (the committee's child director) shows that a step exists — its kind, unit, status,
 * dates, sessions attended — and the tasks that fall to them, never the reason, the outcome note,
 * who took it, a decline reason or the suggestion's reason. Pure.
 */
import { INTERVENTION_KIND_DEFS, type Intervention, type LadderSuggestion } from '#common/interventions.js';
import type { StepRow } from './repo.js';

export function presentStep(r: StepRow, depth: 'full' | 'summary'): Intervention {
  const full = depth === 'full';
  return {
    id: r.id,
    childId: r.child_id,
    kind: r.kind,
    status: r.status,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    personName: full ? r.person_name : null,
    decidedOn: r.decided_on,
    reason: full ? r.reason : null,
    outcomeNote: full ? r.outcome_note : null,
    sessionsRequired: r.sessions_required,
    sessionsAttended: r.attended,
    sessionsMissed: r.missed,
    previousId: r.previous_id,
    referral:
      r.referral_id && r.referral_status && r.referral_due_on
        ? {
            id: r.referral_id,
            no: Number(r.referral_no),
            status: r.referral_status,
            dueOn: r.referral_due_on,
            overdue: Boolean(r.referral_overdue),
            declineReason: full ? r.referral_decline_reason : null,
          }
        : null,
    documents: full ? r.documents : 0,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

const OPEN_REFERRAL = ['sent', 'received', 'accepted', 'in_progress'];

/**
 * What falls to the caller. The child director (summary): co-operate on a 劝诫 the street records,
 * watch a guidance order's sessions. A writer (full): record a 劝诫's result, resend or cancel a
 * step whose referral came back, record a guidance order's end.
 */
export function tasksOf(steps: StepRow[], suggestion: LadderSuggestion | null, depth: 'full' | 'summary', canWrite: boolean): string[] {
  const tasks: string[] = [];
  const open = steps.filter((s) => s.status === 'planned' || s.status === 'in_progress');
  if (depth === 'summary') {
    if (open.some((s) => s.kind === 'admonition') || suggestion?.kind === 'admonition') {
      tasks.push('劝诫/制止：请配合街道对监护人进行劝诫、制止，并把监护人的改正情况报告街道记录');
    }
    for (const s of open.filter((x) => x.kind === 'guidance_order' && x.status === 'in_progress')) {
      const need = s.sessions_required ? `，共需 ${s.sessions_required} 次` : '';
      tasks.push(`家庭教育指导令执行中：请督促监护人按时参加指导（已参加 ${s.attended} 次${need}；缺席 ${s.missed} 次）`);
    }
    return tasks;
  }
  if (!canWrite) return tasks;
  for (const s of open) {
    const name = INTERVENTION_KIND_DEFS[s.kind].zh;
    if (s.kind === 'admonition') tasks.push(`记录${name}的结果（已履行或无效）`);
    else if (s.status === 'planned' && s.referral_status && !OPEN_REFERRAL.includes(s.referral_status)) {
      tasks.push(`${name}的转介已${s.referral_status === 'declined' ? '被退回' : '撤回'}：请重新发送或取消该措施`);
    } else if (s.status === 'planned' && !s.referral_id) tasks.push(`${name}尚未转介：请发送给实施单位或记录结果`);
    else if (s.kind === 'guidance_order' && s.status === 'in_progress') tasks.push('指导课结束后，记录家庭教育指导令的履行结果');
  }
  return tasks;
}
