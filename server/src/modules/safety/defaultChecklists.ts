/**
 * The district's default inspection checklists (plan tasks 32, 33), applied at every start: a
 * checklist code absent from the installation gets its version 1; one that exists (perhaps with
 * newer versions an administrator saved) is left alone.
 */
import type pg from 'pg';
import { ChecklistCreate, TASK32_KINDS } from '#common/safety.js';
import * as repo from './repo.js';

export const DEFAULT_CHECKLISTS: ChecklistCreate[] = [
  {
    code: 'fire',
    name: '消防安全检查',
    siteKinds: [...TASK32_KINDS],
    items: [
      { code: 'exits', text: '安全出口、疏散通道畅通，无堵塞、锁闭', topic: 'fire' },
      { code: 'extinguishers', text: '灭火器、消火栓配备齐全且在有效期内', topic: 'fire' },
      { code: 'alarms', text: '火灾自动报警、应急照明和疏散指示标志完好', topic: 'fire' },
      { code: 'wiring', text: '电气线路规范，无私拉乱接、违规使用大功率电器', topic: 'fire' },
      { code: 'drills', text: '本学期（年度）已组织消防疏散演练并有记录', topic: 'fire' },
    ],
  },
  {
    code: 'school-bus',
    name: '校车安全检查',
    siteKinds: ['school', 'kindergarten'],
    items: [
      { code: 'licence', text: '校车使用许可、车辆检验合格且在有效期内', topic: 'school_bus' },
      { code: 'driver', text: '驾驶人具备校车驾驶资格，无违法记录', topic: 'school_bus' },
      { code: 'escort', text: '随车照管人员在岗，上下车清点人数有记录', topic: 'school_bus' },
      { code: 'capacity', text: '无超员、超速，座位和安全带齐全', topic: 'school_bus' },
      { code: 'na-route', text: '不使用校车的，已核实无接送车辆（可标“不适用”）', topic: 'school_bus' },
    ],
  },
  {
    code: 'food',
    name: '卫生食品安全检查',
    siteKinds: [...TASK32_KINDS],
    items: [
      { code: 'licence', text: '食品经营许可、从业人员健康证齐全有效', topic: 'food' },
      { code: 'storage', text: '食材进货查验、索证索票，储存分类分架、生熟分开', topic: 'food' },
      { code: 'samples', text: '每餐次留样 48 小时以上并有记录', topic: 'food' },
      { code: 'hygiene', text: '餐具消毒、环境卫生和病媒生物防制到位', topic: 'food' },
      { code: 'water', text: '饮用水设施定期清洗消毒，水质合格', topic: 'food' },
    ],
  },
  {
    code: 'disaster',
    name: '自然灾害防范检查',
    siteKinds: [...TASK32_KINDS],
    items: [
      { code: 'plan', text: '防台防汛、极端天气等应急预案健全并已演练', topic: 'disaster' },
      { code: 'buildings', text: '校舍、围墙、广告牌等无倾覆、坠落风险', topic: 'disaster' },
      { code: 'drainage', text: '排水设施通畅，地下空间防倒灌措施到位', topic: 'disaster' },
      { code: 'supplies', text: '应急物资（照明、沙袋、急救包）储备充足', topic: 'disaster' },
    ],
  },
  {
    code: 'river-patrol',
    name: '河湖巡查（涉水安全）',
    siteKinds: ['river_section'],
    items: [
      { code: 'barriers', text: '护栏、防护设施完好，无缺损、松动', topic: 'water' },
      { code: 'signs', text: '“水深危险，禁止游泳”等警示标牌齐全、醒目', topic: 'water' },
      { code: 'rescue', text: '救生圈、救生绳等救生设施配备到位', topic: 'water' },
      { code: 'publicity', text: '周边社区、学校已开展涉水安全宣传', topic: 'water' },
      { code: 'patrol', text: '暑期等重点时段巡查值守落实', topic: 'water' },
    ],
  },
];

/** Inserts version 1 of each default checklist whose code the installation does not have. */
export async function applyDefaultChecklists(client: pg.ClientBase): Promise<number> {
  let n = 0;
  for (const c of DEFAULT_CHECKLISTS) {
    const parsed = ChecklistCreate.parse(c); // a default that breaks the contract fails the start, loudly
    if (await repo.checklistCodeExists(client, parsed.code)) continue;
    await repo.insertChecklist(client, { ...parsed, version: 1, active: true }, null);
    n++;
  }
  return n;
}
