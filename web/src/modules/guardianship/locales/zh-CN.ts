import { aftercareZh } from '../aftercare/locales/zh-CN';
import { guidanceZh } from '../guidance/locales/zh-CN';
import { documentsZh } from '../documents/locales/zh-CN';

import { assessmentsZh } from '../assessments/locales/zh-CN';
/** Interface text of the guardianship parts (监护提质, Chinese). Keys start with 'guardianship.'. */
import { ladderZh } from '../ladder/locales/zh-CN';
export const guardianshipZh = {
  ...assessmentsZh,
  'guardianship.childTab': '监护',
  'guardianship.tab.empty': '暂无可查看的监护记录',
  ...aftercareZh,
  ...guidanceZh,
  ...documentsZh,
  ...ladderZh,
};
