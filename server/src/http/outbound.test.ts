/**
 * Security requirement 25 — no outbound requests from user input (no SSRF): the dynamic half
 * (the static scan is outbound.unit.test.ts). A canary HTTP listener on 127.0.0.1 and a watch on
 * every TCP connection the process opens (net.Socket.prototype.connect: what fetch, http, https,
 * undici and tls all end in). Then every API route is called, by a user holding its permission,
 * with the canary's URL in each string field of its body and query (and in fields named like
 * URLs), and a few requests that are accepted carry URLs where free text goes (a child's address
 * and notes, a visit's findings, a referral's reason, an import workbook with hyperlinks). The
 * canary must receive nothing, and the only connections opened go to the database.
 */
import http from 'node:http';
import net from 'node:net';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '#common/idNumber.js';
import { IMPORT_COLUMNS, IMPORT_SHEET } from '../modules/files/importColumns.js';
import { testEnv, type Agent, type TestEnv } from '../../test/harness.js';
import type { ApiRoute } from './inputHygiene.js';

let env: TestEnv;
let canary: http.Server;
let canaryUrl = '';
const hits: string[] = [];
const connects: string[] = [];
// eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be called with the socket as `this`, and put back in afterAll
const originalConnect = net.Socket.prototype.connect;
const agents: { agent: Agent; permissions: Set<string> }[] = [];
const USERS = ['district', 'admin', 'secadmin', 'auditor', 'leader', 'edu', 'street-dinghai', 'director-dinghai', 'reviewer'];
const UUID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  canary = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.end('canary');
  });
  await new Promise<void>((r) => canary.listen(0, '127.0.0.1', r));
  const addr = canary.address();
  canaryUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/canary`;
  env = await testEnv();
  for (const u of USERS) {
    const agent = env.agent();
    const res = await agent.post('/api/auth/login', { username: u, password: 'nuanyang-demo' });
    expect(res.statusCode).toBe(200);
    agents.push({ agent, permissions: new Set(res.json().permissions as string[]) });
  }
  // Every TCP connection from now on is recorded: its target (host:port, or a socket path).
  net.Socket.prototype.connect = function (this: net.Socket, ...args: any[]) {
    // net.createConnection passes its normalised arguments as one array: [options, callback].
    const [a, b] = Array.isArray(args[0]) ? args[0] : args;
    const target =
      typeof a === 'object' && a !== null ? (a.path ?? `${a.host ?? 'localhost'}:${a.port}`) : typeof a === 'number' ? `${b ?? 'localhost'}:${a}` : String(a);
    connects.push(target);
    return (originalConnect as (...x: any[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
  // The watch works: a request of the test's own reaches the canary and its connection is seen.
  await new Promise<void>((resolve, reject) => http.get(canaryUrl, (res) => res.resume().on('end', resolve)).on('error', reject));
  expect(hits).toEqual(['GET /canary']);
  expect(connects.some((c) => c.endsWith(`:${new URL(canaryUrl).port}`))).toBe(true);
  hits.length = 0;
  connects.length = 0;
});
afterAll(async () => {
  net.Socket.prototype.connect = originalConnect;
  await env?.close();
  await new Promise((r) => canary?.close(r));
});

function callerFor(route: ApiRoute): Agent | null {
  const access = route.access;
  if (!access || 'public' in access) return env.agent();
  if ('authenticated' in access) return agents[0]?.agent ?? null;
  const needed = 'permission' in access ? [access.permission] : access.anyPermission;
  return agents.find((a) => needed.some((p) => a.permissions.has(p)))?.agent ?? null;
}
function keysOf(schema: unknown): string[] {
  const s = schema as { shape?: object; in?: { shape?: object }; _zod?: { def?: { shape?: object; in?: { shape?: object } } } } | undefined;
  const shape = s?.shape ?? s?.in?.shape ?? s?._zod?.def?.shape ?? s?._zod?.def?.in?.shape;
  return shape ? Object.keys(shape) : [];
}

/** Connections to anything but the test database. */
function foreignConnections(): string[] {
  const dbUrl = new URL(env.db.ownerUrl);
  const dbTargets = new Set([`${dbUrl.hostname}:${dbUrl.port || 5432}`, `localhost:${dbUrl.port || 5432}`]);
  return connects.filter((c) => !dbTargets.has(c) && !c.includes('.s.PGSQL.'));
}

describe('requirement 25: no request makes the server call out', () => {
  it('every route, with the canary URL in each string field of its body and query: the canary hears nothing', async () => {
    const routes = env.app.apiRoutes.filter((r) => ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(r.method));
    expect(routes.length).toBeGreaterThan(100);
    let called = 0;
    for (const route of routes) {
      if (route.url === '/api/auth/logout') continue; // would end the shared session
      const a = callerFor(route);
      if (!a) continue;
      const url = route.url.replace(/:(\w+)/g, () => UUID);
      const query = keysOf(route.schema?.querystring)
        .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(canaryUrl)}`)
        .join('&');
      const body =
        route.method === 'GET' || route.method === 'DELETE'
          ? undefined
          : Object.fromEntries([...keysOf(route.schema?.body), 'url', 'link', 'callbackUrl', 'webhook', 'avatarUrl'].map((k) => [k, canaryUrl]));
      const res = await a.request(route.method as 'GET', query ? `${url}?${query}` : url, body);
      expect(res.statusCode, `${route.method} ${route.url}`).not.toBe(500);
      called++;
    }
    expect(called).toBeGreaterThan(100);
    expect(hits).toEqual([]);
    expect(foreignConnections()).toEqual([]);
  });

  it('requests that are accepted with URLs in their free text do not call out either', async () => {
    const street = agents.find((a) => a.permissions.has('children.write') && a.permissions.has('children.import'))?.agent;
    if (!street) throw new Error('no user with children.write and children.import');
    const committee = (await env.owner.query(`select id from committees where code = 'dinghai-01'`)).rows[0].id;
    const created = await street.post('/api/children', {
      name: '链接测试',
      idNumber: makeIdNumber('310110', '2016-06-06', 251, 'M'),
      hukou: 'local',
      riskLevel: 'low',
      committeeId: committee,
      residenceAddress: canaryUrl,
      hukouAddress: `${canaryUrl}/hukou`,
      riskReason: `见 ${canaryUrl}/risk`,
      schoolName: canaryUrl.slice(0, 60),
    });
    expect(created.statusCode, created.body).toBe(201);
    const childId: string = created.json().id;

    const today = new Date(env.clock.now).toISOString().slice(0, 10);
    const visit = await street.post('/api/visits', { childId, visitedOn: today, kind: 'home', findings: `照片见 ${canaryUrl}/photo.jpg` });
    expect(visit.statusCode, visit.body).toBe(201);

    const referral = await street.post('/api/referrals', { childId, kind: 'problem', toUnit: 'police', reason: `详情 ${canaryUrl}/detail` });
    expect(referral.statusCode, referral.body).toBe(201);

    // An import workbook whose cells are hyperlinks to the canary (ExcelJS keeps them as data).
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(IMPORT_SHEET);
    ws.addRow(IMPORT_COLUMNS.map((c) => c.header));
    const row = ws.addRow(
      IMPORT_COLUMNS.map(
        (c) =>
          (
            ({
              name: '链接导入',
              idNumber: makeIdNumber('310110', '2015-05-05', 253, 'F'),
              committee: '定海路第一居委会',
              riskLevel: '低',
              residenceAddress: { text: '地址', hyperlink: canaryUrl },
            }) as Record<string, unknown>
          )[c.child ?? ''] ?? null,
      ),
    );
    row.commit();
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await street.post('/api/children/import', { filename: `${canaryUrl.replace(/[/:]/g, '_')}.xlsx`, contentBase64: file.toString('base64') });
    expect(up.statusCode, up.body).toBe(200);
    const id: string = up.json().id;
    for (let i = 0; i < 300; i++) {
      const r = await street.get(`/api/imports/${id}`);
      if (!['checking', 'committing'].includes(r.json().status)) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(hits).toEqual([]);
    expect(foreignConnections()).toEqual([]);
  });
});
