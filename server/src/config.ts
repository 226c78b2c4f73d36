/**
 * One typed configuration, read from the environment and validated at start-up.
 * A bad setting stops the server with a message naming the variable.
 */
import path from 'node:path';
import { z } from 'zod';

const bool = z.enum(['1', '0', 'true', 'false', 'yes', 'no']).transform((v) => v === '1' || v === 'true' || v === 'yes');

const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  APP_DATABASE_URL: z.string().url().optional(),
  DATABASE_READ_URL: z.string().url().optional(),
  NUANYANG_APP_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/)
    .default('nuanyang_app'),
  NUANYANG_DATA_DIR: z.string().default('./data'),
  NUANYANG_MASTER_KEY: z.string().optional(),
  NUANYANG_INITIAL_PASSWORDS_FILE: z.string().optional(),
  NUANYANG_DEMO: bool.optional(),
  NUANYANG_SEED_CHILDREN: z.coerce.number().int().min(0).max(1_000_000).default(600),
  NUANYANG_HTTPS: bool.default(false),
  NUANYANG_TRUST_PROXY: bool.default(false),
  NUANYANG_JOBS: bool.default(true),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).max(3650).default(0),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  NUANYANG_AUDIT_HASH: z.enum(['sha256', 'sm3']).default('sha256'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Owner/migrator connection; absent → embedded PostgreSQL. */
  databaseUrl: string | null;
  /** Connection for requests (non-owner role); derived from databaseUrl when absent. */
  appDatabaseUrl: string | null;
  /**
   * A read-only copy (a PostgreSQL streaming replica) for the read-only reports: the 督办 indicator
   * refresh, the quarterly workbook, the children export. Connects as the application role (the
   * role and its password are filled in when the URL names no user), so row-level security applies
   * there as on the main pool. Absent (always with the embedded database) → those reads use the
   * main pool. See docs/scale.md.
   */
  readDatabaseUrl: string | null;
  appRole: string;
  dataDir: string;
  masterKey: string | null;
  /**
   * Where a fresh production installation writes the administrators' one-time passwords (a 0600
   * file, never stdout: start-up output usually ends up in a log).
   */
  initialPasswordsFile: string;
  /** Demo mode: seeded demo accounts with a known password, relaxed first-login rules. */
  demo: boolean;
  seedChildren: number;
  https: boolean;
  trustProxy: boolean;
  /**
   * Background jobs (the nightly matching, the morning reminders and indicator snapshots). Off for a
   * second instance behind a load balancer (only one should run them) and for benchmarks.
   */
  jobs: boolean;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  passwordMaxAgeDays: number;
  loginRateLimitPerMinute: number;
  logLevel: string;
  /** Hash of new audit rows (and HMAC of checkpoints): SHA-256, or SM3 where 密评 requires 国密 algorithms. */
  auditHash: 'sha256' | 'sm3';
  webDist: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (VAR= in a shell or a service file) means "not set", not an empty value.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误 / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const embedded = !e.DATABASE_URL;
  const production = e.NODE_ENV === 'production';
  if (production && e.NUANYANG_DEMO) throw new ConfigError('NUANYANG_DEMO cannot be enabled when NODE_ENV=production');
  if (production && !e.NUANYANG_MASTER_KEY) {
    throw new ConfigError('NUANYANG_MASTER_KEY must be set in production (32 random bytes, base64); keys live outside the database');
  }
  // A replica of the embedded database cannot exist: a read URL beside it is a mistake, not a choice.
  if (embedded && e.DATABASE_READ_URL)
    throw new ConfigError('DATABASE_READ_URL 需要同时设置 DATABASE_URL（内置数据库没有只读副本）/ DATABASE_READ_URL needs DATABASE_URL');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? null,
    appDatabaseUrl: e.APP_DATABASE_URL ?? null,
    readDatabaseUrl: e.DATABASE_READ_URL ?? null,
    appRole: e.NUANYANG_APP_ROLE,
    dataDir: path.resolve(e.NUANYANG_DATA_DIR),
    masterKey: e.NUANYANG_MASTER_KEY ?? null,
    initialPasswordsFile: path.resolve(e.NUANYANG_INITIAL_PASSWORDS_FILE ?? path.join(e.NUANYANG_DATA_DIR, 'initial-admin-passwords.txt')),
    demo: e.NUANYANG_DEMO ?? (embedded && !production),
    seedChildren: e.NUANYANG_SEED_CHILDREN,
    https: e.NUANYANG_HTTPS,
    trustProxy: e.NUANYANG_TRUST_PROXY,
    jobs: e.NUANYANG_JOBS,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    passwordMaxAgeDays: e.PASSWORD_MAX_AGE_DAYS,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    logLevel: e.LOG_LEVEL,
    auditHash: e.NUANYANG_AUDIT_HASH,
    webDist: path.resolve(import.meta.dirname, '../../web/dist'),
  };
}
