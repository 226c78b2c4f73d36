/**
 * The ladder's suggestion engine (pure): from a child's steps, the attendance of a guidance
 * order's sessions, harm found after a step and the latest assessment, the next step with a
 * Chinese reason — or none.
 *
 * Rules, in this order (docs/guardianship-ladder.md):
 * 1. cancelled steps do not count;
 * 2. no step yet: an assessment graded 监护不当 suggests 劝诫/制止 (监护缺失 is not a ladder
 *    matter: the child needs temporary care, not a warning to an absent guardian);
 * 3. a guidance order still running whose sessions were missed MISSED_LIMIT times or more suggests
 *    the top rung (申请撤销监护资格, alternative 支持起诉) — the one case where a running step does
 *    not make the ladder wait;
 * 4. any other step still running (待实施, 实施中): wait, no suggestion;
 * 5. the top rung reached: nothing further to suggest;
 * 6. the latest step of the highest rung failed: the next rung;
 * 7. it was complied with, but harm (a problem of category 安全 or 监护) was found after it, or an
 *    assessment after it still grades 监护不当/缺失: the next rung.
 */
import { INTERVENTION_KIND_DEFS, type InterventionKind, type InterventionStatus, type LadderSuggestion } from '#common/interventions.js';

/** Missed sessions of a running guidance order from which the top rung is suggested. */
export const MISSED_LIMIT = 2;

export interface StepFact {
  id: string;
  kind: InterventionKind;
  status: InterventionStatus;
  /** The day it was taken (or, failing that, the day it was recorded). */
  on: string;
  attended: number;
  missed: number;
}

export interface LadderFacts {
  steps: StepFact[];
  /** Days on which harm was found (problems of category safety or guardianship). */
  harmOn: string[];
  /** The latest returned assessment. */
  assessment: { effect: 'missing' | 'improper' | 'insufficient' | 'normal'; on: string } | null;
}

const NEXT_BY_RANK: Partial<Record<number, { kind: InterventionKind; verb: string; alternative: InterventionKind | null }>> = {
  1: { kind: 'reprimand', verb: '由公安机关予以训诫', alternative: null },
  2: { kind: 'guidance_order', verb: '申请家庭教育指导令', alternative: null },
  3: { kind: 'revocation_petition', verb: '申请撤销监护资格或支持起诉', alternative: 'supported_prosecution' },
};

const rankOf = (k: InterventionKind) => INTERVENTION_KIND_DEFS[k].rank;
const isOpen = (s: StepFact) => s.status === 'planned' || s.status === 'in_progress';
/** Later first: by day, then by id (so the order the steps come in does not matter). */
const later = (a: StepFact, b: StepFact) => (a.on === b.on ? (a.id < b.id ? 1 : -1) : a.on < b.on ? 1 : -1);

function next(rank: number, basis: LadderSuggestion['basis'], because: string): LadderSuggestion | null {
  const n = NEXT_BY_RANK[rank];
  if (!n) return null;
  return { kind: n.kind, alternative: n.alternative, basis, reason: `${because}，建议${n.verb}` };
}

export function suggestNext(f: LadderFacts): LadderSuggestion | null {
  const steps = f.steps.filter((s) => s.status !== 'cancelled');
  if (!steps.length) {
    if (f.assessment?.effect === 'improper') {
      return { kind: 'admonition', alternative: null, basis: 'assessment', reason: '家庭监护能力评估结果为监护不当，建议先由居（村）委会劝诫、制止' };
    }
    return null;
  }
  const top = Math.max(...steps.map((s) => rankOf(s.kind)));
  if (top < 3) {
    const missedOrder = steps.filter((s) => s.kind === 'guidance_order' && isOpen(s) && s.missed >= MISSED_LIMIT).sort(later)[0];
    if (missedOrder) return next(3, 'sessions_missed', `家庭教育指导令规定的指导课已缺席 ${missedOrder.missed} 次`);
  }
  if (steps.some(isOpen)) return null;
  if (top >= 3) return null;
  const latest = steps.filter((s) => rankOf(s.kind) === top).sort(later)[0];
  if (!latest) return null;
  const name = INTERVENTION_KIND_DEFS[latest.kind].zh;
  if (latest.status === 'failed') return next(top + 1, 'failed', `${name}无效`);
  if (f.harmOn.some((d) => d > latest.on)) return next(top + 1, 'harm_after', `${name}后仍发现侵害情形`);
  const a = f.assessment;
  if (a && a.on > latest.on && (a.effect === 'improper' || a.effect === 'missing')) {
    return next(top + 1, 'assessment_after', `${name}后评估仍为${a.effect === 'improper' ? '监护不当' : '监护缺失'}`);
  }
  return null;
}
