/**
 * Material for realistic synthetic Chinese names: surnames with rough relative frequencies
 * (weighted towards Shanghai, where 张 王 陈 李 徐 朱 周 沈 陆 顾 lead), and given-name characters by
 * sex and by generation (names of children born after 2005 differ from those of their grandparents).
 */

/** [surname, relative weight]. */
export const SURNAMES: readonly (readonly [string, number])[] = [
  ['张', 62], ['王', 60], ['陈', 58], ['李', 50], ['徐', 38], ['朱', 34], ['周', 32], ['沈', 30],
  ['陆', 28], ['顾', 26], ['杨', 26], ['吴', 26], ['黄', 24], ['刘', 24], ['孙', 20], ['金', 18],
  ['胡', 18], ['钱', 16], ['蔡', 15], ['姚', 14], ['潘', 14], ['施', 13], ['俞', 12], ['丁', 12],
  ['马', 12], ['高', 12], ['范', 11], ['汤', 10], ['许', 10], ['唐', 10], ['陶', 9], ['赵', 12],
  ['曹', 9], ['倪', 9], ['龚', 9], ['宋', 8], ['叶', 9], ['蒋', 9], ['邵', 8], ['郁', 7],
  ['秦', 7], ['严', 7], ['盛', 6], ['戴', 7], ['袁', 7], ['郑', 8], ['谢', 7], ['程', 7],
  ['汪', 7], ['何', 8], ['林', 8], ['罗', 6], ['梁', 6], ['韩', 6], ['冯', 6],
  ['邓', 5], ['彭', 5], ['曾', 5], ['肖', 5], ['田', 5], ['董', 5], ['于', 5], ['卢', 5],
  ['姜', 5], ['崔', 4], ['钟', 4], ['谭', 4], ['石', 4], ['贾', 4], ['夏', 5], ['方', 5],
  ['史', 4], ['任', 4], ['魏', 4], ['吕', 4], ['苏', 4], ['杜', 4], ['余', 4], ['傅', 4],
  ['瞿', 4], ['毛', 4], ['卫', 3], ['储', 3], ['季', 3], ['翁', 3], ['费', 3], ['殷', 3],
  ['浦', 3], ['印', 2], ['童', 3], ['江', 3], ['薛', 3], ['葛', 3], ['孔', 2], ['柏', 2],
  ['单', 2], ['解', 1], ['欧阳', 1], ['司马', 1], ['诸葛', 1], ['上官', 1],
];

/** Given-name characters. `modern`: born 2000 or later; `classic`: born before 1975; in between, both. */
export const GIVEN_CHARS = {
  M: {
    modern: Array.from(
      '浩宇轩子睿泽辰铭俊博晨杰涵昊然天一嘉奕逸航哲翔凯瑞豪霖宸皓煜卓远恒毅诚骏彦言景熙承佑安乐晟钧锦程书墨宁阳致屹珩峻岩琛澄梓沐宥亦煊',
    ),
    classic: Array.from('建国明伟强军华平勇涛斌磊刚波峰辉林海敏东健亮龙超飞鹏志文荣新庆春德福根宝忠兴良雄卫民立中永金生祥'),
  },
  F: {
    modern: Array.from(
      '欣怡梓萱涵诗雨琪思佳可馨悦妍语彤晴婉静雅嘉心梦瑶琳楠菲蕾颖舒灵若依芸婷乐安沁悠禾茉朵唯苒芷汐念初一昕玥晞蓓萌',
    ),
    classic: Array.from('秀英丽娟芳敏静燕霞玲红梅萍华琴兰凤洁莉颖慧雪琳艳倩婷云珍芬娥月佩蓓雯菁瑾美玉桂'),
  },
} as const;

/** Characters that are pleasant when doubled, as girls' or small children's names (琳琳, 乐乐). */
export const DOUBLED_CHARS = {
  M: Array.from('乐浩天阳明然'),
  F: Array.from('琳婷欣悦萌佳菲倩雯静'),
} as const;

/** Ethnic groups other than 汉族 with relative weights (about 3% of children in the demo data). */
export const MINORITY_ETHNICITIES: readonly (readonly [string, number])[] = [
  ['回族', 30], ['满族', 20], ['蒙古族', 10], ['壮族', 10], ['土家族', 8], ['苗族', 8], ['朝鲜族', 6],
  ['维吾尔族', 4], ['彝族', 4],
];
