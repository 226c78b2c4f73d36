/**
 * 授权与同意 (security requirement 29; PIPL Arts. 13, 31; 未成年人保护法 Art. 72): the processing
 * purposes with their lawful basis as data, the basis recorded per purpose on each child's file, and
 * the guardian's consent where consent is the basis. The rules (is a consent in force on a day, whose
 * agreement it needs at the child's age) are pure functions, shared by the server's enforcement and
 * the interface.
 *
 * Ages, decided here (docs/consent.md): under 14 the guardian's consent is the consent (PIPL Art. 31);
 * from 8 (民法典 Art. 19, a person with limited capacity) the child's own view is asked and recorded,
 * and a child who refuses is not overridden (未成年人保护法 Art. 19: listen to the child); from 14 the
 * child's own agreement is required besides the guardian's (PIPL Art. 31 a contrario: a minor of 14
 * consents themself; the guardian, who acts for the family of a child in difficulty, signs as well).
 */
import { z } from 'zod';
import { ageOn } from './dates.js';
import { IsoDate, Line, OptText } from './fields.js';

// ---- vocabularies ----

export const BASES = ['legal_duty', 'consent', 'vital_interest', 'public_interest'] as const;
export type Basis = (typeof BASES)[number];
export const BASIS_NAMES: Record<Basis, string> = {
  legal_duty: '履行法定职责（个保法第十三条第一款第三项）',
  consent: '监护人同意（个保法第十三条第一款第一项、第三十一条）',
  vital_interest: '保护生命健康和财产安全（个保法第十三条第一款第四项）',
  public_interest: '公共利益',
};
export const BASIS_SHORT: Record<Basis, string> = { legal_duty: '法定职责', consent: '同意', vital_interest: '生命健康', public_interest: '公共利益' };

