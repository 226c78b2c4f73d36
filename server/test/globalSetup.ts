/**
 * Prepares PostgreSQL for the integration tests, once per run: the machine's PostgreSQL when
 * DATABASE_URL is set (CI runs both ways), otherwise an embedded cluster in a temporary folder.
 * A template database is migrated and seeded (reference data, demo accounts, a few demo
 * children); every test file clones it (CREATE DATABASE … TEMPLATE), so files run in parallel
 * without seeing each other's rows.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { cryptoFor } from '../src/runtime.js';
import { deriveKeys, parseMasterKey } from '../src/crypto/keys.js';
import { applyReferenceData } from '../src/seed/reference.js';
import { seedDemoOrganisation, DEMO_SEED } from '../src/seed/startup.js';
import { loadDemoChildren } from '../src/seed/children.js';

export const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');
export const TEST_CHILDREN = 240;

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    pgDataDir: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nuanyang-test-'));
  const template = `nuanyang_tpl_${crypto.randomBytes(4).toString('hex')}`;
  const config = loadConfig({ ...pickEnv(), NUANYANG_DATA_DIR: dataDir, NUANYANG_MASTER_KEY: TEST_MASTER_KEY, NODE_ENV: 'test' });
  const keys = deriveKeys(parseMasterKey(TEST_MASTER_KEY));

  if (config.databaseUrl) {
    const admin = new pg.Client({ connectionString: config.databaseUrl });
    await admin.connect();
    await admin.query(`create database ${template}`);
    await admin.end();
  }
  // openDatabase creates the database on an embedded cluster itself.
  const db = await openDatabase({ config, keys, databaseName: template });
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  await applyReferenceData(owner);
  await seedDemoOrganisation(owner);
  await loadDemoChildren(owner, cryptoFor(keys), { children: TEST_CHILDREN, seed: DEMO_SEED });
  await owner.end();
  await Promise.all([db.owner.end(), db.app.end()]);

  const adminUrl = new URL(db.ownerUrl);
  adminUrl.pathname = '/postgres';
  project.provide('pgAdminUrl', adminUrl.toString());
  project.provide('pgTemplate', template);
  project.provide('pgDataDir', dataDir);

  return async () => {
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'nuanyang_t%'`);
    for (const r of rows) {
      if (r.datname === template || r.datname.startsWith(`${template}_`)) {
        await admin.query(`drop database if exists ${r.datname} with (force)`).catch(() => {});
      }
    }
    await admin.end();
    await db.embedded?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

/** Only the variables that select the database travel into the test configuration. */
function pickEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  if (process.env.DATABASE_URL) env.DATABASE_URL = process.env.DATABASE_URL;
  return env;
}
