/** Interface text of the guardianship parts (监护提质, Chinese). Keys start with 'guardianship.'. */
import { ladderZh } from '../ladder/locales/zh-CN';
export const guardianshipZh = {
  'guardianship.childTab': '监护',
  'guardianship.tab.empty': '暂无可查看的监护记录',
  ...ladderZh,
};