export const CONSENT_METHODS = ['written', 'oral', 'electronic'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
export const CONSENT_METHOD_NAMES: Record<ConsentMethod, string> = { written: '书面', oral: '口头', electronic: '电子' };

export const CHILD_AGREEMENTS = ['agreed', 'refused'] as const;
export type ChildAgreement = (typeof CHILD_AGREEMENTS)[number];
export const CHILD_AGREEMENT_NAMES: Record<ChildAgreement, string> = { agreed: '本人同意', refused: '本人不同意' };

/** The purposes the server enforces (their codes are fixed; name, clause text and activity are data). */
export const ORG_REFERRAL_PURPOSE = 'org_referral';
export const PUBLICITY_PURPOSE = 'publicity_photo';

/** From this age the child's own view is asked and recorded (民法典 Art. 19). */
export const CHILD_VIEW_FROM_AGE = 8;
/** From this age the child's own agreement is required (PIPL Art. 31: under 14, the guardian's). */
export const CHILD_CONSENT_FROM_AGE = 14;

export const CONSENT_STATUSES = ['active', 'not_yet', 'expired', 'withdrawn', 'child_refused'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
export const CONSENT_STATUS_NAMES: Record<ConsentStatus, string> = {
  active: '有效',
  not_yet: '尚未生效',
  expired: '已过期',
  withdrawn: '已撤回',
  child_refused: '儿童本人不同意',
};

// ---- the rules ----

/** What the status of a consent depends on. Dates are YYYY-MM-DD (Shanghai). */
export interface ConsentFacts {
  givenOn: string;
  validUntil: string | null;
  withdrawnOn: string | null;
  childAgreement: ChildAgreement | null;
  /** The child's birth date (the age that counts is the age on the day consent was given). */
  birthDate: string;
}

/** Whose agreement a consent given when the child is `age` needs. */
export function agreementNeeded(age: number): { guardian: true; childView: boolean; childConsent: boolean } {
  return { guardian: true, childView: age >= CHILD_VIEW_FROM_AGE, childConsent: age >= CHILD_CONSENT_FROM_AGE };
}

/**
 * The status of a consent on `day`. Withdrawal wins from its day on; then the child's refusal (a
 * child of 8 or more who said no is not overridden by the guardian); then the period.
 */
export function consentStatus(c: ConsentFacts, day: string): ConsentStatus {
  if (c.withdrawnOn !== null && c.withdrawnOn <= day) return 'withdrawn';
  const need = agreementNeeded(ageOn(c.birthDate, c.givenOn));
  if (need.childView && c.childAgreement !== 'agreed') return 'child_refused';
  if (c.givenOn > day) return 'not_yet';
  if (c.validUntil !== null && c.validUntil < day) return 'expired';
  return 'active';
}

/** Whether any of the consents is in force on `day`. */
export function hasActiveConsent(cs: readonly ConsentFacts[], day: string): boolean {
  return cs.some((c) => consentStatus(c, day) === 'active');
}

/** The field errors of a consent to record (empty: it may be written). */
export function consentRefusals(f: {
  today: string;
  birthDate: string;
  givenOn: string;
  validUntil: string | null;
  childAgreement: ChildAgreement | null;
  purposeNeedsConsent: boolean;
  purposeActive: boolean;
}): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (!f.purposeActive) out.push({ path: 'purposeCode', message: '该处理目的已停用' });
  else if (!f.purposeNeedsConsent) out.push({ path: 'purposeCode', message: '该处理目的的合法性基础不是同意，无须记录同意' });
  if (f.givenOn > f.today) out.push({ path: 'givenOn', message: '同意日期不能晚于今天' });
  if (f.givenOn < f.birthDate) out.push({ path: 'givenOn', message: '同意日期不能早于儿童出生日期' });
  if (f.validUntil !== null && f.validUntil < f.givenOn) out.push({ path: 'validUntil', message: '有效期至不能早于同意日期' });
  const age = ageOn(f.birthDate, f.givenOn < f.birthDate ? f.birthDate : f.givenOn);
  const need = agreementNeeded(age);
  if (need.childView && f.childAgreement === null) {
    out.push({
      path: 'childAgreement',
      message: need.childConsent
        ? `儿童已满 ${CHILD_CONSENT_FROM_AGE} 周岁，须记录其本人是否同意`
        : `儿童已满 ${CHILD_VIEW_FROM_AGE} 周岁，须听取并记录其本人意见`,
    });
  }
  return out;
}

// ---- contracts ----

const Code = z
  .string({ error: '请选择处理目的' })
  .min(1, '请选择处理目的')
  .max(41)
  .regex(/^[a-z][a-z0-9_]{1,40}$/, '处理目的编码格式不正确');

export const Purpose = z.object({
  code: z.string(),
  name: z.string(),
  basis: z.enum(BASES),
  legalText: z.string(),
  consentRequired: z.boolean(),
  anonymised: z.boolean(),
  defaultOnFile: z.boolean(),
  active: z.boolean(),
  version: z.number(),
});
export type Purpose = z.infer<typeof Purpose>;
export const PurposeList = z.object({ items: z.array(Purpose), canManage: z.boolean() });

export const PurposeUpdate = z
  .object({
    name: Line('名称', 60),
    basis: z.enum(BASES, { error: '请选择合法性基础' }),
    legalText: Line('法律依据', 1000),
    anonymised: z.boolean({ error: '请选择是否匿名化' }),
    defaultOnFile: z.boolean({ error: '请选择是否建档时自动记录' }),
    active: z.boolean({ error: '请选择是否启用' }),
    version: z.number({ error: '版本号应为数字' }).int(),
  })
  .strict()
  .refine((p) => !(p.defaultOnFile && p.basis === 'consent'), { message: '以同意为基础的目的不能在建档时自动记录', path: ['defaultOnFile'] });
export type PurposeUpdate = z.infer<typeof PurposeUpdate>;
export const PurposeParam = z.object({ code: Code });

export const BasisRecord = z
  .object({
    purposeCode: Code,
    note: OptText('说明', 500),
  })
  .strict();
export type BasisRecord = z.infer<typeof BasisRecord>;

export const ConsentCreate = z
  .object({
    purposeCode: Code,
    guardianMemberId: z.string({ error: '请选择给予同意的监护人' }).uuid('请选择给予同意的监护人'),
    childAgreement: z.enum(CHILD_AGREEMENTS, { error: '请选择儿童本人意见' }).nullable().optional(),
    givenOn: IsoDate('同意日期'),
    method: z.enum(CONSENT_METHODS, { error: '请选择同意方式' }),
    scopeNote: OptText('同意范围', 500),
    evidenceNote: OptText('凭证存放', 200),
    validUntil: IsoDate('有效期至').nullable().optional(),
  })
  .strict();
export type ConsentCreate = z.infer<typeof ConsentCreate>;

export const ConsentWithdraw = z
  .object({
    reason: Line('撤回原因', 200),
    version: z.number({ error: '版本号应为数字' }).int(),
  })
  .strict();
export type ConsentWithdraw = z.infer<typeof ConsentWithdraw>;

export const ChildBasis = z.object({
  id: z.string(),
  purposeCode: z.string(),
  purposeName: z.string(),
  basis: z.enum(BASES),
  source: z.enum(['file_created', 'recorded']),
  note: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
});

export const Consent = z.object({
  id: z.string(),
  purposeCode: z.string(),
  purposeName: z.string(),
  guardianName: z.string(),
  guardianRelation: z.string(),
  childAgreement: z.enum(CHILD_AGREEMENTS).nullable(),
  givenOn: z.string(),
  method: z.enum(CONSENT_METHODS),
  scopeNote: z.string().nullable(),
  evidenceNote: z.string().nullable(),
  validUntil: z.string().nullable(),
  status: z.enum(CONSENT_STATUSES),
  recordedBy: z.string().nullable(),
  withdrawnOn: z.string().nullable(),
  withdrawnBy: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  withdrawEffects: z.array(z.string()),
  version: z.number(),
});
export type Consent = z.infer<typeof Consent>;

export const GuardianOption = z.object({ id: z.string(), name: z.string(), relation: z.string() });

export const ChildConsents = z.object({
  childId: z.string(),
  age: z.number(),
  /** Whose agreement a consent given today needs. */
  needs: z.object({ childView: z.boolean(), childConsent: z.boolean() }),
  purposes: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      basis: z.enum(BASES),
      legalText: z.string(),
      consentRequired: z.boolean(),
      anonymised: z.boolean(),
      /** The basis recorded on this file (null: none). */
      recorded: ChildBasis.nullable(),
      /** For a consent purpose: whether an active consent exists today. */
      consentActive: z.boolean().nullable(),
    }),
  ),
  consents: z.array(Consent),
  guardians: z.array(GuardianOption),
  canRecord: z.boolean(),
  today: z.string(),
});
export type ChildConsents = z.infer<typeof ChildConsents>;

export const WithdrawResult = z.object({
  consent: Consent,
  /** What the withdrawal ended, in words (open referrals to organisations, publicity flags). */
  effects: z.array(z.string()),
});

export const PhotoPublicity = z
  .object({
    publicity: z.boolean({ error: '请选择是否用于宣传' }),
    childIds: z.array(z.string().uuid('儿童编号格式不正确')).max(50, '一张照片最多标注 50 名儿童'),
  })
  .strict();
export type PhotoPublicity = z.infer<typeof PhotoPublicity>;
export const PhotoPublicityResult = z.object({ attachmentId: z.string(), publicity: z.boolean(), childIds: z.array(z.string()) });
