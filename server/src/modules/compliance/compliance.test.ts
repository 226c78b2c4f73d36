import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceReport } from '#common/compliance.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';

/**
 * Hand-made audit rows in 2005 (no other row is that old), appended through audit_append and then
 * moved to their instant with the chain recomputed, so the log still verifies.
 */
type Row = [at: string, unit: string | null, roles: string | null, user: string | null, action: string, outcome: string, reason?: string, entityId?: string];

const U1 = '11111111-1111-1111-1111-111111111111';
const U2 = '22222222-2222-2222-2222-222222222222';
const ROWS: Row[] = [
  ['2005-01-10T09:00:00+08:00', 'civil-affairs', 'district_civil', U1, 'auth.login', 'success'],
  ['2005-01-10T09:05:00+08:00', 'civil-affairs', 'district_civil', U1, 'child.view', 'success'],
  ['2005-01-11T09:05:00+08:00', 'civil-affairs', 'district_civil', U1, 'child.view', 'success'],
  ['2005-01-12T09:05:00+08:00', 'civil-affairs', 'district_civil', U2, 'child.view', 'success'],
  ['2005-02-01T10:00:00+08:00', 'civil-affairs', 'district_civil', U1, 'child.update', 'success'],
  ['2005-02-02T10:00:00+08:00', 'civil-affairs', 'district_civil', U1, 'visit.submit', 'success'],
  ['2005-02-03T10:00:00+08:00', 'civil-affairs', 'district_civil', U1, 'child.unmask', 'success'],
  ['2005-03-01T10:00:00+08:00', 'civil-affairs', 'district_civil', U1, 'children.export', 'success'],
  ['2005-03-02T10:00:00+08:00', 'civil-affairs', 'district_civil', U1, 'child.print', 'success'],
  ['2005-03-03T10:00:00+08:00', 'civil-affairs', 'district_civil', U1, 'referral.send', 'success'],
  ['2005-04-01T10:00:00+08:00', 'civil-affairs', 'district_civil', U1, 'access.denied', 'denied'],
  ['2005-04-02T10:00:00+08:00', null, null, null, 'auth.login', 'failed', 'bad-password'],
  ['2005-04-02T10:01:00+08:00', null, null, null, 'auth.login', 'denied', 'locked'],
  ['2005-05-01T10:00:00+08:00', 'street-dinghai', 'street_supervisor', U2, 'access.grant', 'success', undefined, 'g1'],
  ['2005-05-02T10:00:00+08:00', 'street-dinghai', 'street_supervisor', U2, 'access.grant', 'success', undefined, 'g2'],
  ['2005-05-03T10:00:00+08:00', 'street-dinghai', 'street_supervisor', U2, 'access.grant.end', 'success', undefined, 'g1'],
  ['2005-06-01T10:00:00+08:00', 'street-dinghai', 'street_supervisor', U2, 'consent.record', 'success'],
  ['2005-06-02T10:00:00+08:00', 'street-dinghai', 'street_supervisor', U2, 'consent.record', 'success'],
  ['2005-06-03T10:00:00+08:00', 'street-dinghai', 'street_supervisor', U2, 'consent.withdraw', 'success'],
  ['2005-06-04T10:00:00+08:00', 'street-dinghai', 'street_supervisor', U2, 'basis.record', 'success'],
  // The year's edges in Shanghai time: the last minutes count (December), the next year's do not.
  ['2005-12-31T23:50:00+08:00', 'civil-affairs', 'district_civil', U1, 'child.view', 'success'],
  ['2006-01-01T00:10:00+08:00', 'civil-affairs', 'district_civil', U1, 'child.view', 'success'],
  ['2004-12-31T23:59:00+08:00', 'civil-affairs', 'district_civil', U1, 'child.view', 'success'],
];

let env: TestEnv;
let firstId = 0;

