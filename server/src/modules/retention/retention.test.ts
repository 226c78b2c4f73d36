import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { TEST_MASTER_KEY } from '../../../test/globalSetup.js';
import { deriveKeys, parseMasterKey } from '../../crypto/keys.js';
import { writeCheckpoint } from '../audit/checkpoints.js';
import { verifyAuditChain } from '../audit/verify.js';
import { runRetention } from './commands.js';
import { cutoffInstant } from './cutoff.js';

const key = deriveKeys(parseMasterKey(TEST_MASTER_KEY)).auditCheckpoint;
const MONTH = 30.5 * 86_400_000;

/** As the owner: move the rows up to `throughId` back in time and rechain everything after them. */
async function backdate(env: TestEnv, throughId: number, months: number): Promise<void> {
  await env.owner.query('alter table audit_log disable trigger audit_log_no_update');
  await env.owner.query(`
    do $$
    declare r record; v_prev bytea := null;
    begin
      update audit_log set at = at - interval '${months} months' where id <= ${throughId};
      for r in select * from audit_log order by id loop
        update audit_log set prev_hash = v_prev,
          hash = audit_row_hash_with(r.hash_alg, v_prev, r.id, r.at, r.user_id, r.username, r.unit_code, r.roles, r.ip, r.action, r.entity, r.entity_id, r.outcome, r.summary, r.reason, r.request_id)
        where id = r.id returning hash into v_prev;
      end loop;
    end $$`);
  await env.owner.query('alter table audit_log enable trigger audit_log_no_update');
}

async function maxAuditId(env: TestEnv): Promise<number> {
  return Number((await env.owner.query<{ id: string }>('select max(id) as id from audit_log')).rows[0]?.id);
}

describe('retention settings', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv();
  });
  afterAll(async () => env.close());

  it('the security administrator reads and changes them; minimums refused with Chinese messages; others 403', async () => {
    const sec = await env.login('secadmin');
    const r = await sec.get('/api/retention/settings');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      auditMonths: 36,
      logMonths: 6,
      archiveAfterMonths: 36,
      minimums: { auditMonths: 36, logMonths: 6, archiveAfterMonths: 12 },
    });

    const low = await sec.put('/api/retention/settings', { auditMonths: 35, logMonths: 5, archiveAfterMonths: 11 });
    expect(low.statusCode).toBe(400);
    const msgs = (low.json() as { error: { fields: { path: string; message: string }[] } }).error.fields;
    expect(msgs.find((f) => f.path === 'auditMonths')?.message).toContain('不能少于 36 个月');
    expect(msgs.find((f) => f.path === 'logMonths')?.message).toContain('不能少于 6 个月');
    expect(msgs.find((f) => f.path === 'archiveAfterMonths')?.message).toContain('不能少于 12 个月');

    const ok = await sec.put('/api/retention/settings', { auditMonths: 48, logMonths: 12, archiveAfterMonths: 24 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ auditMonths: 48, logMonths: 12, archiveAfterMonths: 24 });
    const audit = await env.owner.query("select summary from audit_log where action = 'retention.settings.update' and username = 'secadmin'");
    expect(audit.rows[0]?.summary).toMatchObject({ from: { auditMonths: 36 }, to: { auditMonths: 48 } });

    for (const u of ['admin', 'auditor', 'district']) {
      const a = await env.login(u);
      expect((await a.get('/api/retention/settings')).statusCode, u).toBe(403);
      expect((await a.put('/api/retention/settings', { auditMonths: 36, logMonths: 6, archiveAfterMonths: 36 })).statusCode, u).toBe(403);
      expect((await a.post('/api/retention/runs')).statusCode, u).toBe(403);
    }
    expect((await env.agent().get('/api/retention/settings')).statusCode).toBe(401);
  });

  it('the database refuses periods below the minimums, whoever writes them', async () => {
    await expect(env.owner.query('update retention_settings set audit_months = 35')).rejects.toThrow(/check constraint/);
    await expect(env.owner.query('update retention_settings set log_months = 5')).rejects.toThrow(/check constraint/);
    await expect(env.owner.query('update retention_settings set archive_after_months = 11')).rejects.toThrow(/check constraint/);
  });

  it('the application role can never delete audit rows nor call the purge', async () => {
    await expect(env.db.app.query('delete from audit_log where id = (select min(id) from audit_log)')).rejects.toThrow(/permission denied|append-only/);
    await expect(env.db.app.query("select * from audit_purge_before(now() - interval '40 months', now())")).rejects.toThrow(/permission denied/);
    await expect(env.db.app.query('delete from audit_purges')).rejects.toThrow(/permission denied|append-only/);
  });

  it('the SQL cutoff equals the TypeScript one', async () => {
    for (const at of ['2026-03-31T02:00:00Z', '2026-02-28T18:00:00Z', '2024-02-29T12:00:00Z', '2026-12-31T16:30:00Z']) {
      for (const m of [1, 6, 12, 36]) {
        const r = await env.owner.query<{ c: Date }>('select retention_cutoff($1, $2) as c', [at, m]);
        expect(r.rows[0]?.c.toISOString(), `${at} − ${m}`).toBe(cutoffInstant(Date.parse(at), m).toISOString());
      }
    }
  });
});

