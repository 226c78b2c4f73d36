import type { guardianshipZh } from './zh-CN';
import { assessmentsEn } from '../assessments/locales/en-US';

/** Interface text of the guardianship parts (English). */
export const guardianshipEn: Record<keyof typeof guardianshipZh, string> = {
  ...assessmentsEn,
  'guardianship.childTab': 'Guardianship',
  'guardianship.tab.empty': 'No guardianship records to show',
};
