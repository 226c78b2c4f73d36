/**
 * The default 家庭监护能力评估量表 shipped with the product, inserted at start when no instrument
 * exists (seed/reference.ts). Its STRUCTURE follows Shanghai's DB31/T 1305-2021 (three dimensions:
 * the minor's and family's basic situation; quality of family guardianship; capacity of family
 * guardianship). Its items, scores, weights and thresholds are the product's own sensible default;
 * the four grade names are those of the comparable Hubei standard DB42/T 1969-2023, because the
 * Shanghai standard's grade names are unconfirmed (shared/domain/policies.md). It is marked
 * `placeholder`: the interface says "默认量表（待替换为区正式版本）" until the district loads its
 * official version (a new instrument version through /guardianship/instruments).
 */
import type pg from 'pg';
import type { InstrumentDefinition, InstrumentGrade } from '#common/guardianshipAssessment.js';
import * as repo from './repo.js';

export const DEFAULT_INSTRUMENT_CODE = 'db31-1305';

const o = (label: string, score: number) => ({ label, score });
const four = (a: string, b: string, c: string, d: string) => [o(a, 3), o(b, 2), o(c, 1), o(d, 0)];
const three = (a: string, b: string, c: string) => [o(a, 2), o(b, 1), o(c, 0)];

export const DEFAULT_DEFINITION: InstrumentDefinition = {
  dimensions: [
    {
      code: 'basic',
      name: '未成年人及家庭基本情况',
      weight: 30,
      items: [
        { code: 'basic.health', text: '未成年人身心健康状况', options: four('良好', '一般', '较差，有疾病或发育问题', '严重疾病或残疾且缺乏照料') },
        { code: 'basic.school', text: '未成年人就学或托育情况', options: four('正常就学、表现稳定', '就学但有困难', '经常缺课', '失学、辍学或未入园') },
        { code: 'basic.structure', text: '家庭结构', options: four('父母双方共同抚养', '单亲或隔代抚养且稳定', '委托他人照料', '无人实际照料') },
        { code: 'basic.economy', text: '家庭经济状况', options: four('收入稳定', '收入较低但能维持', '享受低保或特困救助', '基本生活无保障') },
        { code: 'basic.housing', text: '居住条件', options: three('安全稳定', '拥挤或不稳定', '存在安全隐患或无固定住所') },
        { code: 'basic.support', text: '亲属及社区支持', options: three('支持充分', '支持有限', '没有支持') },
      ],
    },
    {
      code: 'quality',
      name: '家庭监护质量',
      weight: 35,
      items: [
        { code: 'quality.life', text: '生活照料（饮食、衣着、卫生）', options: four('照料周全', '基本满足', '照料不足', '长期缺乏照料') },
        { code: 'quality.safety', text: '安全保护', options: four('无安全隐患', '偶有疏忽', '经常独处或无人看管', '存在危险环境或伤害') },
        { code: 'quality.education', text: '教育引导', options: four('关注学习与品行', '有一定关注', '很少过问', '放任不管或教唆不良行为') },
        { code: 'quality.emotion', text: '情感关爱与亲子沟通', options: four('关系融洽', '沟通较少', '冷漠疏离', '经常打骂或精神虐待') },
        { code: 'quality.medical', text: '就医与健康保障', options: three('及时就医、按时接种', '有时延误', '拒绝或长期延误就医') },
        { code: 'quality.violence', text: '家庭暴力或侵害情况', options: three('未发现', '有过激管教行为', '存在家庭暴力或侵害') },
      ],
    },
    {
      code: 'capacity',
      name: '家庭监护能力',
      weight: 35,
      items: [
        { code: 'capacity.health', text: '监护人身心健康', options: four('健康', '有疾病但不影响监护', '疾病影响监护', '丧失监护能力') },
        {
          code: 'capacity.conduct',
          text: '监护人品行（吸毒、赌博、酗酒、违法犯罪等）',
          options: four('无不良行为', '偶有不良行为', '有明显不良行为', '服刑、强制隔离戒毒或下落不明'),
        },
        { code: 'capacity.knowledge', text: '监护知识与育儿技能', options: four('掌握较好', '基本掌握', '缺乏', '完全不具备') },
        { code: 'capacity.time', text: '陪伴照护时间', options: three('能保证日常陪伴', '陪伴时间不足', '长期不在身边') },
        { code: 'capacity.willingness', text: '履行监护职责的意愿', options: three('意愿强、配合工作', '意愿一般', '拒绝履行或不配合') },
        { code: 'capacity.resources', text: '利用社会资源、寻求帮助的能力', options: three('能主动求助', '需要引导', '不知道或不愿求助') },
      ],
    },
  ],
};

export const DEFAULT_GRADES: InstrumentGrade[] = [
  { code: 'missing', name: '监护缺失', min: 0, effect: 'missing' },
  { code: 'improper', name: '监护失当', min: 40, effect: 'improper' },
  { code: 'insufficient', name: '监护不足', min: 60, effect: 'insufficient' },
  { code: 'normal', name: '监护正常', min: 80, effect: 'normal' },
];

/** Inserts the default instrument (active, placeholder) when the installation has no instrument at all. */
export async function applyDefaultInstrument(client: pg.ClientBase): Promise<void> {
  await repo.insertFirstInstrument(client, {
    code: DEFAULT_INSTRUMENT_CODE,
    name: '未成年人家庭监护能力评估量表（默认）',
    nameEn: 'Family guardianship capacity instrument (default)',
    definition: DEFAULT_DEFINITION,
    grades: DEFAULT_GRADES,
    note: '默认量表（待替换为区正式版本）：结构参照 DB31/T 1305-2021，等级名称参照湖北 DB42/T 1969-2023，分值、权重、阈值为产品默认值。',
  });
}