describe('purging the audit log keeps it verifiable', () => {
  let env: TestEnv;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nuanyang-retention-'));
    env = await testEnv({ dataDir });
  });
  afterAll(async () => {
    await env.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('deletes the prefix older than the cutoff, records it, verifies after, still detects tampering', async () => {
    const anchor = { dataDir, key };
    await (await env.login('district')).get('/api/auth/me');
    const old = await maxAuditId(env);
    // The rows so far become 40 months old: past the 36 months kept.
    await backdate(env, old, 40);
    const cp1 = await writeCheckpoint(env.owner, { ...anchor, alg: 'sha256' });
    expect(cp1.written).toBe(true);
    for (const u of ['auditor', 'district']) await (await env.login(u)).get('/api/auth/me');
    expect((await writeCheckpoint(env.owner, { ...anchor, alg: 'sha256' })).written).toBe(true);
    const before = Number((await env.owner.query<{ n: string }>('select count(*) as n from audit_log')).rows[0]?.n);
    const newer = Number((await env.owner.query<{ n: string }>('select count(*) as n from audit_log where id > $1', [old])).rows[0]?.n);

    const r = await runRetention(env.deps, env.clock.now);
    expect(r.counts.audit_log).toBe(before - newer);
    const left = await env.owner.query<{ min: string; old: string }>(`select min(id) as min, count(*) filter (where at < $1) as old from audit_log`, [
      cutoffInstant(env.clock.now, 36),
    ]);
    expect(Number(left.rows[0]?.min)).toBe(old + 1);
    expect(Number(left.rows[0]?.old)).toBe(0);
    const purge = await env.owner.query<{ through_id: string; purged: number }>('select through_id, purged from audit_purges');
    expect(purge.rows.map((p) => [Number(p.through_id), p.purged])).toEqual([[old, before - newer]]);

    // The run is recorded three ways: its row, its audit row (linked to the last purged hash), an info alert.
    expect((await env.owner.query('select counts from retention_runs where finished_at is not null')).rows[0]?.counts).toMatchObject({
      audit_log: before - newer,
    });
    expect((await env.owner.query("select summary from audit_log where action = 'retention.purge'")).rows[0]?.summary).toMatchObject({ auditThroughId: old });
    expect((await env.owner.query("select severity from security_alerts where kind = 'retention.purge'")).rows).toEqual([{ severity: 'info' }]);

    // The chain and the checkpoints (one on the last purged row, one after) verify.
    const v = await verifyAuditChain(env.owner, { anchor });
    expect(v).toMatchObject({ ok: true, checkpoints: 2 });
    expect(v.checked).toBe(newer + 1);
    expect((await writeCheckpoint(env.owner, { ...anchor, alg: 'sha256' })).written).toBe(true);
    const auditor = await env.login('auditor');
    expect((await auditor.post('/api/audit/verify')).json()).toMatchObject({ ok: true, checkpoints: 3 });

    // A remaining row edited is still found; so is a row deleted beyond the purge.
    await env.owner.query('alter table audit_log disable trigger audit_log_no_update');
    await env.owner.query(`update audit_log set reason = 'edited' where id = $1`, [old + 2]);
    expect(await verifyAuditChain(env.owner)).toMatchObject({ ok: false, firstBrokenId: String(old + 2) });
    await env.owner.query(`update audit_log set reason = null where id = $1`, [old + 2]);
    expect((await verifyAuditChain(env.owner, { anchor })).ok).toBe(true);
    await env.owner.query(`delete from audit_log where id = $1`, [old + 1]);
    expect(await verifyAuditChain(env.owner)).toMatchObject({ ok: false, firstBrokenId: String(old + 2) });
    await env.owner.query('alter table audit_log enable trigger audit_log_no_update');
  });
});

