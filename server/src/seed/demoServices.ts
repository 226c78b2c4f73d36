/**
 * Demo 服务项目与优先预约 (deterministic: the same children, days and statuses for the same database
 * and day). The district's branded projects with plausible owner units; sessions in the coming winter
 * holiday and next summer (and one last summer, attended); bookings for demo children in every
 * status; and the scene of the journey: a 心动力夏令营 session with exactly ONE place left, its
 * priority window open, and a non-priority (external) request already on the wait list.
 */
import type pg from 'pg';
import { addDays, ageOn } from '#common/dates.js';
import { maskName } from '#common/mask.js';
import { lastTier, rosterLabel, tierFor, type PriorityRule } from '#common/services.js';
import { DEFAULT_RULES } from '../modules/services/defaults.js';

interface DemoProgramme {
  code: string;
  name: string;
  kind: string;
  owner: string;
  provider?: string;
  audience?: 'child' | 'guardian';
  target: string;
  ages: [number | null, number | null];
  cost: string;
  contact: string;
  tasks: number[];
  description: string;
}

export const DEMO_PROGRAMMES: DemoProgramme[] = [
  {
    code: 'winter-care',
    name: '爱心寒托班',
    kind: 'holiday_care',
    owner: 'youth-league',
    provider: '杨浦区青少年事务社工站',
    target: '小学生，困境儿童和来沪团聚儿童优先',
    ages: [6, 12],
    cost: '免费（午餐自理）',
    contact: '团区委 6543 0001',
    tasks: [25, 26],
    description: '寒假期间工作日看护、作业辅导与兴趣活动。',
  },
  {
    code: 'summer-care',
    name: '爱心暑托班',
    kind: 'holiday_care',
    owner: 'youth-league',
    provider: '杨浦区青少年事务社工站',
    target: '小学生，困境儿童和来沪团聚儿童优先',
    ages: [6, 12],
    cost: '免费（午餐自理）',
    contact: '团区委 6543 0001',
    tasks: [25, 26],
    description: '暑假期间工作日看护、作业辅导、安全教育与兴趣活动。',
  },
  {
    code: 'xindongli-camp',
    name: '心动力夏令营',
    kind: 'summer_camp',
    owner: 'youth-league',
    target: '8-14 岁儿童，困境儿童优先',
    ages: [8, 14],
    cost: '免费',
    contact: '团区委 6543 0002',
    tasks: [25, 26],
    description: '为期五天的心理成长与团队拓展营。',
  },
  {
    code: 'baby-house-dinghai',
    name: '宝宝屋（定海路街道）',
    kind: 'baby_house',
    owner: 'street-dinghai',
    target: '0-3 岁婴幼儿及其照护人',
    ages: [0, 3],
    cost: '免费',
    contact: '定海路街道 6543 1001',
    tasks: [25],
    description: '社区托育点：临时托、亲子活动和育儿指导。',
  },
  {
    code: 'childcare-places',
    name: '托育机构托位',
    kind: 'childcare',
    owner: 'education',
    target: '2-3 岁幼儿，困境家庭优先',
    ages: [2, 3],
    cost: '按普惠托育收费标准，困境家庭减免',
    contact: '区教育局 6543 2001',
    tasks: [25],
    description: '普惠性托育机构的托位。',
  },
  {
    code: 'yilv-yangguang',
    name: '一缕阳光陪伴计划',
    kind: 'companionship',
    owner: 'education',
    target: '困境儿童',
    ages: [6, 16],
    cost: '免费',
    contact: '区教育局 6543 2002',
    tasks: [9],
    description: '教师志愿者一对一陪伴、学业辅导。',
  },
  {
    code: 'space-12355',
    name: '12355 青少年服务空间',
    kind: 'mental_health',
    owner: 'youth-league',
    target: '10-18 岁青少年',
    ages: [10, 18],
    cost: '免费',
    contact: '12355',
    tasks: [9],
    description: '心理咨询、法律咨询和成长辅导。',
  },
  {
    code: 'wennuan-ai',
    name: '温暖·爱',
    kind: 'rehabilitation',
    owner: 'civil-affairs',
    provider: '区精神卫生中心',
    target: '监护人患精神障碍的家庭的儿童',
    ages: [6, 18],
    cost: '免费',
    contact: '区民政局 6543 3001',
    tasks: [7],
    description: '社区精神障碍康复家庭的儿童关爱与支持。',
  },
  {
    code: 'aiban-tongxing',
    name: '爱伴童行',
    kind: 'guardianship_support',
    owner: 'civil-affairs',
    provider: '杨浦区儿童福利服务中心',
    target: '监护缺失或监护不当的儿童',
    ages: [0, 18],
    cost: '免费',
    contact: '区民政局 6543 3002',
    tasks: [13],
    description: '监护支持服务：照料指导、临时照护和陪伴。',
  },
  {
    code: 'faban-chengzhang',
    name: '法伴成长',
    kind: 'legal_education',
    owner: 'justice',
    target: '中小学生',
    ages: [8, 18],
    cost: '免费',
    contact: '区司法局 6543 4001',
    tasks: [9],
    description: '律师志愿者进社区、进家庭的法治教育。',
  },
  {
    code: 'baixiao-baijiang',
    name: '百校百讲',
    kind: 'legal_education',
    owner: 'court',
    target: '中小学生',
    ages: [10, 18],
    cost: '免费',
    contact: '区法院 6543 4002',
    tasks: [9],
    description: '法官进校园法治讲座。',
  },
  {
    code: 'jianhu-nuanyang',
    name: '检护暖杨',
    kind: 'legal_education',
    owner: 'procuratorate',
    target: '涉案及困境未成年人',
    ages: [8, 18],
    cost: '免费',
    contact: '区检察院 6543 4003',
    tasks: [9],
    description: '检察官开展的未成年人保护与法治教育。',
  },
  {
    code: 'youth-card',
    name: '青春一卡通暖阳版',
    kind: 'aid',
    owner: 'youth-league',
    target: '困境青少年',
    ages: [6, 18],
    cost: '免费',
    contact: '团区委 6543 0003',
    tasks: [27],
    description: '文体场馆、图书和交通的优惠卡。',
  },
  {
    code: 'winter-sun',
    name: '冬日暖阳',
    kind: 'aid',
    owner: 'womens-federation',
    target: '困境家庭儿童',
    ages: [0, 18],
    cost: '免费',
    contact: '区妇联 6543 5001',
    tasks: [27],
    description: '冬季走访慰问与物资帮扶。',
  },
  {
    code: 'service-818',
    name: '818 关爱服务',
    kind: 'aid',
    owner: 'youth-league',
    target: '困境青少年',
    ages: [6, 18],
    cost: '免费',
    contact: '团区委 6543 0004',
    tasks: [9, 27],
    description: '青年志愿者结对帮扶。',
  },
  {
    code: 'parenting-course',
    name: '科学育儿',
    kind: 'caregiver_course',
    owner: 'health',
    audience: 'guardian',
    target: '困境儿童的监护人和照护人',
    ages: [null, null],
    cost: '免费',
    contact: '区卫健委 6543 6001',
    tasks: [12],
    description: '面向监护人的科学育儿与家庭照护课程。',
  },
];

