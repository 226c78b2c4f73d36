/**
 * Demo referrals (协同) over the months before `today`, with their timelines:
 * - a hand-written set around the demo accounts, so each has a queue worth opening: 区教育局 (`edu`)
 *   new, due soon, overdue (one escalated to the unit head, one to the district), in progress and
 *   done; 区公安分局 (`police`) a 暖杨通道 report acknowledged in time and one escalated because
 *   nobody acknowledged it within the hours; 区残联 (`dpf`) rehabilitation at every step; every kind
 *   and every status (sent, received, accepted, declined, in progress, completed, closed, withdrawn);
 * - the demo casework's problems escalated to a department, as the `problem` referrals that
 *   escalation now sends (resolved problems: completed with the resolution);
 * - a history of finished referrals over six months, so the 督办 indicators have figures and trends.
 *
 * Deadlines as the application sets them: acknowledgement by the end of the next working day (暖杨
 * 通道: 2 hours), completion after the kind's working days. No holiday is loaded into work_calendar:
 * the State Council's notice for the coming year was not at hand, and the demo invents no official
 * dates (weekends only).
 *
 * Deterministic for a given seed, children and day. Runs as the owner (events are append-only for
 * the application role) in the caller's transaction; call it once, after the demo casework.
 */
import type pg from 'pg';
import { addDays } from '#common/dates.js';
import { REFERRAL_KINDS, type ReferralStatus } from '#common/referrals.js';
import { DEFAULT_RECEIVERS } from '../modules/referrals/directoryDefaults.js';
import { PLAIN_CALENDAR, addWorkingDays, endOfShanghaiDay, isWorkingDay } from '../modules/referrals/deadlines.js';

const HOUR = 3_600_000;

/** A small seeded PRNG (mulberry32). */
function rngOf(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    float: next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[], fallback: T): T => items[Math.floor(next() * items.length)] ?? fallback,
  };
}

/** A moment on a Shanghai day. */
const on = (date: string, hour: number, minute = 0) => Date.parse(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);
const shDate = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
const wd = (date: string, n: number) => addWorkingDays(date, n, PLAIN_CALENDAR);
const previousWorkingDay = (date: string) => {
  let d = addDays(date, -1);
  while (!isWorkingDay(d, PLAIN_CALENDAR)) d = addDays(d, -1);
  return d;
};

interface ChildRow {
  id: string;
  street_code: string;
  committee_code: string;
  age: number;
  categories: string[];
  guardian: string | null;
}
interface Person {
  id: string | null;
  username: string | null;
  name: string;
  unit: string;
}
type Step = 'receive' | 'accept' | 'decline' | 'start' | 'complete' | 'close' | 'withdraw';
const STEP_TO: Record<Step, ReferralStatus> = {
  receive: 'received',
  accept: 'accepted',
  decline: 'declined',
  start: 'in_progress',
  complete: 'completed',
  close: 'closed',
  withdraw: 'withdrawn',
};

interface Spec {
  kind: string;
  to: string;
  child: ChildRow;
  sentAt: number;
  urgency?: 'normal' | 'urgent' | 'emergency';
  reason: string;
  dueOn?: string;
  steps: { step: Step; at: number; note?: string }[];
  outcome?: string;
  result?: 'done' | 'partly' | 'not_possible';
  declineReason?: string;
  policy?: string | null;
  source?: { kind: 'problem' | 'dropout' | 'entitlement'; id: string | null };
  comments?: { at: number; by: 'sender' | 'receiver'; note: string }[];
}

const KIND = new Map(REFERRAL_KINDS.map((k) => [k.code, k]));