describe('the daily run with the mocked clock', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv();
  });
  afterAll(async () => env.close());

  it('purges operational logs older than the period, keeps newer ones', async () => {
    const u = (await env.owner.query<{ id: string }>("select id from users where username = 'district'")).rows[0]?.id;
    const now = env.clock.now;
    const ago = (m: number) => new Date(now - m * MONTH);
    await env.owner.query(
      `insert into notifications (user_id, kind, title, body, created_at, read_at) values ($1, 't', 'old', 'b', $2, $2), ($1, 't', 'new', 'b', $3, $3), ($1, 't', 'unread', 'b', $2, null)`,
      [u, ago(7), ago(5)],
    );
    await env.owner.query(
      `insert into sessions (id_hash, user_id, created_at, last_seen_at, expires_at, revoked_at, csrf_token) values
       ('\\x01', $1, $2, $2, $2, $2, 'x'), ('\\x02', $1, $3, $3, $3, null, 'y')`,
      [u, ago(7), ago(5)],
    );
    await env.owner.query(`insert into login_failures (username, failures, last_failed_at) values ('ghost-old', 2, $1), ('ghost-new', 2, $2)`, [
      ago(7),
      ago(5),
    ]);

    const child = (await env.owner.query<{ id: string }>('select id from children order by id limit 1')).rows[0]?.id;
    await env.owner.query(`insert into access_views (user_id, child_id, viewed_at) values ($1, $2, $3), ($1, $2, $4)`, [u, child, ago(7), ago(5)]);
    await env.owner.query(
      `insert into matching_runs (as_of, status, started_at, finished_at) values ('2020-01-01', 'done', $1, $1), ('2020-01-02', 'done', $2, $2), ('2020-01-03', 'running', $1, null)`,
      [ago(7), ago(5)],
    );

    const r = await runRetention(env.deps, now);
    expect(r.counts).toMatchObject({ notifications: 1, login_failures: 1, access_views: 1, matching_runs: 1, audit_log: 0, children_archived: 0 });
    expect((await env.owner.query('select count(*)::int as n from access_views where user_id = $1', [u])).rows[0].n).toBe(1);
    // a run still marked running is never purged
    expect((await env.owner.query("select as_of::text from matching_runs where as_of < '2021-01-01' order by as_of")).rows.map((x) => x.as_of)).toEqual([
      '2020-01-02',
      '2020-01-03',
    ]);
    expect(r.counts.sessions).toBeGreaterThanOrEqual(1);
    const titles = (await env.owner.query<{ title: string }>("select title from notifications where kind = 't' order by title")).rows.map((x) => x.title);
    expect(titles).toEqual(['new', 'unread']);
    expect((await env.owner.query("select 1 from sessions where id_hash = '\\x02'")).rowCount).toBe(1);
    expect((await env.owner.query("select username from login_failures where username like 'ghost-%'")).rows).toEqual([{ username: 'ghost-new' }]);
  });

  it('a file closed 35 months ago is kept, 37 months ago archived and minimised, read-only after', async () => {
    const kids = (
      await env.owner.query<{ id: string; name: string }>(
        "select id, name from children where status = 'active' and id_number_enc is not null order by id limit 2",
      )
    ).rows;
    const [kept, gone] = kids;
    if (!kept || !gone) throw new Error('two children needed');
    await env.owner.query("update children set status = 'closed', closed_reason = 'aged_out', closed_on = $2::date where id = $1", [
      kept.id,
      new Date(env.clock.now).toISOString().slice(0, 10),
    ]);
    await env.owner.query("update children set status = 'closed', closed_reason = 'aged_out', closed_on = $2::date where id = $1", [
      gone.id,
      new Date(env.clock.now).toISOString().slice(0, 10),
    ]);
    // 37 months for one of them: moved back by 2 months against the other.
    await env.owner.query("update children set closed_on = closed_on - interval '2 months' where id = $1", [gone.id]);
    await env.owner.query(
      `insert into attachments (child_id, street_code, committee_id, entity, entity_id, filename, mime, size_bytes, sha256, content)
       select id, street_code, committee_id, 'child', id, 'a.pdf', 'application/pdf', 4, 'x', '\\x25504446' from children where id = $1`,
      [gone.id],
    );
    env.clock.advance(35 * MONTH + 5 * 86_400_000);

    const r = await runRetention(env.deps, env.clock.now);
    expect(r.counts).toMatchObject({ children_archived: 1, attachments: 1 });
    const rows = await env.owner.query(
      'select id, name, archived_at is not null as archived, id_number_enc, phone_enc, residence_address_enc, extract(month from birth_date)::int as m from children where id = any($1)',
      [[kept.id, gone.id]],
    );
    const byId = new Map(rows.rows.map((x: { id: string }) => [x.id, x]));
    expect(byId.get(kept.id)).toMatchObject({ name: kept.name, archived: false });
    expect(byId.get(gone.id)).toMatchObject({
      name: `${gone.name.slice(0, 1)}某`,
      archived: true,
      id_number_enc: null,
      phone_enc: null,
      residence_address_enc: null,
      m: 1,
    });
    expect((await env.owner.query('select 1 from attachments where child_id = $1', [gone.id])).rowCount).toBe(0);
    // The statistics keep their facts: categories and visits are still counted.
    expect((await env.owner.query('select 1 from children where id = $1 and street_code is not null and committee_id is not null', [gone.id])).rowCount).toBe(
      1,
    );

    // Read-only: reopening is refused, and the database refuses any update (a trigger, for every role).
    const district = await env.login('district');
    const file = (await district.get(`/api/children/${gone.id}`)).json() as { version: number };
    const reopen = await district.post(`/api/children/${gone.id}/reopen`, { note: '重新开档', version: file.version });
    expect(reopen.statusCode).toBe(409);
    expect((reopen.json() as { error: { message: string } }).error.message).toContain('已归档');
    await expect(env.owner.query('update children set school_grade = $2 where id = $1', [gone.id, '三年级'])).rejects.toThrow(/已归档/);

    // Two more months: the second file is archived too.
    env.clock.advance(2 * MONTH);
    const r2 = await runRetention(env.deps, env.clock.now);
    expect(r2.counts.children_archived).toBeGreaterThanOrEqual(1);
    expect((await env.owner.query('select archived_at from children where id = $1', [kept.id])).rows[0]?.archived_at).not.toBeNull();
    // Everything in the audit log is now older than 36 months; the chain still verifies from the purge.
    // (the chain's last row before the run stays, so the run's own row links to it).
    expect(await verifyAuditChain(env.owner)).toMatchObject({ ok: true, checked: 2 });
  });

  it('minimises every kind of record the demo files hold (no constraint stands in the way)', async () => {
    const open = await env.owner.query<{ n: string }>('select count(*) as n from children where archived_at is null');
    await env.owner.query(
      "update children set status = 'closed', closed_reason = coalesce(closed_reason, 'moved_away'), closed_on = current_date - interval '40 months' where archived_at is null",
    );
    const r = await runRetention(env.deps, env.clock.now);
    expect(r.counts.children_archived).toBe(Number(open.rows[0]?.n));
    const left = await env.owner.query(
      `select (select count(*) from children where id_number_enc is not null or phone_enc is not null or residence_address_enc is not null or hukou_address_enc is not null)::int as enc,
              (select count(*) from household_members where id_number_enc is not null or phone_enc is not null)::int as members,
              (select count(*) from visits where findings is not null)::int as findings,
              (select count(*) from attachments)::int as attachments,
              (select count(*) from child_consents where scope_note is not null or evidence_note is not null or guardian_name !~ '某$')::int as consents`,
    );
    expect(left.rows[0]).toMatchObject({ enc: 0, members: 0, findings: 0, attachments: 0, consents: 0 });
    expect(r.counts.children_archived).toBeGreaterThan(10);
  });
});
