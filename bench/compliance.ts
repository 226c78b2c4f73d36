/**
 * The yearly compliance report's cost on a big audit log: runs the report's aggregates (the audit
 * log's part: processing by unit and role, months, break-the-glass grants, logins and consents,
 * open grants) and the chain's verification on the database of DATABASE_URL, and prints the times.
 * Fill it first, e.g. with 1,000,000 chained rows (docs/compliance-report.md). Not a timed test.
 */
import pg from 'pg';
import * as repo from '../server/src/modules/compliance/repo.js';
import { verifyAuditChain } from '../server/src/modules/audit/verify.js';
import type { Tx } from '../server/src/core/context.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const year = Number(process.argv[2] ?? new Date().getFullYear());
const pool = new pg.Pool({ connectionString: url, max: 1 });
const client = await pool.connect();
const n = (await client.query<{ n: string }>('select count(*) as n from audit_log')).rows[0]?.n;
// The report's queries use the client only; no request, nothing audited here.
const tx: Tx = { client, ctx: { requestId: 'bench', ip: null, userAgent: null, actor: null }, audit: async () => {} };
const from = `${year}-01-01`;
const to = `${year}-12-31`;
const time = async (label: string, f: () => Promise<unknown>) => {
  const t0 = performance.now();
  await f();
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(28)} ${ms.toFixed(0).padStart(7)} ms`);
  return ms;
};
console.log(`audit_log rows: ${n}; year ${year}`);
let total = 0;
total += await time('processing (unit × role)', () => repo.processing(tx, from, to));
total += await time('by month', () => repo.byMonth(tx, from, to));
total += await time('grants', () => repo.grants(tx, from, to));
total += await time('logins, consents', () => repo.eventCounts(tx, from, to));
total += await time('open grants', () => repo.openGrants(tx));
const agg = total;
total += await time('chain verification', () => verifyAuditChain(client));
console.log(`aggregates ${agg.toFixed(0)} ms; with verification ${total.toFixed(0)} ms`);
client.release();
await pool.end();
