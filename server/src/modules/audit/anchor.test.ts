import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { TEST_MASTER_KEY } from '../../../test/globalSetup.js';
import { deriveKeys, parseMasterKey } from '../../crypto/keys.js';
import { checkpointFile, writeCheckpoint } from './checkpoints.js';
import { applyAuditHash } from './commands.js';
import { verifyAuditChain } from './verify.js';

const key = deriveKeys(parseMasterKey(TEST_MASTER_KEY)).auditCheckpoint;

/** Each case on its own database and data folder: tampering in one must not leak into another. */
async function fresh(): Promise<{ env: TestEnv; dataDir: string; anchor: { dataDir: string; key: Buffer } }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nuanyang-anchor-'));
  const env = await testEnv({ dataDir });
  return { env, dataDir, anchor: { dataDir, key } };
}

/** Some audited activity: logins, reads. */
async function activity(env: TestEnv, n = 3): Promise<void> {
  for (let i = 0; i < n; i++) {
    const a = await env.login(i % 2 ? 'district' : 'auditor');
    await a.get('/api/auth/me');
  }
}

/** As the database owner with plain SQL: recompute every hash from `fromId` on, so the chain links again. */
async function rechain(env: TestEnv, fromId: number): Promise<void> {
  await env.owner.query(`
    do $$
    declare r record; v_prev bytea;
    begin
      select hash into v_prev from audit_log where id < ${fromId} order by id desc limit 1;
      for r in select * from audit_log where id >= ${fromId} order by id loop
        update audit_log set prev_hash = v_prev,
          hash = audit_row_hash_with(r.hash_alg, v_prev, r.id, r.at, r.user_id, r.username, r.unit_code, r.roles, r.ip, r.action, r.entity, r.entity_id, r.outcome, r.summary, r.reason, r.request_id)
        where id = r.id returning hash into v_prev;
      end loop;
    end $$`);
}

const cases: { env: TestEnv; dataDir: string }[] = [];
afterAll(async () => {
  for (const c of cases) {
    await c.env.close();
    fs.rmSync(c.dataDir, { recursive: true, force: true });
  }
});

describe('audit chain anchored outside the database', () => {
  let t: Awaited<ReturnType<typeof fresh>>;
  beforeAll(async () => {
    t = await fresh();
    cases.push(t);
  });

  it('writes signed checkpoints to an owner-only append-only file, only when the head moved', async () => {
    await activity(t.env);
    const first = await writeCheckpoint(t.env.owner, { ...t.anchor, alg: 'sha256' });
    expect(first.written).toBe(true);
    expect(await writeCheckpoint(t.env.owner, { ...t.anchor, alg: 'sha256' })).toEqual({ written: false, why: 'unchanged' });
    await activity(t.env, 1);
    const second = await writeCheckpoint(t.env.owner, { ...t.anchor, alg: 'sha256' });
    expect(second.written).toBe(true);
    const db = (await t.env.owner.query('select current_database() as db')).rows[0].db;
    const file = checkpointFile(t.dataDir, db);
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // The carried-forward count equals a fresh count.
    if (second.written) {
      const n = (await t.env.owner.query('select count(*)::int as n from audit_log where id <= $1', [second.checkpoint.id])).rows[0].n;
      expect(second.checkpoint.count).toBe(n);
    }
    const r = await verifyAuditChain(t.env.owner, { anchor: t.anchor });
    expect(r).toMatchObject({ ok: true, checkpoints: 2 });
    expect(r.lastCheckpoint?.id).toBe(String(second.written && second.checkpoint.id));
  });

  it('detects a forged or edited checkpoint line', async () => {
    const db = (await t.env.owner.query('select current_database() as db')).rows[0].db;
    const file = checkpointFile(t.dataDir, db);
    const original = fs.readFileSync(file, 'utf8');
    const lines = original.trim().split('\n');
    const last = JSON.parse(lines.at(-1)!);
    fs.writeFileSync(file, [...lines.slice(0, -1), JSON.stringify({ ...last, count: last.count - 1 })].join('\n') + '\n');
    const r = await verifyAuditChain(t.env.owner, { anchor: t.anchor });
    expect(r.ok).toBe(false);
    expect(r.reason).toContain('检查点文件第 2 行无效');
    // A checkpoint signed with another key is as good as forged.
    const other = await verifyAuditChain(t.env.owner, { anchor: { dataDir: t.dataDir, key: crypto.randomBytes(32) } });
    expect(other.ok).toBe(false);
    fs.writeFileSync(file, original);
    expect((await verifyAuditChain(t.env.owner, { anchor: t.anchor })).ok).toBe(true);
  });
});