const REASONS: Record<string, string[]> = {
  benefit: ['家庭经济困难，经核实符合条件，申请审批', '监护人因病失去劳动能力，申请临时救助'],
  fee_waiver: ['低保家庭子女，申请减免校内课后服务费和伙食费', '父母一方服刑，家庭无力承担课外活动费，申请减免'],
  dropout: ['开学两周未到校，家长联系不上，请协同劝返', '学籍显示休学，实际在外打工，请核查并劝返'],
  problem: ['居委会层面无法解决，请协调相关资源', '涉及多部门职责，请牵头协调'],
  harm: ['邻居反映夜间多次听到儿童哭喊，身上有伤痕，疑似遭受家庭暴力', '学校反映儿童多日未进食、衣着单薄，疑似被长期忽视'],
  guardianship_urgent: ['唯一监护人突发疾病住院，儿童无人照料', '监护人被依法羁押，儿童独自在家'],
  employment: ['监护人失业半年，有就业意愿，请提供岗位推荐和技能培训', '监护人下岗后收入不稳定，希望参加职业培训'],
  clinic: ['近期情绪低落、拒绝上学，请安排儿童心理门诊评估', '老师反映有自伤言语，请尽快安排心理评估'],
  rehabilitation: ['孤独症儿童，申请康复训练救助', '听力残疾儿童，申请辅具适配和康复训练'],
  service: ['家庭教育薄弱，请安排家庭教育指导服务', '暑期无人看护，请安排志愿者陪伴和托管服务'],
};
const OUTCOMES: Record<string, string[]> = {
  entitlement: ['经审核符合条件，已批准，自下月起享受', '材料齐全，已办理'],
  school: ['已劝返复学，安排一对一结对帮扶', '已协调转入就近学校，正常到校'],
  problem: ['已协调相关部门解决', '已会同街道上门处置，情况好转'],
  assistance: ['已完成评估并安排后续服务', '已安排服务并建立跟踪记录', '已推荐岗位，监护人已上岗'],
  response: ['已出警核实，采取临时保护措施，儿童暂由亲属照料', '已会同街道落实临时监护，后续跟进'],
};

/** The policy a benefit-like referral applies for, by its receiving unit (engine/policies). */
const POLICY: Record<string, string> = {
  education: 'school-fee-waiver',
  'disabled-federation': 'disability-rehabilitation',
  'civil-affairs': 'temporary-assistance',
};

export interface DemoReferralsResult {
  referrals: number;
  events: number;
}

/**
 * `now`: nothing is written later than it (an event of the demo's "today" at 09:30 does not exist yet
 * when the demo is seeded at 01:00, Shanghai time; the deadline job makes the escalations when their
 * time comes). Default: the present moment when `today` is today, else the end of `today`. Tests that
 * compare two seeds pass the same `now`.
 */
