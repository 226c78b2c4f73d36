/**
 * Demo safety register (安全防护, tasks 32, 33): clearly named demo sites in several streets
 * (杨浦区示例第一小学 …, river sections marked 示例), inspections over the last year by the units
 * whose remit they are in (a street office, 区民政局, 区公安分局, 区水务局 on the water), and hazards
 * in every status: open, overdue (for 区教育局 and for 定海路街道), fix reported and awaiting
 * confirmation, sent back, confirmed on time.
 *
 * Deterministic for a given day (no randomness: the journeys need these exact rows). Skipped when
 * the demo sites exist already. The checklists are reference data (modules/safety/defaultChecklists.ts),
 * applied before. Runs as the owner in the caller's transaction; activities' demo seed reads the
 * schools, so this runs first.
 */
import type pg from 'pg';
import { addDays } from '#common/dates.js';

interface DemoSite {
  code: string;
  name: string;
  kind: string;
  street: string;
  address: string;
  responsible: string;
  inspecting: string[];
}

export const DEMO_SITES: DemoSite[] = [
  {
    code: 'demo-school-1',
    name: '杨浦区示例第一小学',
    kind: 'school',
    street: 'dinghai',
    address: '定海路示例 100 号',
    responsible: 'education',
    inspecting: ['police', 'emergency'],
  },
  {
    code: 'demo-school-2',
    name: '杨浦区示例第二中学',
    kind: 'school',
    street: 'pingliang',
    address: '平凉路示例 200 号',
    responsible: 'education',
    inspecting: ['police'],
  },
  {
    code: 'demo-school-3',
    name: '杨浦区示例第三小学',
    kind: 'school',
    street: 'yinhang',
    address: '殷行路示例 300 号',
    responsible: 'education',
    inspecting: [],
  },
  {
    code: 'demo-kg-1',
    name: '杨浦区示例幼儿园',
    kind: 'kindergarten',
    street: 'kongjiang',
    address: '控江路示例 50 号',
    responsible: 'education',
    inspecting: ['emergency'],
  },
  {
    code: 'demo-inst-1',
    name: '杨浦区示例未成年人救助保护站',
    kind: 'protection_institution',
    street: 'changbai',
    address: '长白路示例 8 号',
    responsible: 'civil-affairs',
    inspecting: ['police', 'health'],
  },
  { code: 'demo-care-1', name: '示例托育园（定海）', kind: 'childcare', street: 'dinghai', address: '定海路示例 66 号', responsible: 'health', inspecting: [] },
  {
    code: 'demo-river-1',
    name: '定海港示例河段（示例）',
    kind: 'river_section',
    street: 'dinghai',
    address: '定海港 示例段 兰州路桥至军工路桥',
    responsible: 'street-dinghai',
    inspecting: ['water'],
  },
  {
    code: 'demo-river-2',
    name: '杨浦滨江示例岸段（示例）',
    kind: 'river_section',
    street: 'pingliang',
    address: '杨浦滨江 示例段 丹东路至宁国路',
    responsible: 'street-pingliang',
    inspecting: ['water'],
  },
  {
    code: 'demo-river-3',
    name: '虬江示例河段（示例）',
    kind: 'river_section',
    street: 'wujiaochang',
    address: '虬江 示例段 黄兴路至国权北路',
    responsible: 'street-wujiaochang',
    inspecting: ['water'],
  },
];

interface DemoHazard {
  item: string;
  description: string;
  severity: 'general' | 'major';
  responsible?: string;
  /** Days from the inspection. */
  deadlineIn: number;
  /** fix reported (days from the inspection) by this user; confirmed by the inspector or sent back. */
  fix?: { after: number; by: string; note: string; then?: 'confirm' | 'sendBack'; thenAfter?: number };
}

interface DemoInspection {
  site: string;
  checklist: string;
  /** Days before today. */
  daysAgo: number;
  by: string;
  findings: string;
  na?: string[];
  hazards: DemoHazard[];
}

