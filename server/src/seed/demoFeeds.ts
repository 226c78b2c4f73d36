/**
 * Demo 数据共享比对 (issue 16): on the four feeds of the district (feedDefinitions.ts), one confirmed
 * run per feed built from real demo children and family members: some matched by identity number, one by name
 * and birth date, one unmatched, one error row; waiting changes in 定海路街道; an API key for the
 * 教育局 feed. Deterministic for a day: children in a fixed order of their generated attributes.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { addDays } from '#common/dates.js';
import { makeIdNumber } from '#common/idNumber.js';
import { seedFeedDefinitions } from './feedDefinitions.js';
import type { RequestCtx, Tx } from '../core/context.js';
import type { FieldCrypto } from '../crypto/fieldCrypto.js';
import { confirmWithoutApplying, receive, sha256 } from '../modules/feeds/commands.js';
import { normaliseHeader, type SourceRow } from '../modules/feeds/policies.js';
import * as repo from '../modules/feeds/repo.js';

/** A made-up identity number for a demo person who is on no file (sequence 900+). */
export const unknownIdNumber = (birthDate: string, i: number): string => makeIdNumber('310110', birthDate, 900 + i, i % 2 ? 'M' : 'F');
export const demoDay = (today: string, daysAgo: number): string => addDays(today, -daysAgo);

/** The demo API key of the 教育局 feed (demo installations only, like the demo passwords). */
export const DEMO_FEED_KEY = 'nyf_demo-education-enrolment-2026';

type Cells = (string | null)[];

/**
 * One confirmed run per feed from the demo files of 定海路街道 (nothing applied: the changes wait for
 * the street; the 学籍 run finds its children as on file). Idempotent: a feed with a run is left alone.
 */
