/**
 * The platform's vocabularies, one definition each: plain `as const` lists and label maps, with no
 * zod, so the seed generator and the web import them without the schemas. The contract modules
 * (children.ts, visits.ts, casework.ts) build their zod enums from these and re-export them, so
 * existing imports keep working.
 */

// ---- the child file ----

/** The categories of children in difficulty, in the order of the definitions (and of the file page). */
export const CHILD_CATEGORIES = [
  'orphan_institutional',
  'orphan_scattered',
  'defacto_unsupported',
  'guardianship_missing',
  'guardianship_improper',
  'disabled',
  'seriously_ill',
  'low_income_dibao',
  'low_income_marginal',
  'extreme_poverty',
  'migrant_in_difficulty',
  'left_behind',
  'reunited_with_parents',
] as const;
export type ChildCategory = (typeof CHILD_CATEGORIES)[number];

export const CATEGORIES = {
  orphan_institutional: '孤儿（机构养育）',
  orphan_scattered: '孤儿（散居）',
  defacto_unsupported: '事实无人抚养儿童',
  guardianship_missing: '监护缺失',
  guardianship_improper: '监护不当',
  disabled: '残疾儿童',
  seriously_ill: '重病儿童',
  low_income_dibao: '家庭经济困难（低保）',
  low_income_marginal: '家庭经济困难（低收入）',
  extreme_poverty: '家庭经济困难（特困）',
  migrant_in_difficulty: '困境流动儿童',
  left_behind: '困境留守儿童',
  reunited_with_parents: '来沪与父母团聚儿童',
} as const satisfies Record<ChildCategory, string>;

export const MEMBER_STATUSES = {
  alive_fit: '健在且有监护能力',
  deceased: '死亡',
  declared_dead: '宣告死亡',
  missing: '宣告失踪',
  not_found: '查找不到（生父母不明）',
  out_of_contact: '失联',
  imprisoned: '服刑在押',
  drug_rehab: '强制隔离戒毒',
  seriously_ill: '重病',
  severely_disabled: '重残',
  guardianship_revoked: '被撤销监护资格',
  deported: '被遣送（驱逐）出境',
} as const;

export const RELATIONS = ['父亲', '母亲', '祖父', '祖母', '外祖父', '外祖母', '兄弟姐妹', '其他亲属', '其他'] as const;
export type Relation = (typeof RELATIONS)[number];
export const MEMBER_ROLES = { guardian: '监护人', caregiver: '实际照料人', member: '家庭成员' } as const;
export const SCHOOL_STAGES = ['学前', '小学', '初中', '高中', '中职', '高校', '未入学', '辍学'] as const;
export type SchoolStage = (typeof SCHOOL_STAGES)[number];
export const DISABILITY_TYPES = ['视力', '听力', '言语', '肢体', '智力', '精神', '多重'] as const;

/** A child's risk level (高/中/低). */
export const RISK_LEVEL_CODES = ['high', 'medium', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVEL_CODES)[number];
export const RISK_LEVELS = { high: '高', medium: '中', low: '低' } as const satisfies Record<RiskLevel, string>;

export const CLOSE_REASONS = {
  aged_out: '年满18周岁且不在校',
  moved_away: '迁出本区',
  no_longer_in_difficulty: '不再符合困境儿童条件',
  deceased: '死亡',
} as const;

// ---- visits ----

export const VISIT_KINDS = ['home', 'phone', 'video', 'school'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];
export const CHECK_STATUSES = ['ok', 'attention', 'na'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

// ---- problems (found on a visit or recorded in casework) ----

export const PROBLEM_CATEGORIES = ['living', 'safety', 'health', 'schooling', 'guardianship', 'psychology', 'policy', 'other'] as const;
export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number];
/** A problem's severity (严重/一般/轻微) — not a risk level, though the codes are the same. */
export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const PROBLEM_STATUSES = ['open', 'in_progress', 'escalated', 'resolved'] as const;

// ---- assistance ----

export const ASSISTANCE_KINDS = ['material', 'money', 'service', 'referral', 'education', 'medical', 'psychological'] as const;
/** The labels of the server's own texts (timelines, notices); the web has its locale files. */
export const ASSISTANCE_KIND_ZH: Record<(typeof ASSISTANCE_KINDS)[number], string> = {
  material: '物资',
  money: '资金',
  service: '服务',
  referral: '转介',
  education: '教育',
  medical: '医疗',
  psychological: '心理',
};
