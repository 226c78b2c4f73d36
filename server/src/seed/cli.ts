/**
 * `npm run seed -- --children N [--seed S] [--replace]`: generates deterministic synthetic demo
 * children into the configured database. Refuses to add to existing children unless --replace
 * (which deletes every child file first: for demo and benchmark databases only).
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { cryptoFor, keysFor } from '../runtime.js';
import { applyReferenceData } from './reference.js';
import { DEMO_SEED, refreshListStatistics, seedDemoCasefiles, seedDemoOrganisation } from './startup.js';
import { shanghaiDate } from '#common/dates.js';

const { values } = parseArgs({
  options: { children: { type: 'string', default: '600' }, seed: { type: 'string', default: String(DEMO_SEED) }, replace: { type: 'boolean', default: false } },
});
const n = Number(values.children);
const seed = Number(values.seed);
if (!Number.isInteger(n) || n < 0 || n > 2_000_000) {
  console.error('--children 须为 0 到 2000000 之间的整数 / must be an integer between 0 and 2,000,000');
  process.exit(2);
}
if (!Number.isInteger(seed)) {
  console.error('--seed 须为整数 / must be an integer');
  process.exit(2);
}

const config = loadConfig();
const keys = keysFor(config);
const db = await openDatabase({ config, keys });
const client = new pg.Client({ connectionString: db.ownerUrl });
await client.connect();
try {
  const t = Date.now();
  await applyReferenceData(client);
  // Demo children live in the demo committees, next to the demo accounts: a seeded database is a
  // demo database (production refuses to start while demo passwords exist).
  await seedDemoOrganisation(client);
  const existing = (await client.query<{ n: number }>('select count(*)::int as n from children')).rows[0]!.n;
  if (existing > 0 && !values.replace) {
    console.error(
      `数据库中已有 ${existing} 名儿童；如需重新生成，请加 --replace（将删除全部儿童档案）/ ${existing} children exist; pass --replace to delete them first`,
    );
    process.exitCode = 1;
  } else {
    if (existing > 0) await client.query('delete from children');
    const summary = await seedDemoCasefiles(client, cryptoFor(keys), n, shanghaiDate(Date.now()), seed);
    await refreshListStatistics(client);
    console.log(`已生成 / seeded ${summary} in ${((Date.now() - t) / 1000).toFixed(1)} s (seed ${seed})`);
  }
} finally {
  await client.end();
  await db.close();
}