export async function seedDemoReferrals(client: pg.ClientBase, opts: { seed: number; today: string; now?: number }): Promise<DemoReferralsResult> {
  const rng = rngOf(opts.seed ^ 0x7e4a1);
  const { today } = opts;
  const now = opts.now ?? (shDate(Date.now()) === today ? Date.now() : on(today, 23, 59));
  const children = (
    await client.query<ChildRow>(
      `select c.id, c.street_code, m.code as committee_code, extract(year from age($1::date, c.birth_date))::int as age,
              array(select cc.category from child_categories cc where cc.child_id = c.id and cc.until is null order by 1) as categories,
              (select h.id from household_members h where h.child_id = c.id and h.role = 'guardian' order by h.id limit 1) as guardian
         from children c join committees m on m.id = c.committee_id
        where c.status = 'active'
        order by c.street_code, m.code, c.name_pinyin, c.name, c.birth_date, c.id`,
      [today],
    )
  ).rows;
  if (!children.length) return { referrals: 0, events: 0 };
  const users = (
    await client.query<{ id: string; username: string; display_name: string; unit_code: string }>(
      `select id, username, display_name, unit_code from users order by username`,
    )
  ).rows;
  const units = new Map((await client.query<{ code: string; name: string }>('select code, name from units')).rows.map((r) => [r.code, r.name]));
  const userNamed = (username: string): Person | null => {
    const u = users.find((x) => x.username === username);
    return u ? { id: u.id, username: u.username, name: u.display_name, unit: u.unit_code } : null;
  };
  /** Who acts for a unit: its demo account, else a member of staff without an account. */
  const actorOf = (unit: string): Person => {
    const preferred = { education: 'edu', police: 'police', 'disabled-federation': 'dpf', 'civil-affairs': 'district' }[unit];
    const p = preferred ? userNamed(preferred) : null;
    if (p) return p;
    const any = users.find((u) => u.unit_code === unit);
    return any
      ? { id: any.id, username: any.username, name: any.display_name, unit }
      : { id: null, username: null, name: `${units.get(unit) ?? unit}经办人`, unit };
  };
  const senderOf = (c: ChildRow): Person => {
    if (c.committee_code === 'dinghai-01') {
      const d = userNamed('director-dinghai');
      if (d) return d;
    }
    const s = userNamed(`street-${c.street_code}`);
    return s ?? { id: null, username: null, name: `${units.get(`street-${c.street_code}`) ?? c.street_code}儿童督导员`, unit: `street-${c.street_code}` };
  };
  const headOf = (unit: string) => users.find((u) => u.unit_code === unit && u.username.endsWith('-head'))?.display_name ?? `${units.get(unit) ?? unit}负责人`;

  // Children the demo accounts see: 定海路 first, then 平凉路, then the rest.
  const ordered = [
    ...children.filter((c) => c.street_code === 'dinghai'),
    ...children.filter((c) => c.street_code === 'pingliang'),
    ...children.filter((c) => c.street_code !== 'dinghai' && c.street_code !== 'pingliang'),
  ];
  let cursor = 0;
  const used = new Set<string>();
  const pickChild = (fits: (c: ChildRow) => boolean = () => true): ChildRow => {
    for (let i = 0; i < ordered.length; i++) {
      const c = ordered[(cursor + i) % ordered.length];
      if (c && !used.has(c.id) && fits(c)) {
        cursor = (cursor + i + 1) % ordered.length;
        used.add(c.id);
        return c;
      }
    }
    const c = ordered[cursor % ordered.length] ?? children[0];
    cursor++;
    if (!c) throw new Error('no demo child');
    return c;
  };
  const schoolAge = (c: ChildRow) => c.age >= 6 && c.age <= 15;
  const disabled = (c: ChildRow) => c.categories.some((x) => x.startsWith('disab') || x.includes('autis'));
  const reasonOf = (kind: string, i = 0) => {
    const list = REASONS[kind] ?? ['请协助办理'];
    return list[i % list.length] ?? '请协助办理';
  };
  const outcomeOf = (kind: string, i = 0) => {
    const list = OUTCOMES[KIND.get(kind)?.completion ?? 'assistance'] ?? ['已办理'];
    return list[i % list.length] ?? '已办理';
  };
  const ago = (days: number, hour = 9, minute = 30) => on(addDays(today, -days), hour, minute);

  const specs: Spec[] = [];
  // A referral moved along its status line: ack, accept, start, complete, close at the given days after sending.
  const line = (
    kind: string,
    to: string,
    child: ChildRow,
    sentDaysAgo: number,
    upTo: Step | null,
    o: Partial<Spec> & { ackHours?: number; gapDays?: number } = {},
  ): Spec => {
    const sentAt = ago(sentDaysAgo, 9 + (specs.length % 7), (specs.length * 13) % 60);
    const order: Step[] = ['receive', 'accept', 'start', 'complete', 'close'];
    const steps: Spec['steps'] = [];
    const gap = o.gapDays ?? 1;
    if (upTo) {
      let t = sentAt + (o.ackHours ?? 2) * HOUR;
      for (const s of order) {
        steps.push({ step: s, at: t, note: s === 'complete' ? (o.outcome ?? outcomeOf(kind, specs.length)) : undefined });
        if (s === upTo) break;
        t += (s === 'start' ? gap * 3 : gap) * 24 * HOUR;
      }
    }
    const done = steps.some((s) => s.step === 'complete');
    return {
      kind,
      to,
      child,
      sentAt,
      reason: reasonOf(kind, specs.length),
      policy: KIND.get(kind)?.completion === 'entitlement' ? (POLICY[to] ?? null) : null,
      outcome: done ? (o.outcome ?? outcomeOf(kind, specs.length)) : undefined,
      result: done ? 'done' : undefined,
      ...o,
      steps: o.steps ?? steps,
    };
  };
  const add = (s: Spec) => specs.push(s);

  // ---- 区教育局 (edu): new, due soon, overdue, in progress, done ----
  add(line('fee_waiver', 'education', pickChild(schoolAge), 1, null, { reason: reasonOf('fee_waiver', 0) }));
  add(
    line('dropout', 'education', pickChild(schoolAge), 1, null, {
      urgency: 'urgent',
      reason: reasonOf('dropout', 0),
      source: { kind: 'dropout', id: null },
    }),
  );
  add(line('fee_waiver', 'education', pickChild(schoolAge), 12, 'accept', { dueOn: today }));
  add(line('dropout', 'education', pickChild(schoolAge), 6, 'start', { dueOn: wd(today, 1), source: { kind: 'dropout', id: null } }));
  // overdue after acknowledgement: past its due day, escalated to the unit head
  add(line('dropout', 'education', pickChild(schoolAge), 12, 'receive', { dueOn: addDays(today, -2), source: { kind: 'dropout', id: null } }));
  // overdue without acknowledgement: escalated to the unit head, then to the district
  add(line('fee_waiver', 'education', pickChild(schoolAge), 9, null));
  add(
    line('dropout', 'education', pickChild(schoolAge), 4, 'start', {
      dueOn: wd(today, 6),
      source: { kind: 'dropout', id: null },
      comments: [{ at: ago(2, 15), by: 'receiver', note: '已联系班主任和家长，约定下周一返校' }],
    }),
  );
  add(line('benefit', 'education', pickChild(schoolAge), 3, 'accept', { dueOn: wd(today, 4), policy: 'education-subsidy' }));
  add(line('fee_waiver', 'education', pickChild(schoolAge), 40, 'close', { gapDays: 2 }));
  add(line('dropout', 'education', pickChild(schoolAge), 25, 'complete', { gapDays: 2, source: { kind: 'dropout', id: null } }));
  {
    const s = line('problem', 'education', pickChild(schoolAge), 20, null, { declineReason: '该事项属社区托管服务，不在教育局职责范围内，建议转区妇联' });
    s.steps = [
      { step: 'decline', at: s.sentAt + 5 * HOUR, note: s.declineReason },
      { step: 'close', at: s.sentAt + 30 * HOUR },
    ];
    add(s);
  }
  {
    const s = line('fee_waiver', 'education', pickChild(schoolAge), 15, null);
    s.steps = [{ step: 'withdraw', at: s.sentAt + 20 * HOUR, note: '家长已自行向学校申请，撤回' }];
    add(s);
  }

  // ---- 暖杨通道: one report acknowledged in time, one escalated ----
  const harmChild = pickChild((c) => c.committee_code === 'dinghai-01');
  const harmAt = ago(10, 20, 15);
  for (const [to, ackMin, upTo] of [
    ['police', 35, 'complete'],
    ['procuratorate', 70, 'accept'],
    ['civil-affairs', 50, 'close'],
  ] as const) {
    const s = line('harm', to, harmChild, 10, upTo, { urgency: 'emergency', reason: reasonOf('harm', 0), gapDays: 1 });
    s.sentAt = harmAt;
    let t = harmAt + ackMin * 60_000;
    s.steps = s.steps.map((x) => {
      const moved = { ...x, at: t };
      t += 20 * HOUR;
      return moved;
    });
    add(s);
  }
  const urgentChild = pickChild();
  const urgentAt = ago(5, 14, 40);
  {
    // nobody acknowledged within 2 hours: the unit head at 2 h, the district at 4 h; acknowledged at 5 h
    const s = line('guardianship_urgent', 'police', urgentChild, 5, 'start', { urgency: 'emergency', reason: reasonOf('guardianship_urgent', 0) });
    s.sentAt = urgentAt;
    s.steps = [
      { step: 'receive', at: urgentAt + 5 * HOUR + 10 * 60_000 },
      { step: 'accept', at: urgentAt + 5 * HOUR + 30 * 60_000 },
      { step: 'start', at: urgentAt + 6 * HOUR },
    ];
    add(s);
    const c = line('guardianship_urgent', 'civil-affairs', urgentChild, 5, 'complete', { urgency: 'emergency', reason: reasonOf('guardianship_urgent', 0) });
    c.sentAt = urgentAt;
    c.steps = [
      { step: 'receive', at: urgentAt + 45 * 60_000 },
      { step: 'accept', at: urgentAt + 60 * 60_000 },
      { step: 'complete', at: urgentAt + 26 * HOUR, note: outcomeOf('guardianship_urgent', 1) },
    ];
    c.outcome = outcomeOf('guardianship_urgent', 1);
    add(c);
  }

  // ---- 区公安分局 (police): ordinary referrals ----
  add(line('dropout', 'police', pickChild(schoolAge), 1, null, { source: { kind: 'dropout', id: null } }));
  add(line('problem', 'police', pickChild(), 16, 'receive', { dueOn: addDays(today, -3) }));

  // ---- 区残联 (dpf): rehabilitation at every step ----
  add(line('rehabilitation', 'disabled-federation', pickChild(disabled), 1, null));
  add(line('rehabilitation', 'disabled-federation', pickChild(disabled), 8, 'start', { dueOn: wd(today, 5) }));
  add(line('rehabilitation', 'disabled-federation', pickChild(disabled), 35, 'close', { gapDays: 3 }));
  add(line('benefit', 'disabled-federation', pickChild(disabled), 18, 'receive', { dueOn: addDays(today, -1) }));

  // ---- the other kinds and units ----
  add(
    line(
      'clinic',
      'health',
      pickChild((c) => c.age >= 8),
      30,
      'close',
      { gapDays: 2 },
    ),
  );
  add(
    line(
      'clinic',
      'health',
      pickChild((c) => c.age >= 8),
      4,
      'accept',
      { urgency: 'urgent' },
    ),
  );
  for (const [days, upTo] of [
    [9, 'start'],
    [50, 'complete'],
  ] as const) {
    const c = pickChild((x) => x.guardian !== null);
    add(line('employment', 'human-resources', c, days, upTo, { gapDays: 3 }));
  }
  add(line('service', 'youth-league', pickChild(), 45, 'close', { gapDays: 4 }));
  add(line('service', 'womens-federation', pickChild(), 2, null));
  add(line('benefit', 'civil-affairs', pickChild(), 5, 'start', { dueOn: wd(today, 5) }));
  {
    const s = line('problem', 'justice', pickChild(), 28, null, { declineReason: '不涉及法律援助事项，建议由街道协调' });
    s.steps = [{ step: 'decline', at: s.sentAt + 26 * HOUR, note: s.declineReason }];
    add(s);
  }

  // ---- history: six months of finished referrals, for the indicators and their trends ----
  const historyKinds: [string, number][] = [
    ['fee_waiver', 5],
    ['dropout', 3],
    ['benefit', 3],
    ['rehabilitation', 3],
    ['clinic', 3],
    ['employment', 2],
    ['service', 3],
    ['problem', 2],
    ['harm', 1],
  ];
  const totalWeight = historyKinds.reduce((a, [, w]) => a + w, 0);
  for (let day = 180; day >= 28; day -= rng.int(2, 4)) {
    let x = rng.float() * totalWeight;
    let kind = 'service';
    for (const [k, w] of historyKinds) {
      if (x < w) {
        kind = k;
        break;
      }
      x -= w;
    }
    const receivers = DEFAULT_RECEIVERS.filter((r) => r.kinds.includes(kind)).map((r) => r.unit);
    const to = rng.pick(receivers, 'civil-affairs');
    const child = rng.pick(kind === 'fee_waiver' || kind === 'dropout' ? ordered.filter(schoolAge) : ordered, ordered[0] ?? pickChild());
    const def = KIND.get(kind);
    const sentAt = ago(day, rng.int(9, 16), rng.int(0, 59));
    const sentDate = addDays(today, -day);
    const channel = def?.channel ?? false;
    const ackDue = channel ? sentAt + 2 * HOUR : endOfShanghaiDay(wd(sentDate, 1)).getTime();
    const late = rng.chance(0.12);
    const received = channel
      ? sentAt + (late ? rng.int(130, 300) : rng.int(15, 110)) * 60_000
      : late
        ? ackDue + rng.int(2, 40) * HOUR
        : sentAt + rng.int(1, 20) * HOUR;
    const fate = rng.float();
    const steps: Spec['steps'] = [];
    let outcome: string | undefined;
    let declineReason: string | undefined;
    if (fate < 0.05) {
      steps.push({ step: 'withdraw', at: sentAt + rng.int(2, 20) * HOUR, note: '情况已变化，撤回' });
    } else if (fate < 0.13) {
      declineReason = '经核实不符合本单位受理条件，请转相关单位';
      steps.push({ step: 'decline', at: received, note: declineReason }, { step: 'close', at: received + rng.int(1, 3) * 24 * HOUR });
    } else {
      const days = Math.max(1, Math.round((def?.defaultDays ?? 10) * 1.4 * (rng.chance(0.8) ? rng.float() * 0.9 + 0.2 : rng.float() + 1)));
      const completeAt = Math.min(Math.max(sentAt + days * 24 * HOUR, received + 26 * HOUR), ago(1, 17));
      outcome = outcomeOf(kind, day);
      steps.push(
        { step: 'receive', at: received },
        { step: 'accept', at: received + HOUR },
        { step: 'start', at: received + 24 * HOUR },
        { step: 'complete', at: completeAt, note: outcome },
      );
      if (rng.chance(0.75)) steps.push({ step: 'close', at: Math.min(completeAt + rng.int(1, 4) * 24 * HOUR, ago(0, 0, 1)) });
    }
    add({
      kind,
      to,
      child,
      sentAt,
      urgency: channel ? 'emergency' : rng.chance(0.2) ? 'urgent' : 'normal',
      reason: reasonOf(kind, day),
      steps,
      outcome,
      result: outcome ? (rng.chance(0.85) ? 'done' : 'partly') : undefined,
      declineReason,
      policy: def?.completion === 'entitlement' ? (POLICY[to] ?? null) : null,
    });
  }

  // ---- problems of the demo casework escalated to a department: the problem referrals ----
  const escalated = (
    await client.query<{ id: string; child_id: string; escalated_to: string; status: string; resolution: string | null; resolved_on: string | null; at: Date }>(
      `select p.id, p.child_id, p.escalated_to, p.status, p.resolution, to_char(p.resolved_on, 'YYYY-MM-DD') as resolved_on, e.at
         from problems p join lateral (select min(at) as at from problem_events e where e.problem_id = p.id and e.kind = 'escalated') e on e.at is not null
         join children c on c.id = p.child_id and c.status = 'active'
        where p.escalated_to is not null and p.escalated_to not like 'street-%'
        order by e.at, p.id`,
    )
  ).rows;
  const byId = new Map(children.map((c) => [c.id, c]));
  for (const p of escalated) {
    const child = byId.get(p.child_id);
    if (!child) continue;
    const sentAt = p.at.getTime();
    const receivedAt = sentAt + rng.int(1, 30) * HOUR;
    const steps: Spec['steps'] = [
      { step: 'receive', at: receivedAt },
      { step: 'accept', at: receivedAt + HOUR },
    ];
    let outcome: string | undefined;
    if (p.status === 'resolved' && p.resolved_on) {
      const doneAt = Math.max(on(p.resolved_on, 16), receivedAt + 2 * HOUR);
      outcome = p.resolution ?? outcomeOf('problem');
      steps.push({ step: 'start', at: receivedAt + 2 * HOUR }, { step: 'complete', at: doneAt, note: outcome });
    } else {
      steps.push({ step: 'start', at: receivedAt + 2 * HOUR });
    }
    add({
      kind: 'problem',
      to: p.escalated_to,
      child,
      sentAt,
      reason: reasonOf('problem', specs.length),
      steps,
      outcome,
      result: outcome ? 'done' : undefined,
      source: { kind: 'problem', id: p.id },
    });
  }

  // ---- write ----
  const todayStart = on(today, 0);
  // A referral "sent this morning" seeded before dawn: its whole timeline moves back before now.
  for (const s of specs) {
    const over = s.sentAt - (now - 30 * 60_000);
    if (over <= 0) continue;
    s.sentAt -= over;
    for (const x of s.steps) x.at -= over;
    for (const c of s.comments ?? []) c.at -= over;
  }
  let events = 0;
  await client.query('begin');
  try {
    for (const s of specs) {
      const def = KIND.get(s.kind);
      if (!def || !units.has(s.to)) continue;
      const channel = def.channel;
      const sentDate = shDate(s.sentAt);
      const ackDue = channel ? s.sentAt + 2 * HOUR : endOfShanghaiDay(wd(sentDate, 1)).getTime();
      const dueOn = s.dueOn ?? wd(sentDate, def.defaultDays);
      const from = senderOf(s.child);
      const to = actorOf(s.to);
      const steps = s.steps.filter((x) => (x.at < todayStart || s.sentAt >= todayStart) && x.at <= now);
      const status: ReferralStatus = steps.reduce<ReferralStatus>((_, x) => STEP_TO[x.step], 'sent');
      const at = (step: Step) => steps.find((x) => x.step === step)?.at ?? null;
      const received = steps.find((x) => x.step === 'receive' || x.step === 'accept' || x.step === 'decline')?.at ?? null;
      const ended = at('complete') ?? at('decline') ?? at('withdraw');
      const outcome = at('complete') !== null ? (s.outcome ?? outcomeOf(s.kind)) : null;
      const declineReason = at('decline') !== null ? (s.declineReason ?? '不属于本单位职责') : null;
      const open = status === 'sent' || status === 'received' || status === 'accepted' || status === 'in_progress';

      // Reminders and escalations the deadline job would have made by now.
      const timeline: {
        at: number;
        kind: 'status' | 'comment' | 'reminder' | 'escalation';
        by: Person | null;
        from: string | null;
        to: string | null;
        note: string | null;
      }[] = [];
      timeline.push({ at: s.sentAt, kind: 'status', by: from, from: null, to: 'sent', note: s.reason });
      let prev: ReferralStatus = 'sent';
      for (const x of steps) {
        const next = STEP_TO[x.step];
        const by = x.step === 'close' || x.step === 'withdraw' ? from : to;
        timeline.push({ at: x.at, kind: 'status', by, from: prev, to: next, note: x.note ?? null });
        prev = next;
      }
      for (const c of s.comments ?? []) timeline.push({ at: c.at, kind: 'comment', by: c.by === 'sender' ? from : to, from: null, to: null, note: c.note });
      let level = 0;
      let remindedAt: number | null = null;
      const ackMissed = (received ?? Infinity) > ackDue && ackDue < todayStart && !(ended !== null && received === null && ended <= ackDue);
      if (ackMissed) {
        level = 1;
        timeline.push({ at: ackDue + 5 * 60_000, kind: 'escalation', by: null, from: null, to: null, note: `超过签收时限未签收，已提醒${headOf(s.to)}` });
        const second = channel ? ackDue + 2 * HOUR : endOfShanghaiDay(wd(shDate(ackDue), 2)).getTime();
        if ((received ?? Infinity) > second && second < todayStart) {
          level = 2;
          timeline.push({ at: second + 5 * 60_000, kind: 'escalation', by: null, from: null, to: null, note: '仍未签收，已上报区民政局督办' });
        }
      }
      if (open) {
        const remindOn = previousWorkingDay(dueOn);
        if (on(remindOn, 8) < todayStart && on(remindOn, 8) > s.sentAt) {
          remindedAt = on(remindOn, 8);
          timeline.push({ at: remindedAt, kind: 'reminder', by: null, from: null, to: null, note: `办理期限 ${dueOn}，请抓紧办理` });
        }
        if (dueOn < today) {
          level = Math.max(level, 1);
          timeline.push({ at: on(addDays(dueOn, 1), 8, 5), kind: 'escalation', by: null, from: null, to: null, note: `已超过办理期限，已提醒${headOf(s.to)}` });
          const districtOn = wd(dueOn, 2);
          if (districtOn < today) {
            level = 2;
            timeline.push({
              at: on(addDays(districtOn, 1), 8, 5),
              kind: 'escalation',
              by: null,
              from: null,
              to: null,
              note: '逾期超过 2 个工作日，已上报区民政局督办',
            });
          }
        }
      }
      // Reminders and escalations whose time has not come yet are the deadline job's to make.
      if (timeline.some((e) => e.at > now)) {
        const future = timeline.filter((e) => e.at > now);
        for (const e of future) timeline.splice(timeline.indexOf(e), 1);
        const escalations = timeline.filter((e) => e.kind === 'escalation').map((e) => e.note ?? '');
        level = escalations.some((n) => n.includes('上报区民政局督办')) ? 2 : escalations.length ? 1 : 0;
        if (remindedAt !== null && remindedAt > now) remindedAt = null;
      }
      timeline.sort((a, b) => a.at - b.at);
      const last = timeline[timeline.length - 1]?.at ?? s.sentAt;

      const { rows } = await client.query<{ id: string }>(
        `insert into referrals (child_id, member_id, kind, policy_id, channel, from_unit, from_user, to_unit, reason, urgency, status, ack_due_at, due_on,
                              received_at, accepted_at, ended_at, closed_at, decline_reason, outcome, outcome_result, source_kind, source_id,
                              escalation_level, reminded_at, created_at, updated_at, version)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27) returning id`,
        [
          s.child.id,
          s.kind === 'employment' ? s.child.guardian : null,
          s.kind,
          s.policy ?? null,
          channel,
          from.unit,
          from.id,
          s.to,
          s.reason,
          channel ? 'emergency' : (s.urgency ?? 'normal'),
          status,
          new Date(ackDue),
          dueOn,
          received === null ? null : new Date(received),
          at('accept') === null ? null : new Date(at('accept') ?? 0),
          ended === null ? null : new Date(ended),
          at('close') === null ? null : new Date(at('close') ?? 0),
          declineReason,
          outcome,
          outcome ? (s.result ?? 'done') : null,
          s.source?.kind ?? null,
          s.source?.id ?? null,
          level,
          remindedAt === null ? null : new Date(remindedAt),
          new Date(s.sentAt),
          new Date(last),
          1 + steps.length,
        ],
      );
      const id = rows[0]?.id;
      if (!id) continue;
      for (const e of timeline) {
        await client.query(
          `insert into referral_events (referral_id, at, user_id, username, display_name, unit_code, kind, from_status, to_status, note)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [id, new Date(e.at), e.by?.id ?? null, e.by?.username ?? null, e.by?.name ?? '系统', e.by?.unit ?? null, e.kind, e.from, e.to, e.note],
        );
        events++;
      }
    }
    await client.query('commit');
  } catch (err) {
    await client.query('rollback');
    throw err;
  }
  return { referrals: specs.length, events };
}
