/**
 * Pinyin of personal names, for search ("zxm" or "zhangxiaoming" finds 张小明).
 * Uses pinyin-pro's surname mode, so that polyphonic surnames read as surnames
 * (单 shan, 曾 zeng, 解 xie, 仇 qiu, 朴 piao, 区 ou, 查 zha, 尉迟 yuchi).
 */
import { pinyin } from 'pinyin-pro';

export interface NamePinyin {
  /** Whole name, lowercase, no tones, no spaces: "zhangxiaoming". ü is written v (吕 → "lv"). */
  full: string;
  /** First letter of each syllable: "zxm". */
  initials: string;
}

/**
 * Pinyin of a name. Latin letters in the name are kept (lowercased) as words of their own;
 * digits, punctuation (such as the middle dot of 阿依古丽·买买提) and characters without a known
 * reading are dropped.
 */
export function namePinyin(name: string | null | undefined): NamePinyin {
  const text = String(name ?? '')
    .normalize('NFKC')
    .trim();
  if (text === '') return { full: '', initials: '' };
  const syllables = pinyin(text, { mode: 'surname', toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' });
  let full = '';
  let initials = '';
  for (const syllable of syllables) {
    for (const word of syllable.toLowerCase().split(/[^a-z]+/)) {
      if (word === '') continue;
      full += word;
      initials += word[0];
    }
  }
  return { full, initials };
}
