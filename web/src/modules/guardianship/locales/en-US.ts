import type { guardianshipZh } from './zh-CN';
import { ladderEn } from '../ladder/locales/en-US';

/** Interface text of the guardianship parts (English). */
export const guardianshipEn: Record<keyof typeof guardianshipZh, string> = {
  'guardianship.childTab': 'Guardianship',
  'guardianship.tab.empty': 'No guardianship records to show',
  ...ladderEn,
};