/** The first day on or after `today` that is month-day `md` (MM-DD). */
function nextOn(today: string, md: string): string {
  const y = Number(today.slice(0, 4));
  const d = `${y}-${md}`;
  return d > today ? d : `${y + 1}-${md}`;
}
const at = (day: string, hh: string) => new Date(`${day}T${hh}:00+08:00`);

interface ChildRow {
  id: string;
  name: string;
  birth_date: string;
  street_code: string;
  committee_code: string;
  categories: string[];
  guardian_id: string | null;
  guardian_name: string | null;
  guardian_relation: string | null;
}

export async function seedDemoServices(client: pg.ClientBase, opts: { today: string }): Promise<{ programmes: number; sessions: number; bookings: number }> {
  const { today } = opts;
  if ((await client.query(`select 1 from programmes where code = 'xindongli-camp'`)).rowCount) return { programmes: 0, sessions: 0, bookings: 0 };
  const users = new Map((await client.query<{ username: string; id: string }>(`select username, id from users`)).rows.map((r) => [r.username, r.id] as const));
  const rulesRows = (
    await client.query<{ code: string; rank: number; name: string; categories: string[]; during_window: boolean; active: boolean }>(
      'select code, rank, name, categories, during_window, active from booking_priority_rules',
    )
  ).rows;
  const rules: PriorityRule[] = rulesRows.length
    ? rulesRows.map((r) => ({ code: r.code, rank: r.rank, name: r.name, categories: r.categories, duringWindow: r.during_window, active: r.active }))
    : DEFAULT_RULES.map((r) => ({ ...r, categories: [...r.categories], active: true }));

  const progIds = new Map<string, string>();
  for (const p of DEMO_PROGRAMMES) {
    const { rows } = await client.query<{ id: string }>(
      `insert into programmes (code, name, kind, owner_unit_code, provider_name, audience, target_group, min_age, max_age, cost, contact, description, plan_tasks)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
      [p.code, p.name, p.kind, p.owner, p.provider ?? null, p.audience ?? 'child', p.target, p.ages[0], p.ages[1], p.cost, p.contact, p.description, p.tasks],
    );
    progIds.set(p.code, rows[0]?.id ?? '');
  }

  const winter = nextOn(today, '01-25');
  const summer = nextOn(today, '07-06');
  const lastSummer = `${Number(summer.slice(0, 4)) - 1}-07-06`;
  const sessionIds = new Map<string, string>();
  // the priority windows close three weeks from today, at 17:00
  const windowEnd = at(addDays(today, 21), '17:00');
  const sessions: {
    key: string;
    prog: string;
    title: string;
    start: string;
    days: number;
    place: string;
    capacity: number;
    window: boolean;
    status?: string;
  }[] = [
    {
      key: 'camp',
      prog: 'xindongli-camp',
      title: `${summer.slice(0, 4)} 心动力夏令营 第一期`,
      start: summer,
      days: 4,
      place: '区青少年活动中心',
      capacity: 12,
      window: true,
    },
    {
      key: 'camp2',
      prog: 'xindongli-camp',
      title: `${summer.slice(0, 4)} 心动力夏令营 第二期`,
      start: addDays(summer, 14),
      days: 4,
      place: '区青少年活动中心',
      capacity: 20,
      window: true,
    },
    {
      key: 'camp-past',
      prog: 'xindongli-camp',
      title: `${lastSummer.slice(0, 4)} 心动力夏令营 第一期`,
      start: lastSummer,
      days: 4,
      place: '区青少年活动中心',
      capacity: 12,
      window: false,
      status: 'closed',
    },
    {
      key: 'winter',
      prog: 'winter-care',
      title: `${winter.slice(0, 4)} 寒托班（定海路、平凉路）`,
      start: winter,
      days: 18,
      place: '定海路街道社区学校',
      capacity: 30,
      window: true,
    },
    {
      key: 'winter2',
      prog: 'winter-care',
      title: `${winter.slice(0, 4)} 寒托班（殷行、五角场）`,
      start: winter,
      days: 18,
      place: '殷行街道社区学校',
      capacity: 30,
      window: true,
    },
    {
      key: 'summer-care',
      prog: 'summer-care',
      title: `${summer.slice(0, 4)} 暑托班 第一期`,
      start: summer,
      days: 25,
      place: '定海路街道社区学校',
      capacity: 40,
      window: true,
    },
    {
      key: 'baby',
      prog: 'baby-house-dinghai',
      title: `${winter.slice(0, 4)} 寒假宝宝屋亲子班`,
      start: addDays(winter, 2),
      days: 10,
      place: '定海路街道宝宝屋',
      capacity: 10,
      window: false,
    },
    {
      key: 'childcare',
      prog: 'childcare-places',
      title: `${summer.slice(0, 4)} 秋季托位`,
      start: addDays(summer, 58),
      days: 120,
      place: '杨浦区普惠托育园',
      capacity: 15,
      window: true,
    },
    {
      key: 'yilv',
      prog: 'yilv-yangguang',
      title: `${winter.slice(0, 4)} 寒假陪伴`,
      start: winter,
      days: 20,
      place: '各街道社区学校',
      capacity: 25,
      window: false,
    },
    {
      key: '12355',
      prog: 'space-12355',
      title: `${winter.slice(0, 4)} 寒假成长营`,
      start: addDays(winter, 5),
      days: 2,
      place: '12355 青少年服务空间',
      capacity: 20,
      window: false,
    },
    {
      key: 'wennuan',
      prog: 'wennuan-ai',
      title: `${winter.slice(0, 4)} 寒假关爱活动`,
      start: addDays(winter, 7),
      days: 1,
      place: '区精神卫生中心',
      capacity: 15,
      window: false,
    },
    {
      key: 'aiban',
      prog: 'aiban-tongxing',
      title: `${winter.slice(0, 4)} 寒假陪伴服务`,
      start: winter,
      days: 20,
      place: '儿童福利服务中心',
      capacity: 20,
      window: false,
    },
    {
      key: 'faban',
      prog: 'faban-chengzhang',
      title: `${summer.slice(0, 4)} 暑期法治课堂`,
      start: addDays(summer, 7),
      days: 1,
      place: '区青少年活动中心',
      capacity: 50,
      window: false,
    },
    {
      key: 'baixiao',
      prog: 'baixiao-baijiang',
      title: `${summer.slice(0, 4)} 法官讲堂`,
      start: addDays(summer, 9),
      days: 1,
      place: '区法院',
      capacity: 60,
      window: false,
    },
    {
      key: 'jianhu',
      prog: 'jianhu-nuanyang',
      title: `${summer.slice(0, 4)} 检察开放日`,
      start: addDays(summer, 10),
      days: 1,
      place: '区检察院',
      capacity: 40,
      window: false,
    },
    {
      key: 'card',
      prog: 'youth-card',
      title: `${winter.slice(0, 4)} 寒假发卡`,
      start: addDays(winter, 1),
      days: 10,
      place: '团区委',
      capacity: 100,
      window: true,
    },
    {
      key: 'sun',
      prog: 'winter-sun',
      title: `${winter.slice(0, 4)} 冬日暖阳慰问`,
      start: addDays(winter, -10),
      days: 10,
      place: '各街道',
      capacity: 80,
      window: false,
    },
    {
      key: '818',
      prog: 'service-818',
      title: `${summer.slice(0, 4)} 818 志愿服务日`,
      start: nextOn(today, '08-18'),
      days: 0,
      place: '各街道',
      capacity: 50,
      window: false,
    },
    {
      key: 'parenting',
      prog: 'parenting-course',
      title: `${winter.slice(0, 4)} 科学育儿课程（寒假班）`,
      start: addDays(winter, 3),
      days: 3,
      place: '区妇幼保健所',
      capacity: 30,
      window: false,
    },
  ];
  for (const s of sessions) {
    const { rows } = await client.query<{ id: string }>(
      `insert into programme_sessions (programme_id, title, starts_on, ends_on, place, capacity, priority_until, status, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [
        progIds.get(s.prog),
        s.title,
        s.start,
        addDays(s.start, s.days),
        s.place,
        s.capacity,
        s.window ? windowEnd : null,
        s.status ?? 'open',
        at(addDays(today, -20), '10:00'),
      ],
    );
    sessionIds.set(s.key, rows[0]?.id ?? '');
  }

  // the demo children: the child director's committee first, then Dinghai Road, then the others
  const children = (
    await client.query<ChildRow>(
      `select c.id, c.name, c.birth_date::text, c.street_code, m.code as committee_code,
              coalesce((select array_agg(distinct k.category order by k.category) from child_categories k where k.child_id = c.id and k.until is null), '{}') as categories,
              g.id as guardian_id, g.name as guardian_name, g.relation as guardian_relation
         from children c join committees m on m.id = c.committee_id
         left join lateral (select h.id, h.name, h.relation from household_members h where h.child_id = c.id and h.role in ('guardian', 'caregiver')
                             order by (h.role = 'guardian') desc, h.id limit 1) g on true
        where c.status = 'active'
        order by (m.code <> 'dinghai-01'), (c.street_code <> 'dinghai'), c.street_code, c.id`,
    )
  ).rows;

  let bookings = 0;
  const used = new Map<string, Set<string>>();
  const insert = async (
    key: string,
    c: ChildRow | null,
    status: string,
    requested: Date,
    extra: {
      expires?: Date | null;
      promoted?: Date | null;
      confirmed?: Date | null;
      cancelled?: { at: Date; reason: string };
      note?: string;
      guardian?: boolean;
      external?: string;
      by?: string;
    } = {},
  ) => {
    const sid = sessionIds.get(key) ?? '';
    const session = sessions.find((s) => s.key === key);
    const prog = progIds.get(session?.prog ?? '') ?? '';
    const tier = c ? (tierFor(c.categories, rules) ?? lastTier(rules)) : lastTier(rules);
    const age = c ? ageOn(c.birth_date, session?.start ?? today) : null;
    const label = extra.external
      ? `${maskName(extra.external) ?? '*'}（档案外）`
      : extra.guardian && c
        ? `${maskName(c.guardian_name) ?? '*'}（${c.guardian_relation ?? '监护人'}）· 儿童 ${age ?? 0}岁`
        : rosterLabel(maskName(c?.name) ?? '*', age);
    const unit = extra.by ?? (c ? `street-${c.street_code}` : 'youth-league');
    const by = extra.by === 'youth-league' ? users.get('youth') : c ? (users.get(`street-${c.street_code}`) ?? users.get('district')) : users.get('youth');
    const taking = ['reserved', 'confirmed', 'attended', 'absent'].includes(status);
    await client.query(
      `insert into bookings (session_id, programme_id, participant_kind, child_id, member_id, external_name, display_label, priority_code, priority_rank, status,
         requested_at, reserved_at, expires_at, confirmed_at, promoted_at, cancelled_at, cancel_reason, attendance_note, requested_by, requested_by_unit, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $11, $11)`,
      [
        sid,
        prog,
        extra.external ? 'external' : extra.guardian ? 'guardian' : 'child',
        c && !extra.external ? c.id : null,
        extra.guardian ? c?.guardian_id : null,
        extra.external ?? null,
        label,
        tier?.code ?? 'other',
        tier?.rank ?? 3,
        status,
        requested,
        taking || status === 'expired' ? (extra.promoted ?? requested) : null,
        extra.expires ?? null,
        extra.confirmed ?? null,
        extra.promoted ?? null,
        extra.cancelled?.at ?? null,
        extra.cancelled?.reason ?? null,
        extra.note ?? null,
        by ?? null,
        unit,
      ],
    );
    if (c) (used.get(key) ?? used.set(key, new Set()).get(key))?.add(c.id);
    bookings++;
  };
  /** The next `n` children fitting the session's ages (and the tier test), not yet booked on it. */
  const pick = (key: string, n: number, test: (c: ChildRow) => boolean = () => true): ChildRow[] => {
    const s = sessions.find((x) => x.key === key);
    const p = DEMO_PROGRAMMES.find((x) => x.code === s?.prog);
    const taken = used.get(key) ?? new Set<string>();
    return children
      .filter((c) => {
        const age = ageOn(c.birth_date, s?.start ?? today);
        return !taken.has(c.id) && (p?.ages[0] == null || age >= p.ages[0]) && (p?.ages[1] == null || age <= p.ages[1]) && test(c);
      })
      .slice(0, n);
  };
  const difficult = (c: ChildRow) => tierFor(c.categories, rules)?.rank === 1;
  const reunited = (c: ChildRow) => tierFor(c.categories, rules)?.code === 'reunited';
  const ordinary = (c: ChildRow) => (tierFor(c.categories, rules)?.rank ?? 3) >= 3;
  const morning = (d: number) => at(addDays(today, d), '09:00');

  // the camp: 11 of 12 places taken by priority children (some outside Dinghai Road, so the next
  // Dinghai child in difficulty is still free to book), and a non-priority request waiting
  const elsewhere = (c: ChildRow) => c.street_code !== 'dinghai';
  const campKids = pick('camp', 10, (c) => difficult(c) && elsewhere(c));
  for (const [i, c] of campKids.entries())
    await insert('camp', c, i < 7 ? 'confirmed' : 'reserved', morning(-6 + (i % 5)), i < 7 ? { confirmed: morning(-5 + (i % 5)) } : { expires: morning(2) });
  for (const c of pick('camp', 1, (x) => reunited(x) && elsewhere(x))) await insert('camp', c, 'confirmed', morning(-4), { confirmed: morning(-3) });
  while ((used.get('camp')?.size ?? 0) < 11) {
    const c = pick('camp', 1, (x) => elsewhere(x))[0];
    if (!c) break;
    await insert('camp', c, 'confirmed', morning(-3), { confirmed: morning(-2) });
  }
  await insert('camp', null, 'waitlisted', morning(-2), { external: '王小虎', by: 'youth-league' });

  // the winter care class: reserved, confirmed, waiting (non-priority during the window), cancelled, lapsed
  const w = pick('winter', 12, (c) => c.street_code === 'dinghai' || c.street_code === 'pingliang');
  for (const [i, c] of w.entries()) {
    if (ordinary(c)) await insert('winter', c, 'waitlisted', morning(-3 + (i % 3)));
    else if (i % 5 === 0) await insert('winter', c, 'cancelled', morning(-8), { cancelled: { at: morning(-4), reason: '家长另有安排' } });
    else if (i % 5 === 1) await insert('winter', c, 'expired', morning(-7), { expires: morning(-5) });
    else if (i % 5 === 2) await insert('winter', c, 'reserved', morning(-1), { expires: morning(1) });
    else await insert('winter', c, 'confirmed', morning(-6), { confirmed: morning(-5) });
  }
  // last summer's camp: attended and absent, two promoted from the wait list after some days
  const pastKids = pick('camp-past', 12, (c) => !ordinary(c));
  const started = at(lastSummer, '09:00');
  for (const [i, c] of pastKids.entries()) {
    const requested = new Date(started.getTime() - (40 - i) * 86_400_000);
    const promoted = i >= 10 ? new Date(requested.getTime() + (3 + i - 10) * 86_400_000) : null;
    await insert('camp-past', c, i % 6 === 5 ? 'absent' : 'attended', requested, {
      promoted,
      confirmed: new Date((promoted ?? requested).getTime() + 86_400_000),
      note: i % 6 === 5 ? '临时生病，已请假' : undefined,
    });
  }
  // a few more programmes with confirmed places, and a guardian on the caregiver course
  for (const key of ['yilv', 'aiban', 'card'])
    for (const c of pick(key, 4, (x) => !ordinary(x))) await insert(key, c, 'confirmed', morning(-5), { confirmed: morning(-4) });
  for (const c of pick('parenting', 2, (x) => x.guardian_id !== null && !ordinary(x)))
    await insert('parenting', c, 'confirmed', morning(-3), { guardian: true, confirmed: morning(-2) });
  return { programmes: DEMO_PROGRAMMES.length, sessions: sessions.length, bookings };
}
