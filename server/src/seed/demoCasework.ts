/**
 * Demo casework around the demo children, spread over the two years before `today`: problems found
 * and their resolution (with timelines; most resolved, some open past their deadline, a few
 * escalated), assistance given by units and organisations, help plans with reviews for high-risk
 * children, growth mentors (teachers) and peer buddies (students) assigned to about three children
 * in four, and work logs of the demo accounts.
 *
 * Deterministic: one seeded PRNG, children read in a stable order, so the same children and seed
 * give the same casework. Runs as the owner (no RLS) in one transaction, inserting in batches
 * through unnest, like ./children.ts. Call it once, on a database without casework data.
 */
import crypto from 'node:crypto';
import type pg from 'pg';
import type { FieldCrypto } from '../crypto/fieldCrypto.js';
import { GIVEN_CHARS, SURNAMES } from './names.js';
import { streetUnitCode } from './reference.js';

export interface DemoCaseworkResult {
  problems: number;
  assistance: number;
  plans: number;
  logs: number;
}

const BATCH = 5_000;
const DAY = 86_400_000;

// ---- PRNG (sfc32 seeded through splitmix32) and helpers ----

class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    let s = seed >>> 0;
    const mix = () => {
      s = (s + 0x9e3779b9) | 0;
      let t = s ^ (s >>> 16);
      t = Math.imul(t, 0x21f0aaad);
      t ^= t >>> 15;
      t = Math.imul(t, 0x735a2d97);
      t ^= t >>> 15;
      return t >>> 0;
    };
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.next();
  }
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  float(): number {
    return this.next() / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.float() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let x = this.float() * total;
    for (const [item, w] of entries) {
      if (x < w) return item;
      x -= w;
    }
    return entries[entries.length - 1]![0];
  }
  /** Up to `n` distinct items. */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < n && copy.length) out.push(copy.splice(Math.floor(this.float() * copy.length), 1)[0]!);
    return out;
  }
}

const dayOf = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);
const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
/** A timestamp on a Shanghai working day's office hours. */
const at = (rng: Rng, day: number) => new Date(day * DAY + (rng.int(8, 17) - 8) * 3_600_000 + rng.int(0, 59) * 60_000);
/** Weekend days move to the following Monday: casework happens on working days. */
const workday = (day: number) => {
  const dow = new Date(day * DAY).getUTCDay();
  return dow === 6 ? day + 2 : dow === 0 ? day + 1 : day;
};

function personName(rng: Rng, sex: 'M' | 'F', modern: boolean): string {
  const surname = rng.weighted(SURNAMES);
  const chars = GIVEN_CHARS[sex][modern ? 'modern' : 'classic'];
  return surname + rng.pick(chars) + (rng.chance(0.75) ? rng.pick(chars) : '');
}

// ---- text material ----

type Category = 'living' | 'safety' | 'health' | 'schooling' | 'guardianship' | 'psychology' | 'policy' | 'other';
type Severity = 'high' | 'medium' | 'low';