beforeAll(async () => {
  env = await testEnv();
  for (const [i, r] of ROWS.entries()) {
    const [, unit, roles, user, action, outcome, reason, entityId] = r;
    const id = await env.owner.query<{ id: string }>(`select audit_append($1, 'u', $2, $3, null, $4, $5, $6, $7, null, $8, 'test') as id`, [
      user,
      unit,
      roles,
      action,
      entityId ? 'access_grant' : null,
      entityId ?? null,
      outcome,
      reason ?? null,
    ]);
    if (i === 0) firstId = Number(id.rows[0]?.id);
  }
  // Each row to its instant, in order, and the chain recomputed from the first one on.
  await env.owner.query('alter table audit_log disable trigger audit_log_no_update');
  for (const [i, r] of ROWS.entries()) await env.owner.query('update audit_log set at = $2 where id = $1', [firstId + i, r[0]]);
  await env.owner.query(`
    do $$
    declare r record; v_prev bytea;
    begin
      select hash into v_prev from audit_log where id < ${firstId} order by id desc limit 1;
      for r in select * from audit_log where id >= ${firstId} order by id loop
        update audit_log set prev_hash = v_prev,
          hash = audit_row_hash_with(r.hash_alg, v_prev, r.id, r.at, r.user_id, r.username, r.unit_code, r.roles, r.ip, r.action, r.entity, r.entity_id, r.outcome, r.summary, r.reason, r.request_id)
        where id = r.id returning hash into v_prev;
      end loop;
    end $$`);
  await env.owner.query('alter table audit_log enable trigger audit_log_no_update');

  // Files: one opened in 2005 and held, one opened in 2004 and closed (then archived) in 2005.
  const kids = (
    await env.owner.query<{ id: string; street_code: string }>("select id, street_code from children where street_code = 'dinghai' order by id limit 2")
  ).rows;
  const [a, b] = kids;
  if (!a || !b) throw new Error('two children of dinghai needed');
  await env.owner.query("update children set registered_on = '2005-03-01' where id = $1", [a.id]);
  await env.owner.query(
    "update children set registered_on = '2004-06-01', status = 'closed', closed_reason = 'moved_away', closed_on = '2005-06-30', archived_at = '2005-09-01T10:00:00+08:00' where id = $1",
    [b.id],
  );
  // Security events of 2005: two bulk views (one acknowledged), one retention run.
  const auditor = (await env.owner.query<{ id: string }>("select id from users where username = 'auditor'")).rows[0]?.id;
  await env.owner.query(
    `insert into security_alerts (id, kind, severity, title, created_at, acknowledged_at, acknowledged_by) values
     (gen_random_uuid(), 'access.bulk-view', 'warning', 't', '2005-07-01T10:00:00+08:00', '2005-07-02T10:00:00+08:00', $1),
     (gen_random_uuid(), 'access.bulk-view', 'warning', 't', '2005-08-01T10:00:00+08:00', null, null),
     (gen_random_uuid(), 'retention.purge', 'info', 't', '2005-08-02T10:00:00+08:00', null, null),
     (gen_random_uuid(), 'access.bulk-view', 'warning', 't', '2006-01-01T10:00:00+08:00', null, null)`,
    [auditor],
  );
  await env.owner.query(
    `insert into retention_runs (started_at, finished_at, counts) values ('2005-08-02T10:00:00+08:00', '2005-08-02T10:00:01+08:00', '{"audit_log": 5, "notifications": 2}'),
     ('2005-08-03T10:00:00+08:00', '2005-08-03T10:00:01+08:00', '{"audit_log": 1}')`,
  );
});
afterAll(async () => env.close());

