/**
 * The session cookie is cleared with the attributes it was set with (under HTTPS a `__Host-`
 * cookie without `Secure` in the clearing header is ignored by browsers), and a failing query
 * leaves no parameter value in the server log.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { testEnv, type TestEnv } from '../../test/harness.js';
import { inScope } from '../core/context.js';
import { errorForLog, loggerOptions, scrubMessage } from './logging.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

describe('logout under HTTPS', () => {
  it('clears the __Host- cookie with Secure, HttpOnly, SameSite and Path=/ as it was set', async () => {
    const app = await buildApp({ ...env.deps, config: { ...env.deps.config, https: true } });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'district', password: 'nuanyang-demo' } });
      const set = login.cookies.find((c) => c.name === '__Host-nuanyang_sid')!;
      expect(set).toMatchObject({ secure: true, httpOnly: true, path: '/', sameSite: 'Strict' });
      const cookie = `__Host-nuanyang_sid=${set.value}`;
      const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': login.json().csrfToken } });
      expect(out.statusCode).toBe(204);
      const cleared = out.cookies.find((c) => c.name === '__Host-nuanyang_sid')!;
      expect(cleared.value).toBe('');
      expect(cleared).toMatchObject({ secure: true, httpOnly: true, path: '/', sameSite: 'Strict' });
      expect(String(out.headers['set-cookie'])).toMatch(/__Host-nuanyang_sid=;.*Secure/);
      // The revoked cookie is refused, and the refusal clears it the same way.
      const after = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
      expect(after.statusCode).toBe(401);
      expect(after.cookies.find((c) => c.name === '__Host-nuanyang_sid')).toMatchObject({ value: '', secure: true, path: '/' });
    } finally {
      await app.close();
    }
  });
});

describe('a failing query', () => {
  const SECRET_NAME = '王秘密';
  const SECRET_ID = '310110201501011234';

  it('leaves no parameter value in the log, whatever the failing statement', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const app = await buildApp(env.deps, { logger: loggerOptions('info', stream) });
    app.get('/api/test-only/int-fails', { config: { access: { public: true } } }, async (req) =>
      inScope(env.deps.db, req.ctx, (tx) => tx.client.query('select $1::int', [`${SECRET_NAME}${SECRET_ID}`])),
    );
    app.get('/api/test-only/pg-fails', { config: { access: { public: true } } }, async (req) =>
      inScope(env.deps.db, req.ctx, (tx) => tx.client.query('select $1::date', [`${SECRET_NAME}${SECRET_ID}`])),
    );
    app.get('/api/test-only/dup-unit', { config: { access: { public: true } } }, async (req) =>
      inScope(env.deps.db, req.ctx, (tx) =>
        tx.client.query(`insert into units (code, name, name_en, kind, active, sort) select code, $1, '', 'department', true, 1000 from units limit 1`, [
          `${SECRET_NAME}${SECRET_ID}`,
        ]),
      ),
    );
    try {
      for (const url of ['/api/test-only/int-fails', '/api/test-only/pg-fails']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(500);
        expect(res.body).not.toContain(SECRET_ID);
      }
      // A duplicate unit: a 409, and its values stay out of the log too.
      const dup = await app.inject({ method: 'GET', url: '/api/test-only/dup-unit' });
      expect(dup.statusCode).toBe(409);
      expect(dup.body).not.toContain(SECRET_ID);
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'nuanyang-demo' } });
      const cookie = `nuanyang_sid=${login.cookies.find((c) => c.name === 'nuanyang_sid')!.value}`;
      const units = await app.inject({ method: 'GET', url: '/api/org/units', headers: { cookie } });
      expect(units.statusCode).toBe(200);
    } finally {
      await app.close();
    }
    const log = lines.join('');
    expect(log).toContain('unhandled error');
    expect(log).toContain('22P02'); // the code is kept, so the failure can still be diagnosed
    expect(log).not.toContain(SECRET_NAME);
    expect(log).not.toContain(SECRET_ID);
    expect(log).not.toMatch(/params:/);
  });

  it('a unique violation is a 409, not a 500', async () => {
    const app = await buildApp(env.deps);
    app.get('/api/test-only/dup', { config: { access: { public: true } } }, async (req) =>
      inScope(env.deps.db, req.ctx, (tx) =>
        tx.client.query(
          `insert into units (code, name, name_en, kind, active, sort) select code, name || '-copy', '', 'department', true, 1000 from units limit 1`,
        ),
      ),
    );
    try {
      const res = await app.inject({ method: 'GET', url: '/api/test-only/dup' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('CONFLICT');
    } finally {
      await app.close();
    }
  });

  it('errorForLog keeps codes and object names, drops values', () => {
    const pgErr = Object.assign(new Error(`invalid input syntax for type date: "${SECRET_NAME}"`), {
      code: '22007',
      table: 'children',
      detail: `Key (name)=(${SECRET_NAME})`,
      where: `SQL statement "insert ... '${SECRET_NAME}'"`,
    });
    const out = JSON.stringify(errorForLog(pgErr));
    expect(out).toContain('22007');
    expect(out).toContain('children');
    expect(out).not.toContain(SECRET_NAME);
    expect(scrubMessage(`Failed query: select 1\nparams: ${SECRET_NAME},${SECRET_ID}`)).toBe('Failed query: select 1');
  });
});
