/**
 * Evidence on the verification step of an entitlement (免申即享), on a real database: files are
 * uploaded first (entity 'entitlement', checked by content), then linked by the verify step; only
 * the caller's own uploads for this entitlement are accepted; the files show on the entitlement's
 * history, are served only inside the child's area, and a linked file stays in the history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '#common/idNumber.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { tinyPng, TINY_JPEG } from './testFixtures.js';

let env: TestEnv;
let dinghai: Agent;
let pingliang: Agent;
let district: Agent;

const SCATTERED = 'basic-living-allowance-orphan-scattered';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

interface Ent {
  id: string;
  childId: string;
  status: string;
  version: number;
  events: { toStatus: string; attachments: { id: string; filename: string; mime: string; sizeBytes: number }[] }[];
}

let seq = 700 + Math.floor(Math.random() * 200);
/** A scattered orphan of 定海一居民区: the file's creation suggests the living allowance. */
async function orphanEntitlement(): Promise<Ent> {
  const committeeId = (await env.owner.query<{ id: string }>(`select id from committees where code = 'dinghai-01'`)).rows[0]!.id;
  const res = await dinghai.post('/api/children', {
    name: '陈小禾',
    hukou: 'local',
    committeeId,
    riskLevel: 'low',
    residenceAddress: '上海市杨浦区定海路200弄3号102室',
    phone: '13812345678',
    idNumber: makeIdNumber('310110', `2015-05-${String(10 + (seq % 18)).padStart(2, '0')}`, seq++, 'F'),
    categories: [{ category: 'orphan_scattered', since: '2024-01-10', sourceNote: '民政局认定' }],
    members: [
      { name: '陈国强', relation: '祖父', role: 'guardian', phone: '13900002222' },
      { name: '陈立', relation: '父亲', role: 'member', status: 'deceased', statusSince: '2023-02-01' },
      { name: '李梅', relation: '母亲', role: 'member', status: 'deceased', statusSince: '2023-04-01' },
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
  const childId = res.json().id as string;
  const ents = (await dinghai.get(`/api/children/${childId}/entitlements`)).json().items as (Ent & { policy: string })[];
  const e = ents.find((x) => x.policy === SCATTERED);
  expect(e, 'the allowance is suggested when the file is created').toMatchObject({ status: 'suggested' });
  return e!;
}

const upload = (a: Agent, e: Ent, filename: string, content: Buffer) =>
  a.post('/api/attachments', { childId: e.childId, entity: 'entitlement', entityId: e.id, filename, contentBase64: content.toString('base64') });
const count = async () => (await env.owner.query<{ n: number }>('select count(*)::int as n from attachments')).rows[0]!.n;
const stateOf = async (id: string) =>
  (
    await env.owner.query<{ status: string; version: number; events: number }>(
      'select status, version, (select count(*)::int from entitlement_events v where v.entitlement_id = e.id) as events from entitlements e where id = $1',
      [id],
    )
  ).rows[0]!;

beforeAll(async () => {
  env = await testEnv();
  dinghai = await env.login('street-dinghai');
  pingliang = await env.login('street-pingliang');
  district = await env.login('district');
});
afterAll(async () => {
  await env?.close();
});

describe('evidence on the verification step', () => {
  let e: Ent;
  let evidence: string;
  let photo: string;
  beforeAll(async () => {
    e = await orphanEntitlement();
  });

  it('refuses a forbidden file type with a Chinese message, and writes nothing', async () => {
    const before = await count();
    const html = Buffer.from('<!doctype html><html><body><script>fetch("/api/auth/me")</script></body></html>');
    const res = await upload(dinghai, e, '死亡证明.pdf', html);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/文件“死亡证明\.pdf”无法上传：文件内容不是 PDF/);
    const exe = await upload(dinghai, e, '证明.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]));
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error.message).toMatch(/不支持该文件类型/);
    expect(await count()).toBe(before);
    const denied = (await env.owner.query(`select outcome, summary from audit_log where action = 'attachment.upload' order by id desc limit 1`)).rows[0];
    expect(denied).toMatchObject({ outcome: 'denied', summary: { entity: 'entitlement', reason: 'type' } });
  });

  it('uploads evidence for the entitlement only inside the area, and only with the permission to verify', async () => {
    expect((await upload(pingliang, e, '证明.pdf', PDF)).statusCode).toBe(404);
    const director = await env.login('director-dinghai');
    expect((await upload(director, e, '证明.pdf', PDF)).statusCode).toBe(403); // may not verify entitlements
    // An entitlement id with another child: not this child's record.
    const other = (await env.owner.query<{ id: string }>(`select id from children where street_code = 'dinghai' and id <> $1 limit 1`, [e.childId])).rows[0]!
      .id;
    expect(
      (
        await dinghai.post('/api/attachments', {
          childId: other,
          entity: 'entitlement',
          entityId: e.id,
          filename: 'a.pdf',
          contentBase64: PDF.toString('base64'),
        })
      ).statusCode,
    ).toBe(404);

    const res = await upload(dinghai, e, '死亡证明.pdf', PDF);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ entity: 'entitlement', entityId: e.id, mime: 'application/pdf', deletable: true });
    evidence = res.json().id;
    const png = await upload(dinghai, e, '户口簿.png', tinyPng(true));
    expect(png.statusCode).toBe(200);
    photo = png.json().id;
    const row = (await env.owner.query('select street_code, entitlement_event_id from attachments where id = $1', [evidence])).rows[0];
    expect(row).toEqual({ street_code: 'dinghai', entitlement_event_id: null }); // pending until the step is saved
  });

  it("refuses ids that are not the caller's uploads for this entitlement, and changes nothing", async () => {
    const before = await stateOf(e.id);
    const go = (attachmentIds: string[], to = 'verified') =>
      dinghai.post(`/api/entitlements/${e.id}/transition`, { to, note: '已入户核实', reason: '监护人放弃', attachmentIds, version: e.version });

    // Uploaded to this entitlement, but by someone else (district staff).
    const theirs = await upload(district, e, '别人的证明.pdf', PDF);
    expect(theirs.statusCode).toBe(200);
    let res = await go([evidence, theirs.json().id]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ message: '只能附上您本人上传的文件', fields: [{ path: 'attachmentIds.1', message: '只能附上您本人上传的文件' }] });

    // The caller's own upload, but of another record (the child's file).
    const ofFile = await dinghai.post('/api/attachments', {
      childId: e.childId,
      entity: 'child',
      entityId: e.childId,
      filename: '照片.jpg',
      contentBase64: TINY_JPEG.toString('base64'),
    });
    expect(ofFile.statusCode).toBe(200);
    res = await go([ofFile.json().id]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('该附件属于其他记录，不能附在这项待遇上');

    // The caller's upload for another entitlement.
    const second = await orphanEntitlement();
    const elsewhere = await upload(dinghai, second, '另一份证明.pdf', PDF);
    expect(elsewhere.statusCode).toBe(200);
    res = await go([evidence, elsewhere.json().id]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'attachmentIds.1', message: '该附件属于其他记录，不能附在这项待遇上' }]);

    // Unknown, and out of the caller's area (a file of a 平凉路 child): the same answer.
    const pingliangChild = (await env.owner.query<{ id: string }>(`select id from children where street_code = 'pingliang' limit 1`)).rows[0]!.id;
    const foreign = await pingliang.post('/api/attachments', {
      childId: pingliangChild,
      entity: 'child',
      entityId: pingliangChild,
      filename: 'x.pdf',
      contentBase64: PDF.toString('base64'),
    });
    expect(foreign.statusCode).toBe(200);
    for (const id of ['00000000-0000-4000-8000-000000000000', foreign.json().id]) {
      res = await go([id]);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe('未找到该附件，或不在您的辖区内，请重新上传');
    }

    // Only the verification carries files.
    res = await go([evidence], 'refused');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'attachmentIds', message: '只有核实这一步可以附上材料' }]);

    expect(await stateOf(e.id)).toEqual(before);
    const linked = (await env.owner.query('select count(*)::int as n from attachments where entitlement_event_id is not null')).rows[0].n;
    expect(linked).toBe(0);
  });

  it('links the uploads to the verification, lists them on the entitlement, and audits them', async () => {
    const res = await dinghai.post(`/api/entitlements/${e.id}/transition`, {
      to: 'verified',
      note: '已入户核实，见证明材料',
      attachmentIds: [evidence, photo, evidence],
      version: e.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    const verified = res.json() as Ent;
    expect(verified.status).toBe('verified');
    expect(verified.events.map((x) => x.toStatus)).toEqual(['suggested', 'verified']);
    expect(verified.events[0]!.attachments).toEqual([]);
    expect(verified.events[1]!.attachments.map((a) => a.filename).sort()).toEqual(['户口簿.png', '死亡证明.pdf']);
    expect(verified.events[1]!.attachments.find((a) => a.id === evidence)).toMatchObject({ mime: 'application/pdf', sizeBytes: PDF.length });

    const listed = (await dinghai.get(`/api/children/${e.childId}/entitlements`)).json().items.find((x: Ent) => x.id === e.id) as Ent;
    expect(listed.events[1]!.attachments.map((a) => a.id).sort()).toEqual([evidence, photo].sort());
    const ofEntitlement = (await dinghai.get(`/api/children/${e.childId}/attachments?entity=entitlement&entityId=${e.id}`)).json().items;
    expect(ofEntitlement.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([evidence, photo]));
    expect(ofEntitlement.find((a: { id: string }) => a.id === evidence)).toMatchObject({ entity: 'entitlement', deletable: false }); // part of the history now

    const audit = (
      await env.owner.query(`select summary from audit_log where action = 'entitlement.status' and entity_id = $1 order by id desc limit 1`, [e.id])
    ).rows[0];
    expect(audit.summary.attachmentIds.sort()).toEqual([evidence, photo].sort());

    // A later step neither carries nor loses them.
    const submitted = (await dinghai.post(`/api/entitlements/${e.id}/transition`, { to: 'submitted', version: verified.version })).json() as Ent;
    expect(submitted.events.map((x) => x.attachments.length)).toEqual([0, 2, 0]);
  });

  it("serves the evidence only inside the child's area", async () => {
    const dl = await dinghai.get(`/api/attachments/${evidence}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
    expect((await district.get(`/api/attachments/${evidence}`)).statusCode).toBe(200);

    const other = await pingliang.get(`/api/attachments/${evidence}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.message).toBe('未找到该附件，或不在您的辖区内');
    expect(other.body).not.toContain('PDF');
    expect((await pingliang.get(`/api/children/${e.childId}/entitlements`)).statusCode).toBe(404);
    expect((await pingliang.get(`/api/children/${e.childId}/attachments?entity=entitlement&entityId=${e.id}`)).statusCode).toBe(404);
  });

  it('keeps linked evidence in the history, and takes no new uploads once verified', async () => {
    const del = await dinghai.delete(`/api/attachments/${evidence}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.message).toBe('该附件已作为核实材料记入待遇办理经过，不能删除');
    expect((await dinghai.get(`/api/attachments/${evidence}`)).statusCode).toBe(200);
    const late = await upload(dinghai, e, '补充材料.pdf', PDF);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('只能在核实时为待遇添加附件，该待遇当前为「已提交」');
  });
});
