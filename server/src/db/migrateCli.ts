/** `npm run migrate`: applies pending migrations to the configured database and exits. */
import { loadConfig } from '../config.js';
import { keysFor } from '../runtime.js';
import { openDatabase } from './database.js';

const config = loadConfig();
const db = await openDatabase({
  config,
  keys: keysFor(config),
  log: (m) => {
    if (!m.startsWith('[postgres]')) console.log(m);
  },
});
await db.close();
console.log('数据库结构已是最新 / migrations up to date');