const PROBLEMS: Record<Category, { found: string[]; solved: string[]; unit: string | 'street' }> = {
  living: {
    unit: 'street',
    found: [
      '家中冬季取暖设施损坏，祖母年迈无力修理，儿童夜间受冻',
      '家庭月收入低于本市低保标准，尚未申请低保，日常饮食以面条为主',
      '居住的老式公房屋顶漏水，儿童床铺潮湿',
      '儿童换季衣物、被褥不足，冬季仅有一件棉衣',
      '父亲服刑后家庭失去主要收入，房租已拖欠两个月',
      '家中无书桌台灯，儿童只能在饭桌上写作业',
      '照料人身患慢性病，无力按时做饭，儿童常在外买零食充饥',
    ],
    solved: [
      '街道协调物业上门维修并更换取暖器，已恢复正常使用',
      '协助照料人申请低保，已于次月起按月发放',
      '联系房管所完成屋面修缮，并为儿童更换床品',
      '通过街道爱心物资库发放冬衣两套、棉被两床',
      '申请临时救助并链接慈善基金会助困金，房租已结清',
      '爱心企业捐赠书桌和护眼台灯，已送货上门安装',
      '链接社区长者食堂和助餐点，儿童工作日在助餐点用餐',
    ],
  },
  safety: {
    unit: 'police',
    found: [
      '儿童放学后长时间独自在家，家中燃气灶无熄火保护装置',
      '邻居反映儿童多次深夜在小区外游荡',
      '儿童反映放学路上被高年级学生索要财物',
      '家中电线老化裸露，存在触电隐患',
      '儿童近期结交社会闲散人员，多次夜不归宿',
    ],
    solved: [
      '更换带熄火保护的燃气灶，安排志愿者放学后陪伴',
      '与监护人签订安全责任告知书，居委会楼组长协助看护',
      '学校与派出所联合处理，涉事学生已接受批评教育',
      '街道安排电工上门更换线路，隐患已消除',
      '派出所社区民警会同社工介入，儿童已回归正常作息',
    ],
  },
  health: {
    unit: 'health',
    found: [
      '儿童视力明显下降，家庭无力配镜',
      '儿童患有哮喘，近期频繁发作，照料人不会使用吸入器',
      '儿童龋齿严重，长期牙痛影响进食',
      '儿童体重明显偏低，疑似营养不良',
      '儿童脑瘫术后需长期康复训练，家庭负担康复费用困难',
      '儿童未按时接种疫苗，漏种两剂次',
    ],
    solved: [
      '链接眼科医院免费验光配镜，已配镜并定期复查',
      '社区卫生服务中心家庭医生上门指导用药，已建立随访档案',
      '联系口腔医院公益项目完成治疗',
      '纳入营养改善计划，每月发放营养包并跟踪体重',
      '经区残联转介至定点康复机构，康复费用按政策补贴',
      '社区卫生服务中心已完成补种',
    ],
  },
  schooling: {
    unit: 'education',
    found: [
      '儿童已连续两周未到校，家长称其不愿上学',
      '儿童随迁来沪，初中入学材料不全，尚未落实学位',
      '儿童学习跟不上，期中考试多门不及格，情绪低落',
      '儿童因家庭搬迁，上学路途超过一小时',
      '儿童有读写障碍，学校尚未提供支持',
    ],
    solved: [
      '学校班主任与社工家访，儿童已复学并安排同伴帮扶',
      '区教育局协调学位，儿童已入读就近初中',
      '安排大学生志愿者每周两次课业辅导，成绩明显提升',
      '协调转入就近学校，办理转学手续',
      '学校为其制定个别化教育计划，资源教师每周辅导',
    ],
  },
  guardianship: {
    unit: 'civil-affairs',
    found: [
      '父母均外出务工，儿童由年迈祖父照料，祖父近期住院',
      '母亲失联半年以上，父亲服刑，儿童处于监护缺失状态',
      '监护人酗酒，邻居反映多次打骂儿童',
      '监护人长期外出，儿童寄住在亲戚家，照料不稳定',
      '祖母去世后无人照料，儿童暂住邻居家',
    ],
    solved: [
      '落实委托照护，由姑妈作为实际照料人并签订委托书',
      '认定为事实无人抚养儿童，按规定发放基本生活费',
      '居委会劝诫并由公安机关训诫，监护人已接受家庭教育指导',
      '召开家庭会议明确照料安排，社工每月回访',
      '经区民政局评估，安排临时照料并启动监护人确定程序',
    ],
  },
  psychology: {
    unit: 'health',
    found: [
      '儿童近期情绪低落、沉默寡言，班主任反映有自伤言语',
      '父亲去世后儿童出现睡眠障碍，夜间惊醒',
      '儿童沉迷网络游戏，每日上网超过六小时',
      '儿童在校人际关系紧张，多次与同学发生冲突',
    ],
    solved: [
      '转介区精神卫生中心评估，心理咨询师每周一次干预，情绪已稳定',
      '开展哀伤辅导八次，睡眠已基本恢复',
      '社工开展行为矫正小组活动，与家长约定上网时长',
      '学校心理老师跟进辅导，参加社交技能小组',
    ],
  },
  policy: {
    unit: 'civil-affairs',
    found: [
      '儿童符合残疾儿童康复救助条件，但尚未申请',
      '家庭符合低收入困难家庭认定条件，未享受相应救助',
      '儿童基本生活费发放账户信息有误，本月未到账',
      '儿童医保未参保，住院费用无法报销',
    ],
    solved: [
      '协助办理康复救助申请，已获批',
      '完成低收入困难家庭认定，按规定享受救助',
      '核对并更正账户信息，已补发',
      '协助办理城乡居民医保参保，并申请医疗救助',
    ],
  },
  other: {
    unit: 'street',
    found: ['儿童户籍信息与实际居住地不一致，办理证件困难', '儿童缺少身份证件，无法办理银行卡', '家长对儿童教育方式简单粗暴，亲子冲突频繁'],
    solved: ['派出所协助办理户籍迁移手续', '协助办理居民身份证，已领取', '社工开展亲子沟通辅导，家长参加家庭教育讲座'],
  },
};

const CATEGORY_WEIGHTS: [Category, number][] = [
  ['living', 26],
  ['schooling', 16],
  ['health', 16],
  ['guardianship', 13],
  ['psychology', 11],
  ['safety', 8],
  ['policy', 7],
  ['other', 3],
];
const DUE_DAYS: Record<Severity, number> = { high: 7, medium: 14, low: 30 };

const PROGRESS_NOTES = [
  '已入户了解情况，与监护人沟通处理方案',
  '已联系相关单位，等待答复',
  '社工已电话回访，情况有所好转',
  '已向街道督导员汇报，协调资源中',
  '已与学校班主任沟通，共同跟进',
];
const ESCALATE_NOTES = ['居委会层面无法解决，请协调相关资源', '涉及多部门职责，请牵头协调', '情况紧急，请尽快安排专人跟进'];

