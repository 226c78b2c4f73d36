/**
 * Demo activities (活动与频次) so the compliance lists, the child file's participation and the
 * indicators have something to show:
 *   - every street's 未保站 holds a lecture or themed activity in each of the last four closed
 *     quarters and, for most, in the current one — except 定海路 (dinghai), which missed the last
 *     closed quarter and has nothing this quarter: it is on the overdue list;
 *   - residential committees hold safety events (防溺水、防欺凌) last year and, for some, this year;
 *   - a 清朗浦江 week by 区委网信办, legal-education (法伴成长) and online-safety lectures;
 *   - schools (safety_sites of kind school, created by the safety register's seed: none is created
 *     here) hold a safety lecture before the last summer holiday of the calendar (school_holidays),
 *     most with guardians contacted;
 *   - demo children (and a guardian) take part in the done activities of their committee or street.
 * Deterministic for a given seed, organisation, children and day. Runs as the owner in the
 * caller's transaction; call it once, after the demo casework.
 */
import type pg from 'pg';
import { addDays } from '#common/dates.js';
import { DEFAULT_PLAN_TASKS, quarterOf, type ActivityKind } from '#common/activities.js';

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
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[], fallback: T): T => items[Math.floor(next() * items.length)] ?? fallback,
  };
}

const STATION_FALLBACK: [ActivityKind, string] = ['lecture', '未成年人保护专题讲座'];
const STATION_TITLES: [ActivityKind, string][] = [
  ['lecture', '未成年人保护专题讲座'],
  ['themed', '“护苗成长”主题活动'],
  ['legal', '“法伴成长”普法进社区'],
  ['online_safety', '预防网络沉迷专题讲座'],
  ['themed', '暑期安全主题活动'],
];
const COMMITTEE_TITLES = ['防溺水安全知识进居委', '防欺凌安全知识讲座', '夏季防溺水安全宣传', '居家安全与防拐骗知识课堂'];
const PLACES = ['社区活动室', '党群服务站', '街道未保站活动室', '社区学校'];

interface Made {
  activities: number;
  participants: number;
  schools: number;
}

