/**
 * Test harness: a real application on its own cloned database, a movable clock, and an agent that
 * logs in and carries the session cookie and CSRF token like the web interface does.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppDeps } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { deriveKeys, parseMasterKey } from '../src/crypto/keys.js';
import { poolsFor, type Database } from '../src/db/database.js';
import { cryptoFor } from '../src/runtime.js';
import { TEST_MASTER_KEY } from './globalSetup.js';

export const DEMO_PASSWORD = 'nuanyang-demo';

export interface TestClock {
  now: number;
  advance(ms: number): void;
}

export interface TestEnv {
  app: FastifyInstance;
  deps: AppDeps;
  db: Database;
  clock: TestClock;
  /** A superuser/owner client on this test's database, for setting up and inspecting rows. */
  owner: pg.Client;
  login(username: string, password?: string): Promise<Agent>;
  agent(): Agent;
  close(): Promise<void>;
}

export async function cloneDatabase(): Promise<{ ownerUrl: string; appUrl: string; name: string }> {
  const adminUrl = inject('pgAdminUrl');
  const template = inject('pgTemplate');
  // Named after this run's template: a run's teardown drops its own clones only, never those of
  // another run sharing the PostgreSQL server (parallel CI jobs, several checkouts).
  const name = `${template}_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // Template cloning fails while another session is connected to the template; retry briefly.
  for (let i = 0; ; i++) {
    try {
      await admin.query(`create database ${name} template ${template}`);
      break;
    } catch (err) {
      if (i > 20) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await admin.end();
  const ownerUrl = new URL(adminUrl);
  ownerUrl.pathname = `/${name}`;
  const keys = deriveKeys(parseMasterKey(TEST_MASTER_KEY));
  const appUrl = new URL(ownerUrl);
  appUrl.username = 'nuanyang_app';
  appUrl.password = keys.appDbPassword;
  return { ownerUrl: ownerUrl.toString(), appUrl: appUrl.toString(), name };
}

export async function testEnv(overrides: Partial<Config> = {}): Promise<TestEnv> {
  const { ownerUrl, appUrl } = await cloneDatabase();
  const base = loadConfig({ NUANYANG_MASTER_KEY: TEST_MASTER_KEY, NUANYANG_DATA_DIR: inject('pgDataDir'), NODE_ENV: 'test', NUANYANG_DEMO: '1' });
  const config: Config = { ...base, ...overrides };
  const db = poolsFor(ownerUrl, appUrl, null);
  const clock: TestClock = {
    now: Date.now(),
    advance(ms) {
      this.now += ms;
    },
  };
  const deps: AppDeps = { config, db, crypto: cryptoFor(deriveKeys(parseMasterKey(TEST_MASTER_KEY))), clock: () => clock.now };
  const app = await buildApp(deps);
  await app.ready();
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  const env: TestEnv = {
    app,
    deps,
    db,
    clock,
    owner,
    agent: () => new Agent(app),
    async login(username, password = DEMO_PASSWORD) {
      const a = new Agent(app);
      const res = await a.post('/api/auth/login', { username, password });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      return a;
    },
    async close() {
      await app.close();
      await owner.end();
      await db.close();
    },
  };
  return env;
}

/** Carries the cookie and CSRF token between requests, like a browser tab running the interface. */
export class Agent {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(private readonly app: FastifyInstance) {}

  async request(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET' && !('x-csrf-token' in headers)) h['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({ method, url, headers: h, ...(body !== undefined ? { payload: body as object } : {}) });
    const set = res.cookies.find((c) => c.name.endsWith('nuanyang_sid'));
    if (set) this.cookie = set.value ? `${set.name}=${set.value}` : null;
    if (res.statusCode === 200 && res.headers['content-type']?.toString().includes('json')) {
      const json = res.json() as { csrfToken?: string };
      if (json && typeof json.csrfToken === 'string') this.csrf = json.csrfToken;
    }
    return res;
  }
  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body: unknown = {}, headers?: Record<string, string>) {
    return this.request('POST', url, body, headers);
  }
  patch(url: string, body: unknown, headers?: Record<string, string>) {
    return this.request('PATCH', url, body, headers);
  }
  put(url: string, body: unknown, headers?: Record<string, string>) {
    return this.request('PUT', url, body, headers);
  }
  delete(url: string, headers?: Record<string, string>) {
    return this.request('DELETE', url, undefined, headers);
  }
}
