/**
 * Demo home visits (走访) for every active child: a series over the last two years at roughly the
 * interval its rule asks for (high risk monthly, scattered orphans monthly, low risk quarterly…),
 * with checklist snapshots and findings in Chinese. About 15% of the children were last visited
 * long ago, so the work lists and the home page show overdue visits. A few recent drafts belong
 * to the street's users. Then every child's next due date is recomputed in one statement.
 *
 * Deterministic: each child's series comes from a PRNG seeded by the seed and the child's own
 * stable facts (name, birth date, committee), not from the (random) row ids or the row order.
 */
import type pg from 'pg';

const BATCH = 2_000;
const OVERDUE_SHARE = 0.15;
const DRAFT_SHARE = 0.02;

/** mulberry32: small, fast, good enough for demo data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of the text, seeded: a stable 32-bit number for demo choices. */
export function hash(seed: number, text: string): number {
  let h = (2166136261 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

type Kind = 'home' | 'phone' | 'video' | 'school';
const KINDS: [Kind, number][] = [
  ['home', 70],
  ['phone', 14],
  ['video', 4],
  ['school', 12],
];

const PEOPLE: Record<Kind, string[]> = {
  home: ['孩子本人、祖母', '孩子本人、母亲', '孩子本人、父亲', '孩子本人、外祖母', '孩子本人、祖父母', '孩子本人、姑姑', '孩子本人、实际照料人'],
  phone: ['监护人（电话）', '母亲（电话）', '祖母（电话）'],
  video: ['孩子本人、母亲（视频）', '孩子本人、父亲（视频）'],
  school: ['孩子本人、班主任', '孩子本人、班主任、心理老师'],
};

const OPENINGS: Record<Kind, string[]> = {
  home: [
    '入户走访，孩子在家，精神状态良好。家中整洁，衣食有保障。',
    '入户走访，孩子刚放学回家，正在写作业。居住环境基本安全，监护人在家照料。',
    '入户走访，与照料人交谈约四十分钟，孩子近期生活规律，饮食正常。',
    '周末入户走访，孩子与祖母在家，房屋采光通风较好，日常用品齐全。',
  ],
  phone: ['电话联系监护人，了解到孩子近期身体健康，按时上学。', '电话回访，监护人反映孩子生活学习情况平稳，暂无新的困难。'],
  video: ['与在外务工的母亲视频连线，孩子一同参加，情绪稳定，交流顺畅。'],
  school: ['到校走访，与班主任交流孩子在校情况：出勤正常，与同学相处融洽。', '到校了解学习情况，班主任反映孩子学习态度认真，成绩保持中等。'],
};

const CLOSINGS = [
  '已告知有困难随时联系儿童主任。',
  '下次走访时继续关注孩子的学习和情绪。',
  '提醒监护人注意冬季用电用气安全。',
  '已宣传本市困境儿童保障政策，监护人表示了解。',
  '',
];

const ATTENTION: Record<string, string[]> = {
  living: ['冬季衣被不足，已联系街道募集', '家中冰箱损坏，食物储存不便', '住房漏雨，需协调修缮'],
  safety: ['家中燃气软管老化，已提醒更换', '孩子放学后常独自在家', '楼道堆物较多，存在消防隐患'],
  health: ['孩子近期反复咳嗽，建议尽快就医', '视力下降明显，尚未配镜', '慢性病需定期复查，家长难以陪同'],
  schooling: ['数学成绩下滑，上课注意力不集中', '近一个月迟到较多', '作业常无人辅导'],
  guardianship: ['祖母年迈体弱，照料力不从心', '父亲长期在外，联系较少', '监护人对孩子管教方式简单粗暴'],
  psychology: ['孩子情绪低落，不愿与人交流', '与同学发生矛盾后拒绝上学', '沉迷手机游戏，作息紊乱'],
  policy: ['基本生活费发放情况待核实', '医疗救助尚未申请', '教育资助材料尚未递交'],
};
const ATTENTION_FINDING = '发现以下情况需要关注：';

interface ChildRow {
  id: string;
  name: string;
  birth_date: string;
  registered_on: string;
  street_code: string;
  committee_id: string;
  committee_code: string;
  days: number | null;
}
interface UserRow {
  id: string;
  display_name: string;
  street_code: string;
  committee_ids: string[] | null;
  roles: string[];
}

export async function seedDemoVisits(client: pg.ClientBase, opts: { seed: number; today: string }): Promise<number> {
  const children = (
    await client.query<ChildRow>(`
    select c.id, c.name, c.birth_date, c.registered_on, c.street_code, c.committee_id, m.code as committee_code,
      (select min(vr.interval_days) from visit_rules vr where vr.active and (vr.risk_level = c.risk_level
         or vr.category in (select cc.category from child_categories cc where cc.child_id = c.id and cc.until is null))) as days
    from children c join committees m on m.id = c.committee_id
    where c.status = 'active'
    order by m.code, c.name, c.birth_date`)
  ).rows;
  if (!children.length) return 0;
  const checklist = (
    await client.query<{ code: string; label: string }>(`select code, label from checklist_items where list = 'service' and active order by sort, code`)
  ).rows;

  // Visitors: the committee's child director, else a user of the child's street (supervisor first).
  const users = (
    await client.query<UserRow>(`
    select u.id, u.display_name, un.street_code,
      (select array_agg(uc.committee_id::text order by uc.committee_id) from user_committees uc where uc.user_id = u.id) as committee_ids,
      coalesce((select array_agg(ur.role_code order by ur.role_code) from user_roles ur where ur.user_id = u.id), '{}') as roles
    from users u join units un on un.code = u.unit_code
    where not u.disabled and un.street_code is not null
    order by u.username`)
  ).rows;
  const byCommittee = new Map<string, UserRow>();
  const byStreet = new Map<string, UserRow>();
  for (const u of users) {
    for (const c of u.committee_ids ?? []) if (!byCommittee.has(c)) byCommittee.set(c, u);
    const prev = byStreet.get(u.street_code);
    if (!prev || (u.roles.includes('street_supervisor') && !prev.roles.includes('street_supervisor'))) byStreet.set(u.street_code, u);
  }

  const from = addDays(opts.today, -730);
  const cols = {
    child: [] as string[],
    on: [] as string[],
    kind: [] as string[],
    visitorId: [] as (string | null)[],
    visitorName: [] as string[],
    people: [] as string[],
    checklist: [] as string[],
    findings: [] as string[],
    status: [] as string[],
  };
  let inserted = 0;
  const flush = async () => {
    if (!cols.child.length) return;
    await client.query(
      `insert into visits (child_id, visited_on, kind, visitor_id, visitor_name, people_met, checklist, findings, status, submitted_at, created_at, updated_at)
       select t.child, t.day, t.kind, t.visitor, t.vname, t.people, t.checklist::jsonb, t.findings, t.status,
              case when t.status = 'submitted' then (t.day + time '17:30') at time zone 'Asia/Shanghai' end,
              (t.day + time '17:30') at time zone 'Asia/Shanghai', (t.day + time '17:30') at time zone 'Asia/Shanghai'
       from unnest($1::uuid[], $2::date[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         as t(child, day, kind, visitor, vname, people, checklist, findings, status)`,
      [cols.child, cols.on, cols.kind, cols.visitorId, cols.visitorName, cols.people, cols.checklist, cols.findings, cols.status],
    );
    inserted += cols.child.length;
    for (const k of Object.keys(cols) as (keyof typeof cols)[]) cols[k].length = 0;
  };

  for (const c of children) {
    const rnd = prng(hash(opts.seed, `${c.committee_code}|${c.name}|${c.birth_date}`));
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
    const kindOf = (): Kind => {
      let r = rnd() * 100;
      for (const [k, w] of KINDS) if ((r -= w) < 0) return k;
      return 'home';
    };
    const interval = c.days ?? 90;
    const visitor = byCommittee.get(c.committee_id) ?? byStreet.get(c.street_code) ?? null;
    const start = c.registered_on > from ? c.registered_on : from;
    // The first visit within a few weeks of registration (or of the start of the period).
    let on = addDays(start, Math.floor(rnd() * Math.min(interval, 28)));
    // Overdue children: the series stops well before today (next due 2 weeks to 4 months ago).
    const overdue = rnd() < OVERDUE_SHARE;
    const until = overdue ? addDays(opts.today, -interval - 14 - Math.floor(rnd() * 110)) : opts.today;
    const dates: string[] = [];
    while (on <= until && on >= c.birth_date) {
      dates.push(on);
      // A little earlier than required, never later: a child not marked overdue is never overdue.
      on = addDays(on, Math.max(1, Math.round(interval * (0.8 + rnd() * 0.2))));
    }
    for (const d of dates) {
      const kind = kindOf();
      const attention = new Set<string>();
      // Most visits find nothing new; some find one or two things to follow.
      const r = rnd();
      const n = r < 0.72 ? 0 : r < 0.94 ? 1 : 2;
      for (let i = 0; i < n; i++) attention.add(pick(checklist).code);
      const entries = checklist.map((item) => {
        const att = attention.has(item.code);
        const na = !att && ((kind === 'phone' && item.code === 'living' && rnd() < 0.5) || (kind === 'school' && item.code === 'living'));
        return {
          code: item.code,
          label: item.label,
          status: att ? 'attention' : na ? 'na' : 'ok',
          note: att ? pick(ATTENTION[item.code] ?? ['需进一步了解情况']) : null,
        };
      });
      const notes = entries.filter((e) => e.status === 'attention').map((e) => `${e.label}：${e.note}`);
      const findings = [pick(OPENINGS[kind]), notes.length ? `${ATTENTION_FINDING}${notes.join('；')}。` : '', pick(CLOSINGS)].filter(Boolean).join('');
      cols.child.push(c.id);
      cols.on.push(d);
      cols.kind.push(kind);
      cols.visitorId.push(visitor?.id ?? null);
      cols.visitorName.push(visitor?.display_name ?? '儿童主任');
      cols.people.push(pick(PEOPLE[kind]));
      cols.checklist.push(JSON.stringify(entries));
      cols.findings.push(findings);
      cols.status.push('submitted');
      if (cols.child.length >= BATCH) await flush();
    }
    // A few visits in progress: a draft of the last days, by a visitor who has an account.
    if (visitor && rnd() < DRAFT_SHARE) {
      const d = addDays(opts.today, -Math.floor(rnd() * 4));
      if (d >= c.birth_date && (!dates.length || d > dates[dates.length - 1]!)) {
        cols.child.push(c.id);
        cols.on.push(d);
        cols.kind.push('home');
        cols.visitorId.push(visitor.id);
        cols.visitorName.push(visitor.display_name);
        cols.people.push(pick(PEOPLE.home));
        cols.checklist.push(JSON.stringify(checklist.slice(0, 3).map((item) => ({ code: item.code, label: item.label, status: 'ok', note: null }))));
        cols.findings.push(pick(OPENINGS.home));
        cols.status.push('draft');
      }
    }
  }
  await flush();
  await client.query('select recompute_next_visit(id) from children');
  return inserted;
}