export async function seedDemoActivities(client: pg.ClientBase, opts: { seed: number; today: string }): Promise<Made> {
  const rng = rngOf(opts.seed ^ 0x616374);
  const { today } = opts;
  const made: Made = { activities: 0, participants: 0, schools: 0 };
  const insert = async (a: {
    title: string;
    kind: ActivityKind;
    org: 'committee' | 'station' | 'school' | 'department';
    committee?: string | null;
    street?: string | null;
    site?: string | null;
    unit: string;
    on: string;
    status?: 'done' | 'planned';
    children?: number;
    guardians?: number;
    contacted?: boolean;
  }): Promise<string> => {
    const { rows } = await client.query<{ id: string }>(
      `insert into activities (title, kind, organiser_kind, committee_id, street_code, site_id, unit_code, held_on, place, status,
                               children_count, guardians_count, guardians_contacted, description, plan_tasks)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning id`,
      [
        a.title,
        a.kind,
        a.org,
        a.committee ?? null,
        a.street ?? null,
        a.site ?? null,
        a.unit,
        a.on,
        rng.pick(PLACES, '社区活动室'),
        a.status ?? 'done',
        a.children ?? rng.int(8, 40),
        a.guardians ?? rng.int(3, 20),
        a.contacted ?? false,
        '演示数据',
        DEFAULT_PLAN_TASKS[a.kind],
      ],
    );
    made.activities++;
    const id = rows[0]?.id;
    if (!id) throw new Error('activity not inserted');
    return id;
  };
  /** A few demo children of the committee (or street) take part; one with a guardian. */
  const participate = async (activityId: string, where: { committee?: string; street?: string }, n: number) => {
    const { rows } = await client.query<{ id: string; guardian: string | null }>(
      `select c.id, (select h.id from household_members h where h.child_id = c.id and h.role = 'guardian' order by h.id limit 1) as guardian
         from children c where c.status = 'active' and ($1::uuid is null or c.committee_id = $1) and ($2::text is null or c.street_code = $2)
        order by c.id limit $3`,
      [where.committee ?? null, where.street ?? null, n],
    );
    for (const [i, c] of rows.entries()) {
      await client.query('insert into activity_participants (activity_id, child_id, role) values ($1, $2, $3) on conflict do nothing', [
        activityId,
        c.id,
        'child',
      ]);
      made.participants++;
      if (i === 0 && c.guardian) {
        await client.query(
          `insert into activity_participants (activity_id, child_id, member_id, role) values ($1, $2, $3, 'guardian') on conflict do nothing`,
          [activityId, c.id, c.guardian],
        );
        made.participants++;
      }
    }
  };
  const dayIn = (start: string, end: string) => {
    const last = end > today ? today : end;
    const span = Math.max(0, Math.round((Date.parse(last) - Date.parse(start)) / 86_400_000));
    return addDays(start, rng.int(0, span));
  };

  // ---- stations: the last four closed quarters and the current one ----
  const [curStart] = quarterOf(today);
  const quarters: [string, string][] = [];
  let q = quarterOf(addDays(curStart, -1));
  for (let i = 0; i < 4; i++) {
    quarters.push(q);
    q = quarterOf(addDays(q[0], -1));
  }
  const streets = (await client.query<{ code: string }>('select code from streets order by sort, code')).rows.map((r) => r.code);
  for (const street of streets) {
    const unit = `street-${street}`;
    for (const [i, [start, end]] of quarters.entries()) {
      if (street === 'dinghai' && i === 0) continue; // 定海路 missed the last closed quarter
      if (street !== 'dinghai' && i === 0 && rng.chance(0.15)) continue;
      const [kind, title] = rng.pick(STATION_TITLES, STATION_FALLBACK);
      const id = await insert({ title, kind, org: 'station', street, unit, on: dayIn(start, end) });
      if (street === 'dinghai' || rng.chance(0.3)) await participate(id, { street }, rng.int(2, 4));
    }
    if (street !== 'dinghai' && rng.chance(0.6) && curStart <= today) {
      await insert({ title: '未成年人保护专题讲座', kind: 'lecture', org: 'station', street, unit, on: dayIn(curStart, today) });
    }
    // a planned public-interest activity ahead (not counted until done)
    if (rng.chance(0.4))
      await insert({
        title: '困境儿童公益观影活动',
        kind: 'public_interest',
        org: 'station',
        street,
        unit,
        on: addDays(today, rng.int(5, 30)),
        status: 'planned',
      });
  }
  // dinghai: a public-interest activity this quarter (task 8) — not a lecture, so the station stays overdue
  const dinghaiPublic = await insert({
    title: '暖心公益手工课堂',
    kind: 'public_interest',
    org: 'station',
    street: 'dinghai',
    unit: 'street-dinghai',
    on: dayIn(curStart, today),
  });
  await participate(dinghaiPublic, { street: 'dinghai' }, 3);

  // ---- committees: safety events last year and this year ----
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const lastYear: [string, string] = [`${Number(today.slice(0, 4)) - 1}-01-01`, `${Number(today.slice(0, 4)) - 1}-12-31`];
  const committees = (
    await client.query<{ id: string; street_code: string; code: string }>('select id, street_code, code from committees where active order by code')
  ).rows;
  for (const c of committees) {
    const unit = `street-${c.street_code}`;
    if (rng.chance(0.85))
      await insert({
        title: rng.pick(COMMITTEE_TITLES, '防溺水安全知识进居委'),
        kind: 'safety',
        org: 'committee',
        committee: c.id,
        street: c.street_code,
        unit,
        on: dayIn(lastYear[0], lastYear[1]),
      });
    if (c.code === 'dinghai-01' || rng.chance(0.55)) {
      const id = await insert({
        title: rng.pick(COMMITTEE_TITLES, '防溺水安全知识进居委'),
        kind: 'safety',
        org: 'committee',
        committee: c.id,
        street: c.street_code,
        unit,
        on: dayIn(yearStart, today),
      });
      if (c.street_code === 'dinghai' || rng.chance(0.3)) await participate(id, { committee: c.id }, rng.int(2, 4));
    }
  }

  // ---- departments: 清朗浦江 week, legal education, online safety ----
  const septThisYear = `${today.slice(0, 4)}-09-15`;
  const qinglang = septThisYear <= today ? septThisYear : `${Number(today.slice(0, 4)) - 1}-09-15`;
  await insert({
    title: '“清朗浦江”网络生态治理宣传周',
    kind: 'qinglang_week',
    org: 'department',
    unit: 'cyberspace',
    on: qinglang,
    children: 120,
    guardians: 60,
  });
  await insert({ title: '“检护暖杨”法治进校园', kind: 'legal', org: 'department', unit: 'procuratorate', on: dayIn(yearStart, today) });
  await insert({ title: '“百校百讲”法治讲座', kind: 'legal', org: 'department', unit: 'justice', on: dayIn(yearStart, today) });
  await insert({ title: '预防未成年人网络沉迷专题教育', kind: 'online_safety', org: 'department', unit: 'cyberspace', on: dayIn(yearStart, today) });

  // ---- schools: a safety lecture before the last summer holiday ----
  const summer = (
    await client.query<{ starts_on: string }>(
      `select to_char(starts_on, 'YYYY-MM-DD') as starts_on from school_holidays where season = 'summer' and starts_on <= $1 order by starts_on desc limit 1`,
      [today],
    )
  ).rows[0];
  if (summer) {
    const sites = (
      await client.query<{ id: string; street_code: string | null }>(`select id, street_code from safety_sites where active and kind = 'school' order by code`)
    ).rows;
    for (const s of sites) {
      if (!rng.chance(0.7)) continue;
      await insert({
        title: '暑假前安全知识大讲堂',
        kind: 'safety',
        org: 'school',
        site: s.id,
        street: s.street_code,
        unit: 'education',
        on: addDays(summer.starts_on, -rng.int(2, 10)),
        contacted: rng.chance(0.85),
        children: rng.int(200, 900),
        guardians: 0,
      });
      made.schools++;
    }
  }
  return made;
}
