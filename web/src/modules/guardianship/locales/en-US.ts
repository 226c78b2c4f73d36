import type { guardianshipZh } from './zh-CN';
import { aftercareEn } from '../aftercare/locales/en-US';
import { guidanceEn } from '../guidance/locales/en-US';
import { documentsEn } from '../documents/locales/en-US';
import { assessmentsEn } from '../assessments/locales/en-US';
import { ladderEn } from '../ladder/locales/en-US';

/** Interface text of the guardianship parts (English). */
export const guardianshipEn: Record<keyof typeof guardianshipZh, string> = {
  ...assessmentsEn,
  'guardianship.childTab': 'Guardianship',
  'guardianship.tab.empty': 'No guardianship records to show',
  ...aftercareEn,
  ...guidanceEn,
  ...documentsEn,
  ...ladderEn,
};