type Provider = { unit: string | null; name: string };
const ASSISTANCE: Record<string, { weight: number; providers: Provider[]; texts: string[]; value: [number, number] | null; valueChance: number }> = {
  material: {
    weight: 28,
    value: [200, 2000],
    valueChance: 0.8,
    providers: [
      { unit: null, name: '杨浦区慈善基金会' },
      { unit: null, name: '上海市儿童基金会' },
      { unit: 'womens-federation', name: '区妇联' },
      { unit: null, name: '杨浦区红十字会' },
      { unit: 'street', name: '街道办事处' },
    ],
    texts: ['发放冬衣两套、棉被两床', '发放学习用品和书包', '春节慰问：米、油、牛奶等生活物资', '赠送书桌和护眼台灯', '发放夏季衣物和凉席', '发放营养品礼包'],
  },
  money: {
    weight: 20,
    value: [500, 5000],
    valueChance: 1,
    providers: [
      { unit: 'civil-affairs', name: '区民政局' },
      { unit: null, name: '杨浦区慈善基金会' },
      { unit: null, name: '上海市儿童基金会' },
      { unit: 'street', name: '街道办事处' },
    ],
    texts: ['临时救助金', '助学金（本学期）', '春节慰问金', '医疗费用补助', '困难家庭助困金'],
  },
  service: {
    weight: 18,
    value: null,
    valueChance: 0,
    providers: [
      { unit: null, name: '杨浦区阳光社区青少年事务中心' },
      { unit: 'street', name: '街道未成年人保护工作站' },
      { unit: null, name: '杨浦区恩派社会工作服务社' },
    ],
    texts: ['暑期托管服务（四周）', '课后看护服务', '社工个案跟进服务', '家庭探访与陪伴服务', '假期安全教育活动'],
  },
  referral: {
    weight: 8,
    value: null,
    valueChance: 0,
    providers: [
      { unit: 'disabled-federation', name: '区残联' },
      { unit: 'justice', name: '区司法局' },
      { unit: 'health', name: '区卫健委' },
    ],
    texts: ['转介至定点康复机构开展康复训练', '转介法律援助中心办理抚养费事宜', '转介社区卫生服务中心建立健康档案'],
  },
  education: {
    weight: 12,
    value: [0, 1500],
    valueChance: 0.3,
    providers: [
      { unit: 'youth-league', name: '团区委' },
      { unit: null, name: '复旦大学青年志愿者协会' },
      { unit: null, name: '同济大学学生志愿者服务总队' },
      { unit: 'education', name: '区教育局' },
    ],
    texts: ['大学生志愿者每周两次课业辅导', '暑期夏令营名额', '减免午餐费和课后服务费', '赠送课外读物二十册', '学业规划与升学指导'],
  },
  medical: {
    weight: 8,
    value: [500, 10000],
    valueChance: 0.7,
    providers: [
      { unit: 'health', name: '区卫健委' },
      { unit: null, name: '新华医院' },
      { unit: null, name: '杨浦区中心医院' },
      { unit: null, name: '上海市儿童基金会' },
    ],
    texts: ['免费体检一次', '眼科验光配镜', '口腔治疗费用资助', '住院费用医疗救助', '康复辅具适配'],
  },
  psychological: {
    weight: 6,
    value: null,
    valueChance: 0,
    providers: [
      { unit: null, name: '杨浦区精神卫生中心' },
      { unit: 'womens-federation', name: '区妇联' },
      { unit: null, name: '杨浦区青少年心理健康服务站' },
    ],
    texts: ['心理咨询八次', '哀伤辅导小组', '情绪管理团体辅导', '心理评估一次'],
  },
};

/** Help-plan themes: goals, measures and review summaries that belong together. */
const PLAN_THEMES: { goals: string; measures: string; reviews: string[] }[] = [
  {
    goals: '保障基本生活，稳定就学，改善营养状况',
    measures: '1. 每月入户走访一次；2. 协助申请低保和助学金；3. 链接大学生志愿者每周课业辅导',
    reviews: [
      '低保已获批，生活费按月到账，继续执行',
      '课业辅导每周两次，出勤正常，成绩有所提高',
      '体重回升至正常范围，营养包继续发放',
      '各项措施已落实，儿童情况稳定，继续执行',
    ],
  },
  {
    goals: '落实监护责任，确保儿童安全',
    measures: '1. 明确实际照料人并签订委托照护协议；2. 社工每两周回访；3. 学校班主任每周反馈在校情况',
    reviews: ['委托照护协议已签订，照料稳定', '照料人身体状况下降，需调整照料安排', '回访中未发现安全隐患，儿童情绪稳定', '班主任反馈在校表现良好，继续执行'],
  },
  {
    goals: '改善心理状况，重建社会支持网络',
    measures: '1. 转介心理咨询，每周一次；2. 组织参加社区青少年活动；3. 与监护人每月沟通一次',
    reviews: [
      '心理咨询已完成八次，情绪明显好转',
      '心理状况有改善，仍需持续关注',
      '已参加社区青少年活动三次，结识同伴',
      '睡眠恢复正常，咨询频次调整为每两周一次',
    ],
  },
  {
    goals: '落实康复训练，提高生活自理能力',
    measures: '1. 落实残疾儿童康复救助；2. 联系康复机构每周训练三次；3. 为照料人提供喘息服务',
    reviews: ['康复救助已获批，训练按计划进行', '康复训练按计划进行，运动能力有进步', '照料人参加喘息服务，压力有所缓解', '自理能力评估较上次提高，继续执行'],
  },
  {
    goals: '解决住房困难，改善居住环境',
    measures: '1. 申请临时救助；2. 联系房管所修缮；3. 发放生活物资并跟踪使用情况',
    reviews: ['临时救助已发放，房租已结清', '屋面修缮完成，居住条件改善', '生活物资已发放到位，使用情况良好', '居住环境稳定，转入常规走访'],
  },
];

