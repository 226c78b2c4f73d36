/**
 * A fresh production installation creates the three administrators with one-time passwords that
 * go to a 0600 file, never to the console (start-up output ends up in logs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../test/harness.js';
import { loadConfig } from '../config.js';
import { verifyPassword } from '../modules/auth/passwords.js';
import { createInitialAdministrators, prepareData } from './startup.js';

let env: TestEnv;
let dir: string;
beforeAll(async () => {
  env = await testEnv({ demo: false, env: 'production' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nuanyang-initial-'));
  // The cloned database holds the demo accounts: move them aside so the administrators' names are free.
  await env.owner.query(`update users set username = username || '-demo', password_is_demo = false where username in ('admin', 'secadmin', 'auditor')`);
  await env.owner.query('update users set password_is_demo = false');
});
afterAll(async () => {
  await env?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('initial administrators of a production installation', () => {
  it('writes the one-time passwords to an owner-only file and prints only its path', async () => {
    const file = path.join(dir, 'secrets', 'initial-admin-passwords.txt');
    const notices = await createInitialAdministrators(env.owner, file);

    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const content = fs.readFileSync(file, 'utf8');
    const entries = content
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.trim().split(/\s+/));
    expect(entries.map((e) => e[0])).toEqual(['admin', 'secadmin', 'auditor']);
    for (const [username, password] of entries) {
      const row = (await env.owner.query('select password_hash, must_change_password from users where username = $1', [username])).rows[0];
      expect(await verifyPassword(row.password_hash, password!)).toBe(true);
      expect(row.must_change_password).toBe(true);
      // The console sees the path and the instruction, never a password.
      expect(notices.join('\n')).not.toContain(password);
    }
    expect(notices.join('\n')).toContain(file);
    expect(notices.join('\n')).toContain('删除');

    // The holder logs in with it and must change it (and enrol a second factor) first.
    const a = env.agent();
    const login = await a.post('/api/auth/login', { username: 'auditor', password: entries[2]![1] });
    expect(login.statusCode).toBe(200);
    expect(login.json().pending).toBe('password-change');
  });

  it('refuses an existing file (or a link planted there) and creates no account', async () => {
    await env.owner.query(`update users set username = username || '-first' where username in ('admin', 'secadmin', 'auditor')`);
    const target = path.join(dir, 'elsewhere.txt');
    fs.writeFileSync(target, '');
    const file = path.join(dir, 'planted.txt');
    fs.symlinkSync(target, file);
    await expect(createInitialAdministrators(env.owner, file)).rejects.toThrow(/已存在|already exists/);
    expect(fs.readFileSync(target, 'utf8')).toBe('');
    expect((await env.owner.query(`select 1 from users where username in ('admin', 'secadmin', 'auditor')`)).rowCount).toBe(0);
  });

  it('prepareData on an empty production database writes the file at the configured path (NUANYANG_INITIAL_PASSWORDS_FILE)', async () => {
    const file = path.join(dir, 'from-env.txt');
    expect(loadConfig({ NUANYANG_INITIAL_PASSWORDS_FILE: file }).initialPasswordsFile).toBe(file);
    expect(loadConfig({ NUANYANG_DATA_DIR: dir }).initialPasswordsFile).toBe(path.join(dir, 'initial-admin-passwords.txt'));
    const config = { ...env.deps.config, initialPasswordsFile: file };
    // With accounts present nothing is created and no file is written.
    expect((await prepareData(env.db, config, env.deps.crypto, () => {})).notices).toEqual([]);
    expect(fs.existsSync(file)).toBe(false);
    // A fresh installation: no accounts at all (this test's database is a throwaway clone).
    await env.owner.query('truncate users cascade');
    const logged: string[] = [];
    const prepared = await prepareData(env.db, config, env.deps.crypto, (m) => logged.push(m));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const passwords = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.trim().split(/\s+/)[1]!);
    expect(passwords).toHaveLength(3);
    const printed = [...logged, ...prepared.notices].join('\n');
    expect(printed).toContain(file);
    for (const p of passwords) expect(printed).not.toContain(p);
  });
});