export async function seedDemoFeedRuns(
  client: pg.ClientBase,
  fieldCrypto: FieldCrypto,
  opts: { today: string; now: number },
): Promise<{ runs: number; changes: number }> {
  await seedFeedDefinitions(client);
  if ((await client.query('select 1 from feed_runs limit 1')).rowCount) return { runs: 0, changes: 0 };
  const district = (
    await client.query<{ id: string; username: string; display_name: string }>(`select id, username, display_name from users where username = 'district'`)
  ).rows[0];
  const { today } = opts;
  const ctx: RequestCtx = {
    requestId: 'seed-feeds',
    ip: null,
    userAgent: 'seed',
    at: new Date(opts.now),
    actor: null,
  };
  // why: the seed's own connection serves as a transaction's client; the commands only query it (never release it)
  const tx: Tx = { client: client as pg.PoolClient, ctx, audit: async () => undefined };
  const deps = { crypto: fieldCrypto, clock: () => opts.now };
  const idOf = (enc: string | null, col: string) => fieldCrypto.decryptOrNull(enc, col);
  const kids = (
    await client.query<{ name: string; birth: string; id_enc: string | null; school_stage: string | null; school_name: string | null }>(
      `select c.name, to_char(c.birth_date, 'YYYY-MM-DD') as birth, c.id_number_enc as id_enc, c.school_stage, c.school_name
         from children c where c.street_code = 'dinghai' and c.status = 'active' and c.id_number_enc is not null
          and (select count(*) from children x where x.name = c.name and x.birth_date = c.birth_date) = 1
        order by c.name_pinyin, c.birth_date, c.name`,
    )
  ).rows;
  const young = kids.filter((k) => k.birth >= `${Number(today.slice(0, 4)) - 6}${today.slice(4)}`);
  const schooled = kids.filter((k) => k.school_stage && k.school_stage !== '未入学');
  const members = (
    await client.query<{ name: string; birth: string; id_enc: string; status: string }>(
      `select m.name, to_char(m.birth_date, 'YYYY-MM-DD') as birth, m.id_number_enc as id_enc, m.status
         from household_members m join children c on c.id = m.child_id
        where c.street_code = 'dinghai' and c.status = 'active' and m.id_number_enc is not null and m.birth_date is not null
          and m.relation in ('父亲', '母亲')
        order by m.name, m.birth_date`,
    )
  ).rows;
  const prisoners = members.filter((m) => m.status === 'imprisoned');
  const living = members.filter((m) => m.status === 'alive_fit');
  const childId = (k: { id_enc: string | null } | undefined) => (k ? idOf(k.id_enc, 'children.id_number') : null);
  const memberId = (m: { id_enc: string } | undefined) => (m ? idOf(m.id_enc, 'household_members.id_number') : null);
  const badCheck = (id: string) => id.slice(0, 17) + (id.endsWith('1') ? '2' : '1');
  const stranger = unknownIdNumber('2018-08-08', 1);
  const wrong = badCheck(unknownIdNumber('2017-07-07', 2));

  const plans: { code: string; rows: Cells[] }[] = [];
  const [k1, k2, k3] = young;
  plans.push({
    code: 'disabled-federation-cert',
    rows: [
      k1 ? [k1.name, childId(k1), k1.birth, '肢体残疾', '二级', '31011020250101', demoDay(today, 40)] : null,
      k2 ? [k2.name, childId(k2), k2.birth, '听力残疾', '三级', '31011020250214', demoDay(today, 25)] : null,
      // no matching number on file: found by name and birth date
      k3 ? [k3.name, unknownIdNumber(k3.birth, 3), k3.birth, '智力残疾', '四级', '31011020250320', demoDay(today, 12)] : null,
      ['陈晓雨', stranger, '2018-08-08', '言语残疾', '三级', '31011020250402', demoDay(today, 8)],
      ['李明', wrong, '2017-07-07', '视力残疾', '二级', '31011020250405', demoDay(today, 6)],
    ].filter((r): r is Cells => r !== null),
  });
  const [p1, p2] = prisoners;
  plans.push({
    code: 'prison-release',
    rows: [
      p1 ? [p1.name, memberId(p1), p1.birth, '刑满释放', demoDay(today, 9), '', '沪狱释字〔2026〕118号'] : null,
      p2 ? [p2.name, memberId(p2), p2.birth, '在押', '2023-05-01', '2028-04-30', '沪狱字〔2023〕52号'] : null,
      ['王建国', unknownIdNumber('1982-02-02', 4), '1982-02-02', '在押', '2024-01-01', '2029-01-01', '沪狱字〔2024〕7号'],
      ['赵强', badCheck(unknownIdNumber('1980-03-03', 5)), '1980-03-03', '假释', demoDay(today, 3), '', '沪狱释字〔2026〕130号'],
    ].filter((r): r is Cells => r !== null),
  });
  const [d1] = living;
  plans.push({
    code: 'police-death',
    rows: [
      d1 ? [d1.name, memberId(d1), d1.birth, '死亡', demoDay(today, 14), '沪公户注〔2026〕0311号'] : null,
      ['孙桂英', unknownIdNumber('1950-09-09', 6), '1950-09-09', '死亡', demoDay(today, 20), '沪公户注〔2026〕0298号'],
      ['周涛', unknownIdNumber('1979-10-10', 7), '1979-10-10', '死亡', demoDay(today, -5), '沪公户注〔2026〕0320号'],
    ].filter((r): r is Cells => r !== null),
  });
  const STAGE_WORD: Record<string, string> = { 学前: '幼儿园', 小学: '小学', 初中: '初中', 高中: '普通高中', 中职: '中等职业教育', 辍学: '休学' };
  plans.push({
    code: 'education-enrolment',
    rows: [
      ...schooled.slice(0, 3).map((k, i) => [k.name, childId(k), k.birth, STAGE_WORD[k.school_stage ?? ''] ?? '小学', k.school_name, `G3101102026${i}`]),
      ['吴佳怡', unknownIdNumber('2014-04-04', 8), '2014-04-04', '小学', '杨浦区第二小学', 'G31011020269'],
      ['郑浩', unknownIdNumber('2012-12-12', 9), '2012-12-12', '大学', '', 'G31011020268'],
    ],
  });

  let runs = 0;
  for (const plan of plans) {
    const feed = await repo.feed(tx, plan.code);
    if (!feed || !district) continue;
    const rows: SourceRow[] = plan.rows.map((cells, i) => ({
      rowNo: i + 2,
      cells: new Map(feed.mapping.columns.map((c, j) => [normaliseHeader(c.header), cells[j] ?? null])),
    }));
    const dayOffset = { 'disabled-federation-cert': 6, 'prison-release': 20, 'police-death': 3, 'education-enrolment': 12 }[plan.code] ?? 1;
    const at = opts.now - dayOffset * 86_400_000;
    const runCtx: RequestCtx = { ...ctx, actor: null };
    const runTx: Tx = { ...tx, ctx: runCtx };
    const sha = createHash('sha256')
      .update(`demo:${plan.code}:${JSON.stringify(plan.rows)}`)
      .digest('hex');
    const got = await receive(runTx, { ...deps, clock: () => at }, feed, {
      source: 'upload',
      filename: `${feed.provider_unit_name}${feed.name}_${today.slice(0, 7)}.xlsx`,
      sha,
      rows,
    });
    await confirmWithoutApplying(runTx, { ...deps, clock: () => at }, got.runId);
    await client.query(`update feed_runs set received_by = $2, decided_by = $2 where id = $1`, [got.runId, district.id]);
    runs++;
  }
  await client.query(`update data_feeds set api_key_hash = $2, key_prefix = $3, key_rotated_at = $4 where code = $1`, [
    'education-enrolment',
    sha256(DEMO_FEED_KEY),
    DEMO_FEED_KEY.slice(0, 8),
    new Date(opts.now - 30 * 86_400_000),
  ]);
  const changes = (await client.query<{ n: number }>(`select count(*)::int as n from feed_changes`)).rows[0]?.n ?? 0;
  return { runs, changes };
}
