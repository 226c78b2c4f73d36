/**
 * A quick loop, not a benchmark: what an audit append costs, before and after the per-row algorithm
 * (migrations 0200/0201), in the same run so the machine's load is the same for both. "Before" is
 * the first version of audit_append (20261129_0003), recreated here under another name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { applyAuditHash } from './commands.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
  await env.owner.query(`
    create function audit_append_before(
      p_user_id uuid, p_username text, p_unit_code text, p_roles text, p_ip text, p_action text, p_entity text,
      p_entity_id text, p_outcome text, p_summary jsonb, p_reason text, p_request_id text
    ) returns bigint language plpgsql security definer set search_path = public, pg_temp as $$
    declare v_id bigint; v_at timestamptz := clock_timestamp(); v_prev bytea;
    begin
      perform pg_advisory_xact_lock(4242001);
      select hash into v_prev from audit_log order by id desc limit 1;
      v_id := nextval('audit_log_id_seq');
      insert into audit_log (id, at, user_id, username, unit_code, roles, ip, action, entity, entity_id, outcome, summary, reason, request_id, prev_hash, hash)
      values (v_id, v_at, p_user_id, p_username, p_unit_code, p_roles, p_ip, p_action, p_entity, p_entity_id, p_outcome, p_summary, p_reason, p_request_id, v_prev,
              audit_row_hash(v_prev, v_id, v_at, p_user_id, p_username, p_unit_code, p_roles, p_ip, p_action, p_entity, p_entity_id, p_outcome, p_summary, p_reason, p_request_id));
      return v_id;
    end $$;
    grant execute on function audit_append_before(uuid, text, text, text, text, text, text, text, text, jsonb, text, text) to nuanyang_app`);
});
afterAll(async () => {
  await env?.close();
});

/** Microseconds per append, as the application role writes them (the same call as appendAudit). */
async function loop(fn: 'audit_append' | 'audit_append_before', n: number, oneTransaction: boolean): Promise<number> {
  const client = await env.db.app.connect();
  try {
    const t0 = performance.now();
    if (oneTransaction) await client.query('begin');
    for (let i = 0; i < n; i++) {
      if (!oneTransaction) await client.query('begin');
      await client.query(`select ${fn}(null, 'speed', 'civil-affairs', 'auditor', '127.0.0.1', 'speed.test', 'child', $1, 'success', $2, null, 'speed')`, [
        String(i),
        JSON.stringify({ i, note: '测试' }),
      ]);
      if (!oneTransaction) await client.query('commit');
    }
    if (oneTransaction) await client.query('commit');
    return ((performance.now() - t0) * 1000) / n;
  } finally {
    client.release();
  }
}

describe('audit append speed', () => {
  it('stays as fast as before', { timeout: 300_000 }, async () => {
    const runs: [string, 'audit_append' | 'audit_append_before', 'sha256' | 'sm3'][] = [
      ['before', 'audit_append_before', 'sha256'],
      ['sha256', 'audit_append', 'sha256'],
      ['sm3', 'audit_append', 'sm3'],
    ];
    // Twice each, alternating, so a load spike does not land on one of them only.
    for (let round = 0; round < 2; round++) {
      for (const [label, fn, alg] of runs) {
        await applyAuditHash(env.owner, alg);
        await loop(fn, 100, true);
        const inTx = await loop(fn, 1000, true);
        const perTx = await loop(fn, 100, false);
        console.log(`append ${label}: ${inTx.toFixed(0)} µs per row in one transaction, ${perTx.toFixed(0)} µs per audited transaction with its commit`);
        expect(inTx).toBeLessThan(20_000);
      }
    }
    // The hash alone, over the same row text.
    for (const [label, fn] of [
      ['before', `audit_row_hash(null`],
      ['sha256', `audit_row_hash_with('sha256', null`],
      ['sm3', `audit_row_hash_with('sm3', null`],
    ]) {
      const t0 = performance.now();
      await env.owner.query(
        `select count(${fn}, i, now(), null, 'user', 'unit', 'roles', '127.0.0.1', 'speed.test', 'child', 'id', 'success', '{"a":1}'::jsonb, null, 'req')) from generate_series(1, 20000) i`,
      );
      console.log(`hash ${label}: ${(((performance.now() - t0) * 1000) / 20000).toFixed(1)} µs per row`);
    }
  });
});