export const DEMO_INSPECTIONS: DemoInspection[] = [
  {
    site: 'demo-school-1',
    checklist: 'fire',
    daysAgo: 200,
    by: 'street-dinghai',
    findings: '疏散通道堆放杂物，已要求清理。',
    hazards: [
      {
        item: 'exits',
        description: '教学楼东侧疏散通道堆放课桌椅，通道宽度不足',
        severity: 'general',
        deadlineIn: 30,
        fix: { after: 20, by: 'edu', note: '已清理杂物，落实每日巡查', then: 'confirm', thenAfter: 25 },
      },
    ],
  },
  {
    site: 'demo-school-1',
    checklist: 'food',
    daysAgo: 40,
    by: 'district',
    findings: '食堂留样记录不全。',
    hazards: [{ item: 'samples', description: '食堂周三、周四午餐未留样，留样记录缺失', severity: 'general', deadlineIn: 30 }],
  },
  {
    site: 'demo-school-2',
    checklist: 'fire',
    daysAgo: 60,
    by: 'street-pingliang',
    findings: '部分灭火器过期。',
    hazards: [
      {
        item: 'extinguishers',
        description: '实验楼三层 4 具灭火器超过有效期',
        severity: 'major',
        deadlineIn: 40,
        fix: { after: 35, by: 'edu', note: '已全部更换并张贴检查卡' },
      },
    ],
  },
  { site: 'demo-school-2', checklist: 'school-bus', daysAgo: 150, by: 'police', findings: '校车运行规范。', hazards: [] },
  { site: 'demo-school-3', checklist: 'fire', daysAgo: 250, by: 'district', findings: '未发现问题。', hazards: [] },
  { site: 'demo-kg-1', checklist: 'disaster', daysAgo: 90, by: 'district', findings: '防汛预案齐全。', hazards: [] },
  {
    site: 'demo-kg-1',
    checklist: 'school-bus',
    daysAgo: 85,
    by: 'district',
    findings: '不使用校车。',
    na: ['licence', 'driver', 'escort', 'capacity'],
    hazards: [],
  },
  { site: 'demo-inst-1', checklist: 'fire', daysAgo: 120, by: 'police', findings: '消防设施完好。', hazards: [] },
  {
    site: 'demo-care-1',
    checklist: 'food',
    daysAgo: 30,
    by: 'street-dinghai',
    findings: '餐具消毒记录不全。',
    hazards: [{ item: 'hygiene', description: '餐具消毒柜故障，消毒记录中断一周', severity: 'general', deadlineIn: 45 }],
  },
  {
    site: 'demo-river-1',
    checklist: 'river-patrol',
    daysAgo: 150,
    by: 'water',
    findings: '护栏一处松动。',
    hazards: [
      {
        item: 'barriers',
        description: '兰州路桥北侧护栏两节松动',
        severity: 'major',
        deadlineIn: 30,
        fix: { after: 25, by: 'street-dinghai', note: '已加固护栏并设置临时围挡', then: 'confirm', thenAfter: 28 },
      },
    ],
  },
  {
    site: 'demo-river-1',
    checklist: 'river-patrol',
    daysAgo: 45,
    by: 'water',
    findings: '警示标牌缺失。',
    hazards: [{ item: 'signs', description: '军工路桥下游 200 米处“水深危险”警示标牌缺失', severity: 'general', deadlineIn: 30 }],
  },
  {
    site: 'demo-river-2',
    checklist: 'river-patrol',
    daysAgo: 20,
    by: 'water',
    findings: '救生圈不足。',
    hazards: [
      {
        item: 'rescue',
        description: '丹东路亲水平台救生圈仅剩 1 个，救生绳缺失',
        severity: 'general',
        deadlineIn: 40,
        fix: { after: 5, by: 'street-pingliang', note: '已补充救生圈', then: 'sendBack', thenAfter: 8 },
      },
    ],
  },
  { site: 'demo-river-3', checklist: 'river-patrol', daysAgo: 300, by: 'water', findings: '未发现问题。', hazards: [] },
];

const at = (day: string, hour: number) => `${day} ${String(hour).padStart(2, '0')}:00:00+08`;

