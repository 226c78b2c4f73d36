/** Conversions between the child form (dayjs dates, yuan) and the API (YYYY-MM-DD, fen). */
import dayjs, { type Dayjs } from 'dayjs';
import { DATE, fenToYuan, yuanToFen } from './labels';
import type { MemberFormValues } from './MemberFields';
import type { Category, ChildFile, ChildUpdate, DisabilityType, SchoolStage } from './types';

export interface ChildFormValues {
  name?: string;
  idNumber?: string;
  birthDate?: Dayjs;
  sex?: 'M' | 'F';
  noIdNote?: string;
  registeredOn?: Dayjs;
  ethnicity?: string;
  hukou?: 'local' | 'other';
  hukouAddress?: string;
  residenceAddress?: string;
  phone?: string;
  committeeId?: string;
  riskLevel?: 'high' | 'medium' | 'low';
  riskReason?: string;
  riskAssessedOn?: Dayjs;
  schoolStage?: SchoolStage;
  schoolName?: string;
  schoolGrade?: string;
  disabilityType?: DisabilityType;
  disabilityGrade?: number;
  seriousIllness?: string;
  mentalHealthNote?: string;
  householdSize?: number;
  monthlyIncome?: number;
  assets?: number;
  assetsAssessedOn?: Dayjs;
  adopted?: TriChoice;
  autism?: TriChoice;
  caregiverCanRaise?: TriChoice;
  hivInfected?: TriChoice;
  categories?: { category?: Category; since?: Dayjs; sourceNote?: string }[];
  members?: MemberFormValues[];
}

/** A three-valued fact in the form: 是 / 否 / 未知 (unknown stays unknown: never sent as 否). */
export type TriChoice = 'yes' | 'no' | 'unknown';
export const TRI_CHOICES: readonly TriChoice[] = ['yes', 'no', 'unknown'];
export const triToApi = (v: TriChoice | undefined): boolean | null => (v === 'yes' ? true : v === 'no' ? false : null);
export const triFromApi = (v: boolean | null | undefined): TriChoice => (v === true ? 'yes' : v === false ? 'no' : 'unknown');

/** The editable fields of the file (ChildFields and the 免申即享 facts), as the API takes them. */
export type EditableFields = Omit<ChildUpdate, 'version'>;
export type EditableKey = keyof EditableFields;

export const EDITABLE_KEYS: EditableKey[] = [
  'name',
  'ethnicity',
  'hukou',
  'hukouAddress',
  'residenceAddress',
  'phone',
  'committeeId',
  'riskLevel',
  'riskReason',
  'riskAssessedOn',
  'schoolStage',
  'schoolName',
  'schoolGrade',
  'disabilityType',
  'disabilityGrade',
  'seriousIllness',
  'mentalHealthNote',
  'householdSize',
  'monthlyIncomeFen',
  'assetsFen',
  'assetsAssessedOn',
  'adopted',
  'autism',
  'caregiverCanRaise',
  'hivInfected',
];

/** Restricted health fields: only sent by those allowed to see them (children.health). */
export const HEALTH_KEYS: EditableKey[] = ['mentalHealthNote', 'hivInfected'];

/** Stored encrypted and shown masked: on edit an empty field means "leave as it is". */
export const MASKED_KEYS: EditableKey[] = ['hukouAddress', 'residenceAddress', 'phone'];

const text = (v: string | undefined): string | null => (v?.trim() ? v.trim() : null);
const day = (v: Dayjs | undefined | null): string | null => (v ? v.format(DATE) : null);
const num = (v: number | undefined | null): number | null => (v === undefined || v === null ? null : v);

type RequiredKey = 'name' | 'hukou' | 'committeeId' | 'riskLevel';
/** Every editable field present: the four required ones with a value, the others a value or null. */
export type ApiFields = { [K in RequiredKey]: NonNullable<EditableFields[K]> } & {
  [K in Exclude<EditableKey, RequiredKey>]: NonNullable<EditableFields[K]> | null;
};

/** The form's values as API fields (every editable key present, empty → null). */
export function apiFields(v: ChildFormValues): ApiFields {
  return {
    name: (v.name ?? '').trim(),
    ethnicity: text(v.ethnicity),
    hukou: v.hukou ?? 'local',
    hukouAddress: text(v.hukouAddress),
    residenceAddress: text(v.residenceAddress),
    phone: text(v.phone),
    committeeId: v.committeeId ?? '',
    riskLevel: v.riskLevel ?? 'low',
    riskReason: text(v.riskReason),
    riskAssessedOn: day(v.riskAssessedOn),
    schoolStage: v.schoolStage ?? null,
    schoolName: text(v.schoolName),
    schoolGrade: text(v.schoolGrade),
    disabilityType: v.disabilityType ?? null,
    disabilityGrade: num(v.disabilityGrade),
    seriousIllness: text(v.seriousIllness),
    mentalHealthNote: text(v.mentalHealthNote),
    householdSize: num(v.householdSize),
    monthlyIncomeFen: yuanToFen(v.monthlyIncome),
    assetsFen: yuanToFen(v.assets),
    assetsAssessedOn: day(v.assetsAssessedOn),
    adopted: triToApi(v.adopted),
    autism: triToApi(v.autism),
    caregiverCanRaise: triToApi(v.caregiverCanRaise),
    hivInfected: triToApi(v.hivInfected),
  };
}

