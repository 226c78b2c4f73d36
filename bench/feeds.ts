/**
 * `npm run bench:feeds`: a 100,000-row 残联 feed (child.disability) matched against 100,000
 * children (issue 16). Seeds the district in a fresh embedded PostgreSQL (bench/district.ts, no
 * visits), builds the source's own .csv from the children's identity numbers (read back here with
 * the field key, as the department's own system holds them): 90% on file by identity number, 4%
 * by name and birth date (a number the files do not hold), 5% of people on no file, 1% with a bad
 * check digit; starts the real server in its own process, logs in as the district user and
 * uploads the file (read, checked and matched, nothing applied), then confirms the run (each
 * match compared with the file, a change per difference). While both run, GET /api/health is
 * called in a loop: its worst latency says whether the feed held up the server.
 * The peer figure, in this process and the same run: reading and parsing the same file alone
 * (readFeedFile + parseRows, no database). Options: BENCH_CHILDREN (100000), BENCH_ROWS (100000),
 * BENCH_CONFIRM=0 skips the confirmation.
 */
import pg from 'pg';
import { makeIdNumber } from '../common/src/idNumber.js';
import { shanghaiDate } from '../common/src/dates.js';
import { loadConfig } from '../server/src/config.js';
import { openDatabase } from '../server/src/db/database.js';
import { cryptoFor, keysFor } from '../server/src/runtime.js';
import { FEED_DEFINITIONS } from '../server/src/seed/feedDefinitions.js';
import { parseRows } from '../server/src/modules/feeds/policies.js';
import { readFeedFile } from '../server/src/modules/feeds/readFeed.js';
import { cleanUp, login, seedDistrict, startServer } from './district.js';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 100_000);
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const CONFIRM = process.env.BENCH_CONFIRM !== '0';
const FEED = 'disabled-federation-cert';
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

let t = Date.now();
const district = await seedDistrict({ name: 'feeds', children: CHILDREN, visitsPerChild: 0 });
console.log(`seeded ${district.counts.children.toLocaleString()} children in ${s(Date.now() - t)}`);

// ---- the file: the source's own layout (区残联 残疾人证) ----
t = Date.now();
const config = loadConfig(district.env);
const keys = keysFor(config);
const fc = cryptoFor(keys);
const db = await openDatabase({ config, keys });
const owner = new pg.Client({ connectionString: db.ownerUrl });
await owner.connect();
const kids = (
  await owner.query<{ name: string; birth: string; id_enc: string | null }>(
    `select name, to_char(birth_date, 'YYYY-MM-DD') as birth, id_number_enc as id_enc from children where id_number_enc is not null order by id`,
  )
).rows;
await owner.end();
await db.close();
const TYPES = ['视力残疾', '听力残疾', '言语残疾', '肢体残疾', '智力残疾', '精神残疾', '多重残疾'];
const GRADES = ['一级', '二级', '三级', '四级'];
const lines = ['姓名,公民身份号码,出生日期,残疾类别,残疾等级,残疾人证号,发证日期'];
const kinds = { byId: 0, byName: 0, stranger: 0, bad: 0 };
for (let i = 0; i < ROWS; i++) {
  const k = kids[i % kids.length];
  if (!k) break;
  const r = i % 100;
  const type = TYPES[i % TYPES.length];
  const grade = GRADES[i % GRADES.length];
  let name = k.name;
  let id: string;
  let birth = k.birth;
  if (r < 90) {
    id = fc.decrypt(k.id_enc ?? '', 'children.id_number');
    kinds.byId++;
  } else if (r < 94) {
    id = makeIdNumber('310110', k.birth, 990 - (i % 90), i % 2 ? 'M' : 'F');
    kinds.byName++;
  } else if (r < 99) {
    birth = `20${String(10 + (i % 12)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 9}`;
    name = `外来${i}`;
    id = makeIdNumber('310110', birth, 100 + (i % 800), i % 2 ? 'M' : 'F');
    kinds.stranger++;
  } else {
    const good = makeIdNumber('310110', k.birth, 500 + (i % 400), 'F');
    id = good.slice(0, 17) + (good.endsWith('1') ? '2' : '1');
    kinds.bad++;
  }
  lines.push([name, id, birth, type, grade, `CJR${String(i).padStart(8, '0')}`, '2025-06-01'].join(','));
}
const file = Buffer.from(lines.join('\r\n'), 'utf8');
console.log(
  `file: ${(lines.length - 1).toLocaleString()} rows, ${(file.length / 1e6).toFixed(1)} MB (by number ${kinds.byId}, by name ${kinds.byName}, on no file ${kinds.stranger}, bad check digit ${kinds.bad}) built in ${s(Date.now() - t)}`,
);

// ---- the peer: reading and parsing the same file alone ----
const feedDef = FEED_DEFINITIONS.find((f) => f.code === FEED);
if (!feedDef) throw new Error(FEED);
t = Date.now();
const read = await readFeedFile(file, 'feed.csv', feedDef.mapping);
const readMs = Date.now() - t;
if (!read.ok) throw new Error(read.message);
t = Date.now();
parseRows(read.rows, feedDef.fact, feedDef.mapping, shanghaiDate(Date.now()));
const parseMs = Date.now() - t;
console.log(`peer (this process, no database): read ${s(readMs)}, parse and validate ${s(parseMs)}`);

// ---- the server ----
const server = await startServer(district.env, {}, { waitSeconds: 120 });
const headers = await login(server.base, 'district');
const health: number[] = [];
let polling = true;
const poll = (async () => {
  while (polling) {
    const h = Date.now();
    await fetch(`${server.base}/api/health`);
    health.push(Date.now() - h);
    await new Promise((r) => setTimeout(r, 100));
  }
})();
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? 0;

try {
  t = Date.now();
  const up = await fetch(`${server.base}/api/feeds/${FEED}/runs`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ filename: '残联残疾人证_全量.csv', contentBase64: file.toString('base64') }),
  });
  const uploadMs = Date.now() - t;
  const run = (await up.json()) as { id: string; counts: Record<string, number> };
  if (!up.ok) throw new Error(`upload: ${up.status} ${JSON.stringify(run)}`);
  const uploadHealth = [...health];
  console.log(`upload (read, check, match ${ROWS.toLocaleString()} rows against ${district.counts.children.toLocaleString()} children): ${s(uploadMs)}`);
  console.log(`  counts: ${JSON.stringify(run.counts)}`);
  console.log(
    `  /api/health meanwhile: ${uploadHealth.length} calls, median ${pct(uploadHealth, 50)} ms, p95 ${pct(uploadHealth, 95)} ms, max ${Math.max(0, ...uploadHealth)} ms`,
  );
  if (CONFIRM) {
    const before = health.length;
    t = Date.now();
    const conf = await fetch(`${server.base}/api/feed-runs/${run.id}/confirm`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: '{}',
    });
    const confirmMs = Date.now() - t;
    const confirmed = (await conf.json()) as { counts: Record<string, number> };
    if (!conf.ok) throw new Error(`confirm: ${conf.status} ${JSON.stringify(confirmed)}`);
    const during = health.slice(before);
    console.log(`confirm (compare each match with the file, a change per difference): ${s(confirmMs)}`);
    console.log(`  counts: ${JSON.stringify(confirmed.counts)}`);
    console.log(`  /api/health meanwhile: ${during.length} calls, median ${pct(during, 50)} ms, p95 ${pct(during, 95)} ms, max ${Math.max(0, ...during)} ms`);
  }
} finally {
  polling = false;
  await poll;
  await server.stop();
  cleanUp(district);
}
