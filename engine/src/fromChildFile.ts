/**
 * The profile of a child on a date, derived from the child file (`common/src/children.ts`). This
 * is how the platform feeds the engine; every field's derivation is also written in the profile
 * catalogue (`profile.ts`, `source`).
 *
 * Absence in the file is *unknown* by default. Where the file has no way to say "none" (no
 * disability recorded, no serious illness recorded), `absentMeansNone` lets the platform decide
 * that absence means none — a choice with consequences: the engine then answers "not eligible"
 * instead of "data needed".
 */
import type { Profile, ParentFacts } from './profile.js';

/** The parts of `ChildFile` the derivation reads (structurally compatible with it). */
export interface ChildFileFacts {
  birthDate: string;
  hukou: 'local' | 'other';
  schoolStage: string | null;
  disabilityType: string | null;
  disabilityGrade: number | null;
  seriousIllness: string | null;
  householdSize: number | null;
  monthlyIncomeFen: number | null;
  assetsFen: number | null;
  categories: { category: string; since: string; until: string | null }[];
  members: {
    relation: string;
    role: string;
    status: string;
    statusSince: string | null;
    statusUntil: string | null;
    disabilityType: string | null;
    disabilityGrade: number | null;
  }[];
  benefits: { benefit: string; since: string; until: string | null }[];
  /** 被依法收养, 孤独症, 照料人有抚养能力, 感染艾滋病病毒: true / false / null (unknown); absent = unknown. */
  adopted?: boolean | null;
  autism?: boolean | null;
  caregiverCanRaise?: boolean | null;
  hivInfected?: boolean | null;
}

export interface DeriveOptions {
  /** Policies of the pack, to recognise benefits recorded by id or Chinese name. */
  policies?: readonly { id: string; name: { zh: string } }[];
  /** Treat "no disability / no serious illness recorded" as none (default: unknown). */
  absentMeansNone?: boolean;
  /**
   * Facts supplied from elsewhere; a value given here (not null) takes precedence over the file's.
   * The platform uses it for HIV status, which the file shows only to permitted users but the
   * matching always needs.
   */
  extra?: { hivInfected?: boolean | null; adopted?: boolean | null; autism?: boolean | null; caregiverCanRaise?: boolean | null };
}

const FULL_TIME = ['小学', '初中', '高中', '中职', '高校'];
const NOT_IN_SCHOOL = ['未入学', '辍学'];
const active = (since: string, until: string | null, date: string) => since <= date && (until === null || until >= date);

export function profileFromChildFile(file: ChildFileFacts, date: string, opts: DeriveOptions = {}): Profile {
  const categories = [...new Set(file.categories.filter((c) => active(c.since, c.until, date)).map((c) => c.category))].sort();
  const has = (c: string) => categories.includes(c);
  const none = opts.absentMeansNone ? false : null;
  const disabled = file.disabilityType !== null || file.disabilityGrade !== null || has('disabled') ? true : none;
  const seriousIllness = file.seriousIllness !== null || has('seriously_ill') ? true : none;
  const stage = file.schoolStage;
  const parent = (relation: string, slot: 'father' | 'mother'): ParentFacts | null => {
    const m = file.members.find((x) => x.relation === relation);
    return m
      ? {
          relation: slot,
          status: m.status,
          statusSince: m.statusSince,
          statusUntil: m.statusUntil,
          disabilityGrade: m.disabilityGrade,
          disabilityType: m.disabilityType,
        }
      : null;
  };
  const benefitIds = opts.policies
    ? [
        ...new Set(
          file.benefits
            .filter((b) => active(b.since, b.until, date))
            .flatMap((b) => opts.policies!.filter((p) => p.id === b.benefit.trim() || p.name.zh === b.benefit.trim()).map((p) => p.id)),
        ),
      ].sort()
    : null;
  const dibaoBenefit = file.benefits.some((b) => active(b.since, b.until, date) && /低保|minimum-livelihood/.test(b.benefit));
  const otherCarer = file.members.some((m) => m.relation !== '父亲' && m.relation !== '母亲' && (m.role === 'guardian' || m.role === 'caregiver'));
  return {
    child: {
      birthDate: file.birthDate,
      hukou: file.hukou,
      categories,
      disabled,
      disabilityGrade: file.disabilityGrade,
      disabilityType: file.disabilityType,
      autism: opts.extra?.autism ?? file.autism ?? null,
      seriousIllness,
      hivInfected: opts.extra?.hivInfected ?? file.hivInfected ?? null,
      adopted: opts.extra?.adopted ?? file.adopted ?? null,
      inFullTimeSchool: stage === null ? null : FULL_TIME.includes(stage) ? true : NOT_IN_SCHOOL.includes(stage) ? false : null,
      schoolStage: stage,
      institutionalCare: has('orphan_institutional') ? true : has('orphan_scattered') ? false : null,
    },
    household: {
      size: file.householdSize,
      monthlyIncome: file.monthlyIncomeFen,
      assets: file.assetsFen,
      receivesDibao: has('low_income_dibao') || dibaoBenefit ? true : null,
      marginalLowIncome: has('low_income_marginal') ? true : null,
    },
    parents: [parent('父亲', 'father'), parent('母亲', 'mother')].filter((p): p is ParentFacts => p !== null),
    benefits: { receiving: benefitIds },
    caregiver: { present: otherCarer ? true : null, canRaise: opts.extra?.caregiverCanRaise ?? file.caregiverCanRaise ?? null },
  };
}
