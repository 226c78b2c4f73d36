/**
 * Demo holiday plans (plan task 1): a plan for the coming winter holiday (the holiday today falls
 * in, else the next one of the calendar) for some children of each street — in the committee of
 * the demo child director (dinghai-01) about half, so the 待填写假期安排 list has both. The calendar
 * itself is reference data (example dates, server/src/modules/holidays/defaults.ts).
 *
 * Deterministic for a given seed, children and day. Runs as the owner in the caller's transaction.
 */
import type pg from 'pg';

const PLANS = [
  '参加街道爱心寒托班（上午），下午在家完成寒假作业，由外婆照料。',
  '随父母回老家过春节，初八返沪；返沪后参加社区读书会。',
  '参加“冬日暖阳”志愿陪伴活动，每周两次；每周一次电话回访。',
  '在家由祖父母照料，儿童主任春节前后各走访一次，安排社区图书馆借阅。',
  '参加区青少年活动中心冬令营（5天），其余时间在家复习。',
  '母亲春节期间轮休，在家陪伴；社工每周电话了解情况。',
];

/** A small seeded PRNG (mulberry32). */
function rngOf(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedDemoHolidays(client: pg.ClientBase, opts: { seed: number; today: string }): Promise<{ plans: number }> {
  const h = (
    await client.query<{ year: number; season: string }>(
      `select year, season from school_holidays where ends_on >= $1::date and season = 'winter' order by starts_on limit 1`,
      [opts.today],
    )
  ).rows[0];
  if (!h) return { plans: 0 };
  const rng = rngOf(opts.seed ^ 0x686f6c);
  const { rows } = await client.query<{ id: string; director: boolean }>(
    `select c.id, m.code = 'dinghai-01' as director from children c join committees m on m.id = c.committee_id
      where c.status = 'active' and not exists (select 1 from holiday_plans p where p.child_id = c.id and p.year = $1 and p.season = $2)
      order by c.id`,
    [h.year, h.season],
  );
  let plans = 0;
  for (const c of rows) {
    if (rng() >= (c.director ? 0.5 : 0.3)) continue;
    const text = PLANS[Math.floor(rng() * PLANS.length)] ?? PLANS[0];
    await client.query(
      `insert into holiday_plans (child_id, street_code, committee_id, year, season, plan, created_by)
       select c.id, c.street_code, c.committee_id, $2, $3, $4, (select id from users where username = 'director-dinghai')
         from children c where c.id = $1`,
      [c.id, h.year, h.season, text],
    );
    plans++;
  }
  return { plans };
}
