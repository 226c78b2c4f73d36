import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { namePinyin } from './pinyin.js';

describe('namePinyin', () => {
  it('gives the full pinyin and the initials', () => {
    expect(namePinyin('张小明')).toEqual({ full: 'zhangxiaoming', initials: 'zxm' });
    expect(namePinyin('王芳')).toEqual({ full: 'wangfang', initials: 'wf' });
    expect(namePinyin('欧阳娜娜')).toEqual({ full: 'ouyangnana', initials: 'oynn' });
  });

  it('reads polyphonic surnames as surnames', () => {
    expect(namePinyin('单雄信').full).toBe('shanxiongxin');
    expect(namePinyin('曾小贤').full).toBe('zengxiaoxian');
    expect(namePinyin('解晓东').full).toBe('xiexiaodong');
    expect(namePinyin('仇大海').full).toBe('qiudahai');
    expect(namePinyin('朴树').full).toBe('piaoshu');
    expect(namePinyin('查良镛')).toEqual({ full: 'zhaliangyong', initials: 'zly' });
    expect(namePinyin('尉迟恭').full).toBe('yuchigong');
    expect(namePinyin('区志强').full).toBe('ouzhiqiang');
  });

  it('writes ü as v', () => {
    expect(namePinyin('吕布')).toEqual({ full: 'lvbu', initials: 'lb' });
    expect(namePinyin('张绿')).toEqual({ full: 'zhanglv', initials: 'zl' });
  });

  it('ignores spaces, middle dots, digits; keeps Latin words', () => {
    expect(namePinyin(' 张 小明 ')).toEqual({ full: 'zhangxiaoming', initials: 'zxm' });
    expect(namePinyin('阿依古丽·买买提')).toEqual({ full: 'ayigulimaimaiti', initials: 'ayglmmt' });
    expect(namePinyin('Tom 张')).toEqual({ full: 'tomzhang', initials: 'tz' });
    expect(namePinyin('李2')).toEqual({ full: 'li', initials: 'l' });
  });

  it('returns empty strings for empty input', () => {
    expect(namePinyin('')).toEqual({ full: '', initials: '' });
    expect(namePinyin('   ')).toEqual({ full: '', initials: '' });
    expect(namePinyin(null)).toEqual({ full: '', initials: '' });
  });

  it('property: output is lowercase a-z only, and initials are the first letters', () => {
    const han = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.array(han, { minLength: 1, maxLength: 4 }), (chars) => {
        const { full, initials } = namePinyin(chars.join(''));
        expect(full).toMatch(/^[a-z]*$/);
        expect(initials).toMatch(/^[a-z]*$/);
        expect(initials.length).toBeLessThanOrEqual(chars.length);
        if (initials.length > 0) expect(full.startsWith(initials[0]!)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