/** Yangpu schools for mentors (teachers) and buddies (students), with the street they are in. */
const SCHOOLS: [string, string][] = [
  ['控江中学', 'kongjiang'],
  ['杨浦高级中学', 'yanji'],
  ['复旦大学附属中学', 'wujiaochang'],
  ['同济大学第一附属中学', 'siping'],
  ['上海市市东中学', 'pingliang'],
  ['上海市延吉中学', 'yanji'],
  ['上海市民星中学', 'yinhang'],
  ['上海市建设中学', 'dinghai'],
  ['上海市杨浦区打虎山路第一小学', 'jiangpu'],
  ['上海市控江二村小学', 'kongjiang'],
  ['上海市杨浦小学', 'pingliang'],
  ['上海理工大学附属小学', 'changhai'],
  ['复旦科技园小学', 'wujiaochang'],
  ['上海市杨浦区齐齐哈尔路第一小学', 'pingliang'],
  ['上海市杨浦区长白二村小学', 'changbai'],
  ['上海市杨浦区殷行路小学', 'yinhang'],
  ['上海市杨浦区定海路小学', 'dinghai'],
  ['上海市杨浦区新江湾城小学', 'xinjiangwan'],
  ['上海市杨浦区大桥小学', 'daqiao'],
  ['同济大学附属实验小学', 'siping'],
];
const VOLUNTEER_UNITS = ['复旦大学社会发展与公共政策学院', '同济大学人文学院', '上海理工大学', '上海财经大学'];

interface ChildRow {
  id: string;
  street_code: string;
  committee_id: string;
  committee_code: string;
  risk_level: 'high' | 'medium' | 'low';
  status: string;
}
interface UserRow {
  id: string;
  username: string;
  display_name: string;
  unit_code: string;
  street_code: string | null;
  roles: string[];
}

/** Columns collected row by row and inserted with one `insert … select * from unnest(…)` per batch. */
class Columns<T extends Record<string, unknown[]>> {
  constructor(readonly cols: T) {}
  push(row: { [K in keyof T]: T[K][number] }) {
    for (const k of Object.keys(this.cols)) (this.cols[k] as unknown[]).push(row[k]);
  }
  get length() {
    return (Object.values(this.cols)[0] ?? []).length;
  }
  async insert(client: pg.ClientBase, sql: (params: string) => string, types: string[]) {
    const keys = Object.keys(this.cols);
    for (let i = 0; i < this.length; i += BATCH) {
      const args = keys.map((k) => (this.cols[k] as unknown[]).slice(i, i + BATCH));
      await client.query(sql(types.map((t, j) => `$${j + 1}::${t}[]`).join(', ')), args);
    }
  }
}