export async function seedDemoSafety(client: pg.ClientBase, opts: { today: string }): Promise<{ sites: number; inspections: number; hazards: number }> {
  const exists = await client.query(`select 1 from safety_sites where code = any ($1::text[])`, [DEMO_SITES.map((s) => s.code)]);
  if (exists.rowCount) return { sites: 0, inspections: 0, hazards: 0 };
  const users = new Map(
    (await client.query<{ username: string; id: string; unit_code: string }>(`select username, id, unit_code from users`)).rows.map((u) => [u.username, u]),
  );
  const user = (name: string) => {
    const u = users.get(name);
    if (!u) throw new Error(`demo safety: no user ${name}`);
    return u;
  };
  const district = user('district');
  const siteIds = new Map<string, { id: string; street: string; responsible: string }>();
  for (const s of DEMO_SITES) {
    const created = at(addDays(opts.today, -400), 9);
    const { rows } = await client.query<{ id: string }>(
      `insert into safety_sites (code, name, kind, street_code, address, responsible_unit_code, inspecting_units, note, created_by, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, '演示数据', $8, $9, $9) returning id`,
      [s.code, s.name, s.kind, s.street, s.address, s.responsible, s.inspecting, district.id, created],
    );
    siteIds.set(s.code, { id: rows[0]?.id ?? '', street: s.street, responsible: s.responsible });
  }
  let inspections = 0;
  let hazards = 0;
  for (const ins of DEMO_INSPECTIONS) {
    const site = siteIds.get(ins.site);
    if (!site) continue;
    const list = (
      await client.query<{ version: number; items: { code: string }[] }>(
        `select version, items from inspection_checklists where code = $1 order by version desc limit 1`,
        [ins.checklist],
      )
    ).rows[0];
    if (!list) continue;
    const day = addDays(opts.today, -ins.daysAgo);
    const inspector = user(ins.by);
    const issues = new Set(ins.hazards.map((h) => h.item));
    const results = list.items.map((it) => ({
      code: it.code,
      result: issues.has(it.code) ? 'issue' : ins.na?.includes(it.code) || it.code === 'na-route' ? 'na' : 'ok',
      note: issues.has(it.code) ? (ins.hazards.find((h) => h.item === it.code)?.description ?? null) : null,
    }));
    const { rows } = await client.query<{ id: string }>(
      `insert into inspections (site_id, street_code, unit_code, inspected_on, checklist_code, checklist_version, results, findings, inspector_id, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) returning id`,
      [site.id, site.street, inspector.unit_code, day, ins.checklist, list.version, JSON.stringify(results), ins.findings, inspector.id, at(day, 16)],
    );
    const inspectionId = rows[0]?.id;
    inspections++;
    for (const h of ins.hazards) {
      const fix = h.fix;
      const fixer = fix ? user(fix.by) : null;
      const status = !fix ? 'open' : fix.then === 'confirm' ? 'confirmed' : fix.then === 'sendBack' ? 'open' : 'fix_reported';
      const fixAt = fix ? at(addDays(day, fix.after), 11) : null;
      const thenAt = fix?.thenAfter !== undefined ? at(addDays(day, fix.thenAfter), 15) : null;
      const sentBack = fix?.then === 'sendBack';
      await client.query(
        `insert into hazards (inspection_id, site_id, street_code, item_code, description, severity, responsible_unit_code, deadline, status,
                              fix_note, fix_reported_at, fix_reported_by, confirmed_at, confirmed_by, sent_back_reason, sent_back_at, sent_back_by,
                              reported_by, created_at, updated_at, version)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::timestamptz, $12, $13::timestamptz, $14, $15, $16::timestamptz, $17, $18, $19::timestamptz,
                 coalesce($16::timestamptz, $13::timestamptz, $11::timestamptz, $19::timestamptz), $20)`,
        [
          inspectionId,
          site.id,
          site.street,
          h.item,
          h.description,
          h.severity,
          h.responsible ?? site.responsible,
          addDays(day, h.deadlineIn),
          status,
          fix?.note ?? null,
          sentBack ? null : fixAt,
          sentBack ? null : (fixer?.id ?? null),
          fix?.then === 'confirm' ? thenAt : null,
          fix?.then === 'confirm' ? inspector.id : null,
          sentBack ? '现场核查仍只有 1 个救生圈，请补足并配齐救生绳后再报告' : null,
          sentBack ? thenAt : null,
          sentBack ? inspector.id : null,
          inspector.id,
          at(day, 16),
          1 + (fix ? 1 : 0) + (fix?.then ? 1 : 0),
        ],
      );
      hazards++;
    }
  }
  return { sites: DEMO_SITES.length, inspections, hazards };
}