/** A file as form values. Masked fields start empty: the stored value is shown as a hint. */
export function fileToForm(f: ChildFile): ChildFormValues {
  return {
    name: f.name,
    ethnicity: f.ethnicity ?? undefined,
    hukou: f.hukou,
    committeeId: f.committeeId,
    riskLevel: f.riskLevel,
    riskReason: f.riskReason ?? undefined,
    riskAssessedOn: f.riskAssessedOn ? dayjs(f.riskAssessedOn) : undefined,
    schoolStage: f.schoolStage ?? undefined,
    schoolName: f.schoolName ?? undefined,
    schoolGrade: f.schoolGrade ?? undefined,
    disabilityType: (f.disabilityType as DisabilityType | null) ?? undefined,
    disabilityGrade: f.disabilityGrade ?? undefined,
    seriousIllness: f.seriousIllness ?? undefined,
    mentalHealthNote: f.mentalHealthNote ?? undefined,
    householdSize: f.householdSize ?? undefined,
    monthlyIncome: fenToYuan(f.monthlyIncomeFen) ?? undefined,
    assets: fenToYuan(f.assetsFen) ?? undefined,
    assetsAssessedOn: f.assetsAssessedOn ? dayjs(f.assetsAssessedOn) : undefined,
    adopted: triFromApi(f.adopted),
    autism: triFromApi(f.autism),
    caregiverCanRaise: triFromApi(f.caregiverCanRaise),
    hivInfected: triFromApi(f.hivInfected),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields that differ from the file as loaded: only these go into the PATCH. Masked fields count
 * only when something was typed; the mental-health note and HIV status only for those allowed to see them.
 */
export function changedFields(values: ChildFormValues, base: ChildFile, opts: { health: boolean }): Partial<EditableFields> {
  const now = apiFields(values);
  const before = apiFields(fileToForm(base));
  const out: Record<string, unknown> = {};
  for (const k of EDITABLE_KEYS) {
    if (MASKED_KEYS.includes(k) && now[k] === null) continue;
    if (HEALTH_KEYS.includes(k) && !opts.health) continue;
    if (!same(now[k], before[k])) out[k] = now[k];
  }
  return out;
}

/** Form keys behind each API field (money is typed in yuan). */
const FORM_KEY: Record<EditableKey, keyof ChildFormValues> = {
  name: 'name',
  ethnicity: 'ethnicity',
  hukou: 'hukou',
  hukouAddress: 'hukouAddress',
  residenceAddress: 'residenceAddress',
  phone: 'phone',
  committeeId: 'committeeId',
  riskLevel: 'riskLevel',
  riskReason: 'riskReason',
  riskAssessedOn: 'riskAssessedOn',
  schoolStage: 'schoolStage',
  schoolName: 'schoolName',
  schoolGrade: 'schoolGrade',
  disabilityType: 'disabilityType',
  disabilityGrade: 'disabilityGrade',
  seriousIllness: 'seriousIllness',
  mentalHealthNote: 'mentalHealthNote',
  householdSize: 'householdSize',
  monthlyIncomeFen: 'monthlyIncome',
  assetsFen: 'assets',
  assetsAssessedOn: 'assetsAssessedOn',
  adopted: 'adopted',
  autism: 'autism',
  caregiverCanRaise: 'caregiverCanRaise',
  hivInfected: 'hivInfected',
};

/**
 * After a version conflict: the latest file, with the caller's own changes on top. A field the
 * caller did not touch takes the other person's value; a field they changed keeps theirs.
 */
export function mergeLatest(current: ChildFormValues, oldBase: ChildFile, latest: ChildFile): ChildFormValues {
  const mine = apiFields(current);
  const before = apiFields(fileToForm(oldBase));
  const merged: ChildFormValues = { ...fileToForm(latest) };
  for (const k of EDITABLE_KEYS) {
    const key = FORM_KEY[k];
    const touched = MASKED_KEYS.includes(k) ? mine[k] !== null : !same(mine[k], before[k]);
    if (touched) (merged as Record<string, unknown>)[key] = current[key];
  }
  return merged;
}
