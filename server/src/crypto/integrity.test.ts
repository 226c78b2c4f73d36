/**
 * A ciphertext altered in the database: the child's file still opens, the damaged field reads
 * "数据校验失败", an integrity event is audited and the security administrators are alerted. Where
 * the value is indispensable (a second-factor secret) the answer is a clear DATA_INTEGRITY error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { INTEGRITY_MARK, maskIdNumber, maskPhone } from '#common/mask.js';
import { testEnv, type TestEnv } from '../../test/harness.js';
import { currentTotp } from '../modules/auth/totp.js';
import { IntegrityError } from './integrity.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

/** Flips one character of the ciphertext body (still valid base64url), as an attacker with SQL would. */
const TAMPER = `regexp_replace(%s, '.$', case when right(%s, 1) = 'A' then 'B' else 'A' end)`;
const tamper = (col: string) => TAMPER.replaceAll('%s', col);

describe('tampered ciphertext', () => {
  it('shows the field as 数据校验失败, keeps the rest of the file readable, audits and alerts', async () => {
    const child = (
      await env.owner.query(
        `select id, name from children where street_code = 'dinghai' and id_number_enc is not null and phone_enc is not null order by id limit 1`,
      )
    ).rows[0];
    await env.owner.query(`update children set id_number_enc = ${tamper('id_number_enc')} where id = $1`, [child.id]);

    const a = await env.login('district');
    const file = await a.get(`/api/children/${child.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.json().name).toBe(child.name);
    expect(file.json().idNumberMasked).toBe(INTEGRITY_MARK);
    expect(file.json().phoneMasked).toMatch(/\*/); // the intact fields still decrypt

    const unmask = await a.post(`/api/children/${child.id}/unmask`, { fields: ['idNumber', 'phone'], reason: '核对完整性' });
    expect(unmask.statusCode).toBe(200);
    expect(unmask.json().idNumber).toBe(INTEGRITY_MARK);
    expect(unmask.json().phone).toMatch(/^\d+/);

    const events = (
      await env.owner.query(`select username, outcome, entity, entity_id, summary from audit_log where action = 'security.integrity' order by id`)
    ).rows;
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events[0]).toMatchObject({ username: 'district', outcome: 'failed', entity: 'child', entity_id: child.id });
    expect(events[0].summary.columns).toEqual(['children.id_number']);
    const alerts = (
      await env.owner.query(`select u.username, n.body from notifications n join users u on u.id = n.user_id where n.kind = 'security.integrity'`)
    ).rows;
    expect(alerts.map((r) => r.username)).toContain('secadmin');
    expect(alerts[0].body).toContain('children.id_number');
    expect(alerts[0].body).not.toContain(child.name);
  });

  it('in a list, marks the one row and answers the page', async () => {
    const a = await env.login('street-dinghai');
    const list = await a.get('/api/children?pageSize=200');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.filter((c: { idNumberMasked: string | null }) => c.idNumberMasked === INTEGRITY_MARK)).toHaveLength(1);
  });

  it('in a second-factor secret, answers DATA_INTEGRITY (not a crash) and records it', async () => {
    const a = await env.login('edu');
    const setup = (await a.post('/api/auth/totp/setup')).json();
    expect((await a.post('/api/auth/totp/enable', { code: currentTotp(setup.secret, env.clock.now) })).statusCode).toBe(200);
    await env.owner.query(`update users set totp_secret_enc = ${tamper('totp_secret_enc')} where username = 'edu'`);
    env.clock.advance(60_000);
    const b = env.agent();
    await b.post('/api/auth/login', { username: 'edu', password: 'nuanyang-demo' });
    const res = await b.post('/api/auth/mfa', { code: currentTotp(setup.secret, env.clock.now) });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('DATA_INTEGRITY');
    expect(res.json().error.message).toContain('数据校验失败');
    const ev = (await env.owner.query(`select summary from audit_log where action = 'security.integrity' and username = 'edu'`)).rows;
    expect(ev[0].summary.columns).toEqual(['users.totp_secret']);
  });

  it('a ciphertext moved to another column fails the same way', () => {
    const sealed = env.deps.crypto.encrypt('13812345678', 'children.phone');
    expect(() => env.deps.crypto.decrypt(sealed, 'children.id_number')).toThrow(IntegrityError);
    expect(env.deps.crypto.decryptOrNull(sealed, 'children.id_number')).toBe(INTEGRITY_MARK);
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (junk) => {
        expect(env.deps.crypto.decryptOrNull(junk, 'children.phone')).toBe(INTEGRITY_MARK);
      }),
    );
    expect(maskIdNumber(INTEGRITY_MARK)).toBe(INTEGRITY_MARK);
    expect(maskPhone(INTEGRITY_MARK)).toBe(INTEGRITY_MARK);
  });
});
