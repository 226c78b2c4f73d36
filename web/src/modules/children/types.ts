/** Payload types of /api/children, inferred from the shared contract (types only: no zod at runtime). */
import type { z } from 'zod';
import type * as C from '@common/children';

export type ChildRow = C.ChildRow;
export type ChildPage = z.infer<typeof C.ChildPage>;
export type ChildFilters = z.input<typeof C.ChildFilters>;
export type ChildSearch = z.input<typeof C.ChildSearch>;
export type ChildSort = z.infer<typeof C.ChildSort>;
export type SavedFilter = z.infer<typeof C.SavedFilter>;
export type ChildFile = C.ChildFile;
export type Member = C.Member;
export type CategoryEntry = z.infer<typeof C.CategoryEntry>;
export type Benefit = z.infer<typeof C.Benefit>;
export type MemberInput = z.input<typeof C.MemberInput>;
export type CategoryInput = z.input<typeof C.CategoryInput>;
export type BenefitInput = z.input<typeof C.BenefitInput>;
export type ChildCreate = z.input<typeof C.ChildCreate>;
export type ChildUpdate = z.input<typeof C.ChildUpdate>;
export type DuplicateResult = z.infer<typeof C.DuplicateResult>;
export type HistoryPage = z.infer<typeof C.HistoryPage>;
export type HistoryEntry = z.infer<typeof C.HistoryEntry>;
export type UnmaskedValues = z.infer<typeof C.UnmaskedValues>;
export type UnmaskField = z.infer<typeof C.UnmaskFields>['fields'][number];
export type CreatedChild = z.infer<typeof C.CreatedChild>;
export type CloseInput = z.input<typeof C.CloseInput>;
export type ReopenInput = z.input<typeof C.ReopenInput>;
export type TransferInput = z.input<typeof C.TransferInput>;

export type Category = C.Category;
export type MemberStatus = C.MemberStatus;
export type Risk = ChildRow['riskLevel'];
export type MemberRole = Member['role'];
export type CloseReason = NonNullable<ChildFile['closedReason']>;
export type Relation = (typeof C.RELATIONS)[number];
export type SchoolStage = (typeof C.SCHOOL_STAGES)[number];
export type DisabilityType = (typeof C.DISABILITY_TYPES)[number];

/**
 * The code lists of the contract, repeated here as plain arrays (the contract module carries zod,
 * which the interface does not load); `satisfies` makes the compiler check they match it.
 */
export const CATEGORY_LIST = [
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
] as const satisfies readonly Category[];
export const MEMBER_STATUS_LIST = [
  'alive_fit',
  'deceased',
  'declared_dead',
  'missing',
  'not_found',
  'out_of_contact',
  'imprisoned',
  'drug_rehab',
  'seriously_ill',
  'severely_disabled',
  'guardianship_revoked',
  'deported',
] as const satisfies readonly MemberStatus[];
export const STATUS_SINCE: readonly MemberStatus[] = ['out_of_contact', 'missing', 'declared_dead', 'deceased'];
export const STATUS_UNTIL: readonly MemberStatus[] = ['imprisoned', 'drug_rehab'];
export const RELATION_LIST = ['父亲', '母亲', '祖父', '祖母', '外祖父', '外祖母', '兄弟姐妹', '其他亲属', '其他'] as const satisfies readonly Relation[];
export const SCHOOL_STAGE_LIST = ['学前', '小学', '初中', '高中', '中职', '高校', '未入学', '辍学'] as const satisfies readonly SchoolStage[];
export const DISABILITY_TYPE_LIST = ['视力', '听力', '言语', '肢体', '智力', '精神', '多重'] as const satisfies readonly DisabilityType[];
export const CLOSE_REASON_LIST = ['aged_out', 'moved_away', 'no_longer_in_difficulty', 'deceased'] as const satisfies readonly CloseReason[];
export const RISK_LIST = ['high', 'medium', 'low'] as const satisfies readonly Risk[];
export const ROLE_LIST = ['guardian', 'caregiver', 'member'] as const satisfies readonly MemberRole[];

/** Same rule as the contract's phone schema: a mobile number, or a landline with area code. */
export const PHONE_RE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
export type FamilyContacts = C.FamilyContacts;
export type Over18Reason = C.Over18Reason;
/** 年满18周岁仍在档的原因 (the order of the select). */
export const OVER18_REASON_LIST: Over18Reason[] = ['full_time_school', 'disability_care', 'transition', 'other'];
