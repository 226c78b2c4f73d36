/**
 * `npm run restore -- FILE [--database NAME|URL] [--force]`: restores a backup file into an empty
 * database (the configured one by default; created when missing), or replaces a database's data
 * with --force. Exit codes: 0 restored and the audit chain verifies; 1 restored but the audit
 * chain does not verify; 2 nothing restored (the reason and what to do are printed).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { deriveKeys } from '../crypto/keys.js';
import { databaseEndpoint, existingMasterKey, keySource } from './endpoint.js';
import { runCommand } from './cli.js';
import { BackupError, errorText } from './format.js';
import { restore } from './restore.js';

const USAGE = '用法 / usage: npm run restore -- 备份文件 [--database 名称或地址] [--force]';

async function run(): Promise<number> {
  let parsed: { values: { database?: string; force?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({ options: { database: { type: 'string' }, force: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new BackupError(`${errorText(err)}（${USAGE}）`);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length) throw new BackupError(`请给出一个备份文件 / name one backup file（${USAGE}）`);
  const config = loadConfig();
  const master = existingMasterKey(config);
  const key = keySource(master);
  const keys = deriveKeys(master);
  const endpoint = await databaseEndpoint(config, keys, parsed.values.database ?? null, true);
  console.log('暖杨数据恢复 / NuanYang restore');
  console.log(`  备份文件 / file: ${path.resolve(file)}`);
  console.log(`  目标 / target: ${endpoint.where}`);
  if (endpoint.running && parsed.values.force)
    console.log('  ⚠ 内置数据库正在运行：恢复前请停止暖杨服务器 / the embedded database is running: stop the NuanYang server before replacing its data');
  const appRole = config.appDatabaseUrl ? decodeURIComponent(new URL(config.appDatabaseUrl).username) : config.appRole;
  try {
    const r = await restore({
      file: path.resolve(file),
      targetUrl: endpoint.url,
      key,
      appRole,
      appDbPassword: config.appDatabaseUrl ? null : keys.appDbPassword,
      force: parsed.values.force ?? false,
      dataDir: config.dataDir,
      auditKey: keys.auditCheckpoint,
      auditHash: config.auditHash,
      log: (m) => console.log(m),
    });
    console.log('  表 / table                                  行数 / rows   SHA-256');
    for (const t of r.tables) console.log(`  ${t.name.padEnd(42)} ${String(t.rows).padStart(10)}   ${t.sha256.slice(0, 16)}… ✔`);
    console.log(
      `✔ 恢复完成 / restored into ${r.database}: ${r.tables.length} 张表 / tables, ${r.rows} 行 / rows, 行数与校验和与清单一致 / counts and checksums match the manifest (${(r.ms / 1000).toFixed(1)} s)`,
    );
    if (r.laterMigrations.length) console.log(`  已应用备份之后的迁移 / newer migrations applied: ${r.laterMigrations.length}`);
    console.log(
      r.checkpoints === 'restored'
        ? '  审计检查点已恢复 / audit checkpoints restored'
        : r.checkpoints === 'signed-new'
          ? '  已为恢复的审计日志签署新检查点 / a new audit checkpoint was signed over the restored chain'
          : '  审计日志为空，无检查点 / empty audit log: no checkpoint',
    );
    if (r.audit.ok) {
      console.log(`✔ 审计日志完整 / audit chain intact: ${r.audit.checked} rows, ${r.audit.checkpoints} checkpoints`);
      return 0;
    }
    console.error(`✖ 审计日志校验失败 / audit chain does not verify at row ${r.audit.firstBrokenId ?? '—'}: ${r.audit.reason ?? ''}`);
    console.error(
      '  处理 / what to do: 数据已恢复，但审计日志与其检查点不符：请保留该备份文件并报告审计管理员 / the data is restored but the audit log does not verify: keep the backup file and tell the audit administrator',
    );
    return 1;
  } finally {
    await endpoint.close();
  }
}

await runCommand(
  run,
  '恢复失败，未恢复任何数据 / restore failed, nothing was restored',
  '确认使用原系统的主密钥（及备份口令 NUANYANG_BACKUP_PASSPHRASE）、备份文件完整（重新复制一份）、目标数据库可连接；要替换已有数据时加 --force / use the original master key (and passphrase), a complete copy of the file, a reachable target; add --force to replace existing data',
);