describe('tampering by the database owner', () => {
  it('detects truncation of the last rows, which the chain alone cannot see', async () => {
    const t = await fresh();
    cases.push(t);
    await activity(t.env, 4);
    expect((await writeCheckpoint(t.env.owner, { ...t.anchor, alg: 'sha256' })).written).toBe(true);
    const ids = (await t.env.owner.query<{ id: number }>('select id from audit_log order by id desc limit 3')).rows.map((r) => r.id);
    await t.env.owner.query('alter table audit_log disable trigger audit_log_no_update');
    await t.env.owner.query('delete from audit_log where id = any($1)', [ids]);
    await t.env.owner.query('alter table audit_log enable trigger audit_log_no_update');

    expect((await verifyAuditChain(t.env.owner)).ok).toBe(true); // the old verifier's blind spot
    const r = await verifyAuditChain(t.env.owner, { anchor: t.anchor });
    expect(r.ok).toBe(false);
    expect(r.firstBrokenId).toBe(String(ids[0]));
    expect(r.reason).toContain('截断');
    // And the server refuses to sign the shortened chain.
    expect(await writeCheckpoint(t.env.owner, { ...t.anchor, alg: 'sha256' })).toMatchObject({ written: false, why: 'broken' });
  });

  it('detects an edited row whose later hashes were all recomputed with plain SQL', async () => {
    const t = await fresh();
    cases.push(t);
    await activity(t.env, 4);
    expect((await writeCheckpoint(t.env.owner, { ...t.anchor, alg: 'sha256' })).written).toBe(true);
    const ids = (await t.env.owner.query<{ id: number }>('select id from audit_log order by id')).rows.map((r) => r.id);
    const victim = ids[Math.floor(ids.length / 2)]!;
    await t.env.owner.query('alter table audit_log disable trigger audit_log_no_update');
    await t.env.owner.query(`update audit_log set username = 'someone-else' where id = $1`, [victim]);
    await rechain(t.env, victim);
    await t.env.owner.query('alter table audit_log enable trigger audit_log_no_update');

    expect((await verifyAuditChain(t.env.owner)).ok).toBe(true); // re-chained: links and hashes agree
    const r = await verifyAuditChain(t.env.owner, { anchor: t.anchor });
    expect(r.ok).toBe(false);
    expect(r.reason).toContain('重新计算');
  });

  it('detects a deleted middle row with the chain recomputed after it', async () => {
    const t = await fresh();
    cases.push(t);
    await activity(t.env, 4);
    const ids = (await t.env.owner.query<{ id: number }>('select id from audit_log order by id')).rows.map((r) => r.id);
    expect((await writeCheckpoint(t.env.owner, { ...t.anchor, alg: 'sha256' })).written).toBe(true);
    // The owner deletes an early row and re-chains everything after it: the chain links again, but
    // the checkpointed head's hash (which covers every row before it) cannot be kept.
    await t.env.owner.query('alter table audit_log disable trigger audit_log_no_update');
    await t.env.owner.query('delete from audit_log where id = $1', [ids[1]]);
    await rechain(t.env, ids[2]!);
    await t.env.owner.query('alter table audit_log enable trigger audit_log_no_update');
    expect((await verifyAuditChain(t.env.owner)).ok).toBe(true);
    expect((await verifyAuditChain(t.env.owner, { anchor: t.anchor })).ok).toBe(false);
  });
});

describe('SM3 (国密)', () => {
  it('uses the real SM3, switches per row, verifies across the change and detects tampering', async () => {
    const t = await fresh();
    cases.push(t);
    // pgcrypto's SM3 is the standard one (GB/T 32905 test vector "abc"), the same as Node's.
    const v = (await t.env.owner.query(`select encode(digest('abc', 'sm3'), 'hex') as h`)).rows[0].h;
    expect(v).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(crypto.createHash('sm3').update('abc').digest('hex')).toBe(v);

    await activity(t.env, 2);
    expect(await applyAuditHash(t.env.owner, 'sm3')).toEqual({ changed: true, from: 'sha256' });
    expect(await applyAuditHash(t.env.owner, 'sm3')).toEqual({ changed: false, from: 'sm3' });
    await activity(t.env, 3);
    const algs = (await t.env.owner.query<{ hash_alg: string; n: number }>('select hash_alg, count(*)::int as n from audit_log group by 1 order by 1')).rows;
    expect(algs.map((a) => a.hash_alg)).toEqual(['sha256', 'sm3']);
    const change = (await t.env.owner.query(`select hash_alg, summary from audit_log where action = 'audit.hash.change'`)).rows[0];
    expect(change).toMatchObject({ hash_alg: 'sm3', summary: { hashAlg: { from: 'sha256', to: 'sm3' } } });

    expect((await writeCheckpoint(t.env.owner, { ...t.anchor, alg: 'sm3' })).written).toBe(true);
    const ok = await verifyAuditChain(t.env.owner, { anchor: t.anchor });
    expect(ok).toMatchObject({ ok: true, checkpoints: 1, afterLastCheckpoint: 0 });

    // Tamper an SM3 row: the recomputed SM3 hash no longer matches.
    const sm3Row = (await t.env.owner.query<{ id: number }>(`select id from audit_log where hash_alg = 'sm3' order by id desc limit 1 offset 1`)).rows[0]!.id;
    await t.env.owner.query('alter table audit_log disable trigger audit_log_no_update');
    await t.env.owner.query(`update audit_log set ip = '10.9.9.9' where id = $1`, [sm3Row]);
    const bad = await verifyAuditChain(t.env.owner, { anchor: t.anchor });
    expect(bad).toMatchObject({ ok: false, firstBrokenId: String(sm3Row) });
    expect(bad.reason).toContain('内容');
    // Relabelling the row as SHA-256 does not help either.
    await t.env.owner.query(`update audit_log set ip = null, hash_alg = 'sha256' where id = $1`, [sm3Row]);
    expect((await verifyAuditChain(t.env.owner)).firstBrokenId).toBe(String(sm3Row));
    await t.env.owner.query('alter table audit_log enable trigger audit_log_no_update');
  });

  it('the verification endpoint compares the checkpoints too', async () => {
    const t = await fresh();
    cases.push(t);
    await activity(t.env, 2);
    expect((await writeCheckpoint(t.env.owner, { ...t.anchor, alg: 'sha256' })).written).toBe(true);
    const auditor = await t.env.login('auditor');
    const ok = (await auditor.post('/api/audit/verify')).json();
    expect(ok).toMatchObject({ ok: true, checkpoints: 1 });
    expect(ok.afterLastCheckpoint).toBeGreaterThan(0); // the auditor's own login came after it
  });
});
