/** `npm run audit:verify`: checks the audit hash chain of the configured database. Exit 1 if broken. */
import pg from 'pg';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/database.js';
import { keysFor } from '../../runtime.js';
import { verifyAuditChain } from './verify.js';

const config = loadConfig();
const keys = keysFor(config);
const db = await openDatabase({ config, keys });
try {
  const client = new pg.Client({ connectionString: db.ownerUrl });
  await client.connect();
  const r = await verifyAuditChain(client);
  await client.end();
  if (r.ok) console.log(`审计日志完整 / audit chain intact: ${r.checked} rows checked`);
  else console.log(`审计日志被篡改 / audit chain BROKEN at row ${r.firstBrokenId}: ${r.reason} (${r.checked} rows)`);
  process.exitCode = r.ok ? 0 : 1;
} finally {
  await db.close();
}