describe('yearly compliance report', () => {
  it('gives exact figures for hand-made audit rows of one Shanghai calendar year', async () => {
    const auditor = await env.login('auditor');
    const res = await auditor.get('/api/compliance/reports/2005');
    expect(res.statusCode).toBe(200);
    const r = res.json() as ComplianceReport;
    expect(r.period).toEqual({ from: '2005-01-01', to: '2005-12-31' });

    expect(r.files).toMatchObject({ heldAtEnd: 1, opened: 1, closed: 1, archived: 1 });
    expect(r.files.byStreet.find((s) => s.streetCode === 'dinghai')).toMatchObject({ heldAtEnd: 1, opened: 1, closed: 1, archived: 1 });
    expect(r.files.byStreet.filter((s) => s.streetCode !== 'dinghai').every((s) => s.heldAtEnd + s.opened + s.closed + s.archived === 0)).toBe(true);

    expect(r.processing).toEqual([
      {
        unitCode: 'civil-affairs',
        unitName: expect.any(String),
        roles: 'district_civil',
        users: 2,
        views: 4,
        changes: 2,
        unmasks: 1,
        exports: 1,
        prints: 1,
        referrals: 1,
        denied: 1,
      },
      {
        unitCode: 'street-dinghai',
        unitName: expect.any(String),
        roles: 'street_supervisor',
        users: 1,
        views: 0,
        changes: 4, // consents and lawful bases recorded are changes
        unmasks: 0,
        exports: 0,
        prints: 0,
        referrals: 0,
        denied: 0,
      },
      { unitCode: null, unitName: '（未登录或系统）', roles: '', users: 0, views: 0, changes: 0, unmasks: 0, exports: 0, prints: 0, referrals: 0, denied: 1 },
    ]);
    expect(r.byMonth).toHaveLength(12);
    expect(r.byMonth[0]).toEqual({ month: 1, logins: 1, views: 3, changes: 0, unmasks: 0, exports: 0, denied: 0 });
    expect(r.byMonth[1]).toEqual({ month: 2, logins: 0, views: 0, changes: 2, unmasks: 1, exports: 0, denied: 0 });
    expect(r.byMonth[2]).toEqual({ month: 3, logins: 0, views: 0, changes: 0, unmasks: 0, exports: 2, denied: 0 });
    expect(r.byMonth[3]).toEqual({ month: 4, logins: 0, views: 0, changes: 0, unmasks: 0, exports: 0, denied: 2 });
    expect(r.byMonth[11]).toEqual({ month: 12, logins: 0, views: 1, changes: 0, unmasks: 0, exports: 0, denied: 0 });

    expect(r.outsideAssignment).toEqual({ grants: 2, ended: 1, byUnit: [{ unitCode: 'street-dinghai', unitName: expect.any(String), grants: 2 }] });
    expect(r.incidents).toEqual({
      byKind: [
        { kind: 'access.bulk-view', severity: 'warning', total: 2, acknowledged: 1, open: 1 },
        { kind: 'retention.purge', severity: 'info', total: 1, acknowledged: 0, open: 1 },
      ],
      loginLockouts: 1,
      failedLogins: 1,
    });
    expect(r.consents).toEqual({ recorded: 2, withdrawn: 1, basisRecorded: 1 });
    expect(r.retention).toMatchObject({
      runs: 2,
      counts: { audit_log: 6, notifications: 2 },
      settings: { auditMonths: 36, logMonths: 6, archiveAfterMonths: 36 },
    });
    expect(r.chain).toMatchObject({ ok: true, purgedRows: 0 });
    expect(r.openItems.map((o) => o.code)).toContain('alerts.unacknowledged');
    expect(r.openItems.find((o) => o.code === 'access.grants.open')?.count).toBe(1);

    const seen = await env.owner.query("select entity_id, summary from audit_log where action = 'compliance.report.view' and username = 'auditor'");
    expect(seen.rows).toEqual([{ entity_id: '2005', summary: { year: 2005, chainOk: true } }]);
  });

  it('another year gives zeros', async () => {
    const auditor = await env.login('auditor');
    const r = (await auditor.get('/api/compliance/reports/2003')).json() as ComplianceReport;
    expect(r.files).toMatchObject({ heldAtEnd: 0, opened: 0, closed: 0, archived: 0 });
    expect(r.processing).toEqual([]);
    expect(r.byMonth.every((m) => m.logins + m.views + m.changes + m.unmasks + m.exports + m.denied === 0)).toBe(true);
    expect(r.outsideAssignment).toEqual({ grants: 0, ended: 0, byUnit: [] });
    expect(r.incidents).toEqual({ byKind: [], loginLockouts: 0, failedLogins: 0 });
    expect(r.consents).toEqual({ recorded: 0, withdrawn: 0, basisRecorded: 0 });
    expect(r.retention).toMatchObject({ runs: 0, counts: {}, lastRunAt: null });
  });

  it('only the audit administrator may generate it; a bad year is 400', async () => {
    for (const u of ['district', 'secadmin', 'admin', 'leader', 'director-dinghai']) {
      const a = await env.login(u);
      expect((await a.get('/api/compliance/reports/2005')).statusCode, u).toBe(403);
    }
    expect((await env.agent().get('/api/compliance/reports/2005')).statusCode).toBe(401);
    const auditor = await env.login('auditor');
    const bad = await auditor.get('/api/compliance/reports/20x5');
    expect(bad.statusCode).toBe(400);
    expect((await auditor.get('/api/compliance/reports/1999')).statusCode).toBe(400);
    // The children's figures are answered to the permission only, even through SQL.
    await expect(env.db.app.query("select * from compliance_file_counts('2005-01-01', '2005-12-31')")).rejects.toThrow(/compliance.report required/);
  });
});