export async function seedDemoCasework(client: pg.ClientBase, opts: { seed: number; today: string; fieldCrypto?: FieldCrypto }): Promise<DemoCaseworkResult> {
  const rng = new Rng(opts.seed ^ 0x5ca5e);
  const today = dayOf(opts.today);
  const start = today - 730;

  const children = (
    await client.query<ChildRow>(
      `select c.id, c.street_code, c.committee_id, m.code as committee_code, c.risk_level, c.status
     from children c join committees m on m.id = c.committee_id
     order by c.street_code, m.code, c.name_pinyin, c.name, c.birth_date, c.sex, c.id`,
    )
  ).rows;
  if (!children.length) return { problems: 0, assistance: 0, plans: 0, logs: 0 };
  const users = (
    await client.query<UserRow>(
      `select u.id, u.username, u.display_name, u.unit_code, un.street_code, array(select role_code from user_roles r where r.user_id = u.id order by 1) as roles
     from users u join units un on un.code = u.unit_code
     where exists (select 1 from user_roles r where r.user_id = u.id and r.role_code in ('district_civil', 'street_supervisor', 'child_director', 'social_worker'))
     order by u.username`,
    )
  ).rows;
  const directorCommittees = new Map(
    (
      await client.query<{ user_id: string; committee_id: string }>('select user_id, committee_id from user_committees order by user_id, committee_id')
    ).rows.map((r) => [r.committee_id, r.user_id]),
  );
  const userById = new Map(users.map((u) => [u.id, u]));
  const supervisorOf = new Map(users.filter((u) => u.street_code && u.roles.includes('street_supervisor')).map((u) => [u.street_code!, u]));
  const unitNames = new Map((await client.query<{ code: string; name: string }>('select code, name from units')).rows.map((r) => [r.code, r.name]));
  /** Who works on a child: the committee's director, else the street's supervisor, else a named worker of the committee (no account). */
  const workerNames = new Map<string, string>();
  const workerOf = (c: ChildRow): { id: string | null; name: string } => {
    const director = directorCommittees.get(c.committee_id);
    if (director && userById.has(director)) return { id: director, name: userById.get(director)!.username };
    if (rng.chance(0.3)) {
      const s = supervisorOf.get(c.street_code);
      if (s) return { id: s.id, name: s.username };
    }
    let name = workerNames.get(c.committee_id);
    if (!name) {
      name = personName(rng, 'F', false);
      workerNames.set(c.committee_id, name);
    }
    return { id: null, name };
  };
  const unitFor = (u: string | 'street', street: string) => (u === 'street' ? streetUnitCode(street) : u);

  await client.query('begin');
  try {
    // ---------------- problems and their timelines ----------------
    const P = new Columns({
      id: [] as string[],
      child: [] as string[],
      description: [] as string[],
      category: [] as string[],
      severity: [] as string[],
      unit: [] as (string | null)[],
      due: [] as string[],
      status: [] as string[],
      resolution: [] as (string | null)[],
      resolvedOn: [] as (string | null)[],
      escalatedTo: [] as (string | null)[],
      createdBy: [] as (string | null)[],
      createdAt: [] as Date[],
      updatedAt: [] as Date[],
      version: [] as number[],
    });
    const E = new Columns({
      problem: [] as string[],
      child: [] as string[],
      at: [] as Date[],
      user: [] as (string | null)[],
      username: [] as (string | null)[],
      kind: [] as string[],
      from: [] as (string | null)[],
      to: [] as (string | null)[],
      note: [] as (string | null)[],
    });
    const problemsOf = new Map<string, { id: string; createdDay: number; category: Category }[]>();

    for (const c of children) {
      // About 40% of children overall; high-risk children far more often.
      if (!rng.chance(c.risk_level === 'high' ? 0.75 : c.risk_level === 'medium' ? 0.45 : 0.3)) continue;
      const n = rng.weighted([
        [1, 60],
        [2, 28],
        [3, 12],
      ] as const);
      for (let k = 0; k < n; k++) {
        const category = rng.weighted(CATEGORY_WEIGHTS);
        const severity = rng.weighted<Severity>([
          ['high', c.risk_level === 'high' ? 40 : 18],
          ['medium', 45],
          ['low', 37],
        ]);
        const material = PROBLEMS[category];
        const which = rng.int(0, material.found.length - 1);
        const created = workday(rng.int(start, today - 1));
        if (created > today) continue;
        const dueDay = created + (rng.chance(0.8) ? DUE_DAYS[severity] : rng.int(10, 60));
        const age = today - created;
        const worker = workerOf(c);
        // Older problems are nearly all closed; recent ones past their deadline mostly too; the rest are being worked on.
        const fate =
          age > 180
            ? rng.weighted([
                ['resolved', 94],
                ['resolved-escalated', 6],
              ] as const)
            : age > 60
              ? rng.weighted([
                  ['resolved', 80],
                  ['resolved-escalated', 5],
                  ['open', 5],
                  ['in_progress', 6],
                  ['escalated', 4],
                ] as const)
              : today > dueDay
                ? rng.weighted([
                    ['resolved', 65],
                    ['resolved-escalated', 5],
                    ['open', 8],
                    ['in_progress', 12],
                    ['escalated', 10],
                  ] as const)
                : rng.weighted([
                    ['resolved', 25],
                    ['open', 35],
                    ['in_progress', 35],
                    ['escalated', 5],
                  ] as const);
        const id = crypto.randomUUID();
        const unit = unitFor(material.unit, c.street_code);
        const escalateTo = rng.chance(0.6) ? unit : streetUnitCode(c.street_code);
        const ev = (day: number, kind: string, from: string | null, to: string | null, note: string | null) => {
          const w =
            kind === 'escalated' && supervisorOf.get(c.street_code)
              ? { id: supervisorOf.get(c.street_code)!.id, name: supervisorOf.get(c.street_code)!.username }
              : worker;
          E.push({ problem: id, child: c.id, at: at(rng, Math.min(day, today)), user: w.id, username: w.name, kind, from, to, note });
        };
        const createdAt = at(rng, created);
        E.push({ problem: id, child: c.id, at: createdAt, user: worker.id, username: worker.name, kind: 'created', from: null, to: 'open', note: null });
        let status: string = 'open';
        let version = 1;
        let last = created;
        let escalatedTo: string | null = null;
        let resolution: string | null = null;
        let resolvedOn: string | null = null;
        const step = (maxGap: number) => {
          last = Math.min(today, last + rng.int(1, maxGap));
          return last;
        };
        if (fate !== 'open') {
          ev(step(4), 'status', 'open', 'in_progress', rng.pick(PROGRESS_NOTES));
          status = 'in_progress';
          version++;
        }
        if (fate === 'resolved-escalated' || fate === 'escalated') {
          const note = `上报至${unitNames.get(escalateTo) ?? escalateTo}：${rng.pick(ESCALATE_NOTES)}`;
          ev(step(6), 'escalated', status, 'escalated', note);
          status = 'escalated';
          escalatedTo = escalateTo;
          version++;
        }
        if (rng.chance(0.35)) ev(step(8), 'comment', null, null, rng.pick(PROGRESS_NOTES));
        if (fate === 'resolved' || fate === 'resolved-escalated') {
          const span = Math.max(2, Math.round((dueDay - created) * (rng.chance(0.8) ? 0.9 : 1.6)));
          const day = Math.min(today, Math.max(last + 1, created + rng.int(2, span)));
          resolution = material.solved[which % material.solved.length]!;
          resolvedOn = dateOf(day);
          ev(day, 'resolved', status, 'resolved', resolution);
          status = 'resolved';
          version++;
          last = day;
        }
        P.push({
          id,
          child: c.id,
          description: material.found[which]!,
          category,
          severity,
          unit: rng.chance(0.85) ? unit : null,
          due: dateOf(dueDay),
          status,
          resolution,
          resolvedOn,
          escalatedTo,
          createdBy: worker.id,
          createdAt,
          updatedAt: at(rng, last),
          version,
        });
        const list = problemsOf.get(c.id) ?? [];
        list.push({ id, createdDay: created, category });
        problemsOf.set(c.id, list);
      }
    }
    await P.insert(
      client,
      (p) => `insert into problems (id, child_id, description, category, severity, responsible_unit, due_on, status, resolution, resolved_on,
      escalated_to, created_by, created_at, updated_at, version) select * from unnest(${p})`,
      ['uuid', 'uuid', 'text', 'text', 'text', 'text', 'date', 'text', 'text', 'date', 'text', 'uuid', 'timestamptz', 'timestamptz', 'int'],
    );
    await E.insert(
      client,
      (p) => `insert into problem_events (problem_id, child_id, at, user_id, username, kind, from_status, to_status, note)
      select * from unnest(${p})`,
      ['uuid', 'uuid', 'timestamptz', 'uuid', 'text', 'text', 'text', 'text', 'text'],
    );
    // 强制报告: each serious safety problem raised the duty. The resolved ones were reported (110 and
    // civil affairs, two hours later); the others still wait, so the demo shows a pending list.
    await client.query(
      `insert into mandatory_reports (child_id, problem_id, status, reported_at, recipients, method, note, recorded_by, recorded_at, created_at)
       select p.child_id, p.id, case when r then 'reported' else 'pending' end, case when r then p.created_at + interval '2 hours' end,
              case when r then array['police', 'civil_affairs'] end, case when r then 'phone' end, case when r then '已电话报警（110），并告知街道民政科' end,
              case when r then p.created_by end, case when r then p.created_at + interval '2 hours' end, p.created_at
       from (select *, status = 'resolved' as r from problems where id = any($1::uuid[]) and category = 'safety' and severity = 'high') p
       on conflict (problem_id) do nothing`,
      [P.cols.id],
    );

    // ---------------- assistance ----------------
    const A = new Columns({
      child: [] as string[],
      kind: [] as string[],
      unit: [] as (string | null)[],
      provider: [] as string[],
      value: [] as (number | null)[],
      description: [] as string[],
      givenOn: [] as string[],
      problem: [] as (string | null)[],
      createdBy: [] as (string | null)[],
      createdAt: [] as Date[],
    });
    const kinds = Object.entries(ASSISTANCE).map(([k, v]) => [k, v.weight] as const);
    for (const c of children) {
      const has = problemsOf.get(c.id);
      if (!rng.chance(has ? 0.75 : 0.35)) continue;
      const n = rng.weighted([
        [1, 45],
        [2, 30],
        [3, 15],
        [4, 10],
      ] as const);
      for (let k = 0; k < n; k++) {
        const kind = rng.weighted(kinds);
        const spec = ASSISTANCE[kind]!;
        const p = rng.pick(spec.providers);
        const linked = has && rng.chance(0.4) ? rng.pick(has) : null;
        const day = workday(linked ? Math.min(today, linked.createdDay + rng.int(1, 20)) : rng.int(start, today));
        if (day > today) continue;
        const value = spec.value && rng.chance(spec.valueChance) ? rng.int(spec.value[0] / 50, spec.value[1] / 50) * 50 * 100 : null;
        A.push({
          child: c.id,
          kind,
          unit: p.unit === 'street' ? streetUnitCode(c.street_code) : p.unit,
          provider: p.unit === 'street' ? `${p.name}` : p.name,
          value,
          description: rng.pick(spec.texts),
          givenOn: dateOf(day),
          problem: linked?.id ?? null,
          createdBy: workerOf(c).id,
          createdAt: at(rng, day),
        });
      }
    }
    await A.insert(
      client,
      (p) => `insert into assistance (child_id, kind, provider_unit, provider_name, value_fen, description, given_on, problem_id, created_by, created_at)
      select * from unnest(${p})`,
      ['uuid', 'text', 'text', 'text', 'bigint', 'text', 'date', 'uuid', 'uuid', 'timestamptz'],
    );

    // ---------------- help plans with reviews, for high-risk children ----------------
    let planned = children.filter((c) => c.status === 'active' && c.risk_level === 'high');
    if (planned.length < children.length * 0.03) {
      // The children's risk levels are not assessed yet: take the children with high-severity problems, and a few more.
      const high = new Set(P.cols.child.filter((_, i) => P.cols.severity[i] === 'high'));
      planned = children.filter((c) => c.status === 'active' && (high.has(c.id) || rng.chance(0.03)));
    }
    const CP = new Columns({
      id: [] as string[],
      child: [] as string[],
      goals: [] as string[],
      measures: [] as string[],
      responsible: [] as string[],
      reviewOn: [] as string[],
      status: [] as string[],
      createdBy: [] as (string | null)[],
      createdAt: [] as Date[],
      updatedAt: [] as Date[],
      version: [] as number[],
    });
    const R = new Columns({
      plan: [] as string[],
      child: [] as string[],
      reviewedOn: [] as string[],
      summary: [] as string[],
      next: [] as (string | null)[],
      reviewer: [] as (string | null)[],
      reviewerName: [] as string[],
      createdAt: [] as Date[],
    });
    for (const c of planned) {
      const worker = workerOf(c);
      const reviewer = worker.id ? userById.get(worker.id)!.display_name : worker.name;
      const responsible = `${reviewer}（${worker.id && directorCommittees.get(c.committee_id) === worker.id ? '儿童主任' : '社工'}）、街道儿童督导员`;
      // Sometimes an earlier plan, closed, before the current one.
      let from = workday(rng.int(start, today - 45));
      const plans = rng.chance(0.25) && today - from > 300 ? 2 : 1;
      for (let k = 0; k < plans; k++) {
        const id = crypto.randomUUID();
        const theme = rng.pick(PLAN_THEMES);
        const closing = k < plans - 1 ? from + rng.int(150, Math.max(151, Math.floor((today - from) / 2))) : null;
        const end = closing ?? today;
        let day = from;
        let version = 1;
        let reviewOn = day + rng.int(60, 95);
        // About one current plan in eight is past its review date: its latest review is not recorded yet.
        const late = closing === null && rng.chance(0.25);
        while (reviewOn <= end && !(late && reviewOn > today - 40)) {
          const reviewed = workday(Math.min(end, reviewOn + rng.int(-5, 6)));
          if (reviewed > today) break;
          const next = reviewed + rng.int(60, 95);
          R.push({
            plan: id,
            child: c.id,
            reviewedOn: dateOf(reviewed),
            summary: rng.pick(theme.reviews),
            next: dateOf(next),
            reviewer: worker.id,
            reviewerName: reviewer,
            createdAt: at(rng, reviewed),
          });
          day = reviewed;
          reviewOn = next;
          version++;
        }
        CP.push({
          id,
          child: c.id,
          goals: theme.goals,
          measures: theme.measures,
          responsible,
          reviewOn: dateOf(reviewOn),
          status: closing ? 'closed' : 'active',
          createdBy: worker.id,
          createdAt: at(rng, from),
          updatedAt: at(rng, Math.min(today, closing ?? day)),
          version: version + (closing ? 1 : 0),
        });
        if (closing) from = workday(closing + rng.int(1, 20));
      }
    }
    await CP.insert(
      client,
      (p) => `insert into care_plans (id, child_id, goals, measures, responsible, review_on, status, created_by, created_at, updated_at, version)
      select * from unnest(${p})`,
      ['uuid', 'uuid', 'text', 'text', 'text', 'date', 'text', 'uuid', 'timestamptz', 'timestamptz', 'int'],
    );
    await R.insert(
      client,
      (p) => `insert into care_plan_reviews (plan_id, child_id, reviewed_on, summary, next_review_on, reviewer_id, reviewer_name, created_at)
      select * from unnest(${p})`,
      ['uuid', 'uuid', 'date', 'text', 'date', 'uuid', 'text', 'timestamptz'],
    );

    // ---------------- mentors and buddies ----------------
    const M = new Columns({
      id: [] as string[],
      kind: [] as string[],
      name: [] as string[],
      organisation: [] as string[],
      phone: [] as (string | null)[],
      street: [] as (string | null)[],
      createdAt: [] as Date[],
    });
    const pool: Record<'mentor' | 'buddy', Map<string | null, string[]>> = { mentor: new Map(), buddy: new Map() };
    const mobile = () => `1${rng.pick(['3', '5', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
    for (const kind of ['mentor', 'buddy'] as const) {
      for (let i = 0; i < 60; i++) {
        const volunteer = kind === 'mentor' && i % 10 === 9;
        const [school, street] = volunteer ? [rng.pick(VOLUNTEER_UNITS), null] : SCHOOLS[i % SCHOOLS.length]!;
        const sex = rng.chance(kind === 'mentor' ? 0.68 : 0.5) ? 'F' : 'M';
        const id = crypto.randomUUID();
        const phone = kind === 'mentor' && opts.fieldCrypto ? opts.fieldCrypto.encrypt(mobile(), 'mentors.phone') : null;
        M.push({ id, kind, name: personName(rng, sex, kind === 'buddy'), organisation: school, phone, street, createdAt: at(rng, start + rng.int(0, 60)) });
        const list = pool[kind].get(street) ?? [];
        list.push(id);
        pool[kind].set(street, list);
      }
    }
    await M.insert(client, (p) => `insert into mentors (id, kind, name, organisation, phone_enc, street_code, created_at) select * from unnest(${p})`, [
      'uuid',
      'text',
      'text',
      'text',
      'text',
      'text',
      'timestamptz',
    ]);
    const pickFor = (kind: 'mentor' | 'buddy', street: string) => {
      const local = pool[kind].get(street) ?? [];
      const anywhere = pool[kind].get(null) ?? [];
      // Mostly someone of the child's street; else a district-wide volunteer, else a school nearby.
      if (local.length && rng.chance(0.8)) return rng.pick(local);
      if (anywhere.length && rng.chance(0.5)) return rng.pick(anywhere);
      return local.length ? rng.pick(local) : anywhere.length ? rng.pick(anywhere) : null;
    };
    // Streets with no school in the list borrow from every street's pool; assignments stay within the child's street or district-wide people.
    const assigned = { child: [] as string[], mentor: [] as (string | null)[], buddy: [] as (string | null)[] };
    for (const c of children) {
      if (c.status !== 'active') continue;
      const mentor = rng.chance(0.76) ? pickFor('mentor', c.street_code) : null;
      const buddy = rng.chance(mentor ? 0.85 : 0.3) ? pickFor('buddy', c.street_code) : null;
      if (!mentor && !buddy) continue;
      assigned.child.push(c.id);
      assigned.mentor.push(mentor);
      assigned.buddy.push(buddy);
    }
    for (let i = 0; i < assigned.child.length; i += BATCH) {
      await client.query(
        `update children c set mentor_id = x.mentor, buddy_id = x.buddy from unnest($1::uuid[], $2::uuid[], $3::uuid[]) as x(id, mentor, buddy) where c.id = x.id`,
        [assigned.child.slice(i, i + BATCH), assigned.mentor.slice(i, i + BATCH), assigned.buddy.slice(i, i + BATCH)],
      );
    }

    // ---------------- work logs of the demo accounts ----------------
    const L = new Columns({
      id: [] as string[],
      user: [] as string[],
      street: [] as (string | null)[],
      committee: [] as (string | null)[],
      workedOn: [] as string[],
      hours: [] as number[],
      content: [] as string[],
      createdAt: [] as Date[],
    });
    const LC = new Columns({ log: [] as string[], child: [] as string[] });
    const LOG_TEXT = [
      '入户走访困境儿童家庭，了解近期生活和就学情况',
      '电话回访监护人，核实低保申领进度',
      '参加街道儿童工作例会，汇报本月走访情况',
      '陪同儿童到医院复查，协助办理医疗救助手续',
      '与学校班主任沟通儿童在校表现',
      '整理儿童档案，更新家庭成员信息',
      '组织辖区困境儿童参加暑期安全教育活动',
      '协调爱心企业捐赠物资并发放',
      '开展家庭教育指导，与家长沟通教育方式',
      '走访新发现的困境儿童家庭，完成信息登记',
      '参加区民政局儿童主任业务培训',
      '跟进问题处理情况，联系相关部门落实',
    ];
    const childrenByCommittee = new Map<string, string[]>();
    const childrenByStreet = new Map<string, string[]>();
    for (const c of children) {
      if (c.status !== 'active') continue;
      childrenByCommittee.set(c.committee_id, [...(childrenByCommittee.get(c.committee_id) ?? []), c.id]);
      childrenByStreet.set(c.street_code, [...(childrenByStreet.get(c.street_code) ?? []), c.id]);
    }
    const committeeOfUser = new Map([...directorCommittees].map(([committee, user]) => [user, committee]));
    for (const u of users) {
      const committee = committeeOfUser.get(u.id) ?? null;
      const reach = committee
        ? (childrenByCommittee.get(committee) ?? [])
        : u.street_code
          ? (childrenByStreet.get(u.street_code) ?? [])
          : children.filter((c) => c.status === 'active').map((c) => c.id);
      const perWeek = committee ? 3 : u.street_code ? 2 : 1;
      for (let week = Math.floor(start / 7); week * 7 <= today; week++) {
        const days = rng.sample([0, 1, 2, 3, 4], rng.int(Math.max(0, perWeek - 1), perWeek));
        for (const d of days) {
          const day = week * 7 + 4 + d; // epoch day 4 is a Monday
          if (day < start || day > today) continue;
          const id = crypto.randomUUID();
          L.push({
            id,
            user: u.id,
            street: u.street_code,
            committee,
            workedOn: dateOf(day),
            hours: rng.int(1, 14) / 2,
            content: rng.pick(LOG_TEXT),
            createdAt: at(rng, day),
          });
          for (const child of rng.sample(
            reach,
            rng.weighted([
              [0, 25],
              [1, 40],
              [2, 25],
              [3, 10],
            ] as const),
          ))
            LC.push({ log: id, child });
        }
      }
    }
    await L.insert(
      client,
      (p) => `insert into work_logs (id, user_id, street_code, committee_id, worked_on, hours, content, created_at, updated_at)
      select id, u, s, c, w, h, t, a, a from unnest(${p}) as x(id, u, s, c, w, h, t, a)`,
      ['uuid', 'uuid', 'text', 'uuid', 'date', 'numeric', 'text', 'timestamptz'],
    );
    await LC.insert(client, (p) => `insert into work_log_children (work_log_id, child_id) select * from unnest(${p})`, ['uuid', 'uuid']);

    await client.query('commit');
    return { problems: P.length, assistance: A.length, plans: CP.length, logs: L.length };
  } catch (err) {
    await client.query('rollback');
    throw err;
  }
}
