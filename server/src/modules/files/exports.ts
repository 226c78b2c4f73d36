/**
 * Excel export of the children list (security requirement 24): the current list with the caller's
 * filters, all pages, masked unless the caller may unmask and gives a reason; who, which unit and
 * when written in the file; every text cell escaped against formula injection; the file kept for
 * its creator only (RLS on user_id) and every export and download audited.
 */
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { ErrorBody, IdParam } from '#common/api.js';
import { CATEGORIES, RISK_LEVELS, type ChildFilters, type ChildRow } from '#common/children.js';
import { ExportCreated, ExportRequest, MAX_EXPORT_ROWS } from '#common/files.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { auditAlone, inScope, type Actor, type Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { listChildren } from '../children/queries.js';
import { contentDisposition } from './binary.js';
import { collector, excelDate, headerText, safeRow, safeText, shanghaiDateTime, yieldToLoop } from './sheet.js';

const tags = ['导入导出 import/export'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const EXPORT_COLUMNS = [
  { header: '姓名', width: 12 },
  { header: '性别', width: 6 },
  { header: '出生日期', width: 12, numFmt: 'yyyy-mm-dd' },
  { header: '年龄', width: 6 },
  { header: '身份证号', width: 22 },
  { header: '街道', width: 14 },
  { header: '居民区', width: 18 },
  { header: '风险等级', width: 9 },
  { header: '类别', width: 36 },
  { header: '下次走访', width: 12, numFmt: 'yyyy-mm-dd' },
  { header: '逾期天数', width: 9 },
] as const;

/** The filters in words, for the first sheet of the file. */
async function describeFilters(tx: Tx, f: ChildFilters): Promise<string> {
  const parts: string[] = [];
  if (f.q) parts.push(`关键词“${f.q}”`);
  if (f.street) {
    const s = (await tx.client.query<{ name: string }>('select name from streets where code = $1', [f.street])).rows[0];
    parts.push(`街道：${s?.name ?? f.street}`);
  }
  if (f.committee) {
    const c = (await tx.client.query<{ name: string }>('select name from committees where id = $1', [f.committee])).rows[0];
    parts.push(`居民区：${c?.name ?? f.committee}`);
  }
  if (f.category) parts.push(`类别：${CATEGORIES[f.category]}`);
  if (f.risk) parts.push(`风险等级：${RISK_LEVELS[f.risk]}`);
  parts.push(`状态：${{ active: '在册', closed: '已结案', all: '全部' }[f.status]}`);
  if (f.overdue) parts.push('仅走访逾期');
  if (f.noMentor) parts.push('仅未配导师/伙伴');
  return parts.join('；');
}

export interface ExportMeta { actor: Actor; at: number; filters: string; masked: boolean; reason: string | null }

/** The .xlsx: a first sheet saying what this is and who made it, then the list. */
export async function buildChildrenWorkbook(rows: ChildRow[], fullIds: Map<string, string> | null, meta: ExportMeta): Promise<Buffer> {
  const out = collector();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out.stream, useStyles: true, useSharedStrings: false });
  wb.creator = '暖杨 杨浦区困境儿童关爱服务平台';
  wb.created = new Date(meta.at);
  const when = shanghaiDateTime(meta.at);
  const who = `${meta.actor.displayName}（${meta.actor.username}）`;
  const footer = { oddHeader: '&C&"-,Bold"内部资料 注意保密', oddFooter: `&L${headerText(safeText(`导出人：${who} ${meta.actor.unitName} ${when}`))}&R第 &P 页，共 &N 页` };

  const info = wb.addWorksheet('导出说明', { headerFooter: footer, properties: { tabColor: { argb: 'FFC00000' } } });
  info.columns = [{ width: 14 }, { width: 80 }];
  const title = info.addRow(['杨浦区困境儿童名单']);
  title.font = { bold: true, size: 14 };
  title.commit();
  const secret = info.addRow(['内部资料 注意保密']);
  secret.font = { bold: true, color: { argb: 'FFC00000' } };
  secret.commit();
  const lines: [string, string][] = [
    ['导出人', who],
    ['单位', meta.actor.unitName],
    ['导出时间', `${when}（北京时间）`],
    ['筛选条件', meta.filters],
    ['记录数', String(rows.length)],
    ['身份证号', meta.masked ? '已脱敏（仅显示前6位和后4位）' : `完整显示（原因：${meta.reason ?? ''}）`],
    ['提示', '本文件含未成年人个人信息，仅限本职工作使用，不得外传、不得上传至互联网；用毕请及时删除。'],
  ];
  for (const l of lines) info.addRow(safeRow(l)).commit();
  info.commit();

  const ws = wb.addWorksheet('儿童名单', {
    headerFooter: footer,
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  ws.columns = EXPORT_COLUMNS.map((c, i) => ({ key: `c${i}`, width: c.width, style: 'numFmt' in c ? { numFmt: c.numFmt } : {} }));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };
  const head = ws.addRow(EXPORT_COLUMNS.map((c) => c.header));
  head.font = { bold: true };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  head.commit();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    ws.addRow(safeRow([
      r.name, r.sex === 'M' ? '男' : '女', excelDate(r.birthDate), r.age,
      (fullIds ? fullIds.get(r.id) : r.idNumberMasked) ?? '', r.streetName, r.committeeName, RISK_LEVELS[r.riskLevel],
      r.categories.map((c) => CATEGORIES[c as keyof typeof CATEGORIES] ?? c).join('、'), excelDate(r.nextVisitDue), r.overdueDays ?? null,
    ])).commit();
    if (i % 2000 === 1999) await yieldToLoop();
  }
  ws.commit();
  await wb.commit();
  return out.done;
}

const stamp = (ms: number) => shanghaiDateTime(ms).replace(/[-:]/g, '').replace(' ', '_');

export function exportRoutes(app: ZApp, deps: AppDeps): void {
  app.post('/api/children/export', {
    config: { access: can('children.export') },
    schema: {
      tags, summary: '导出当前儿童名单为 Excel（默认脱敏；完整身份证号须有权限并说明原因；记入审计）',
      body: ExportRequest, response: { 200: ExportCreated, ...errs },
    },
  }, async (req) => {
    const actor = req.ctx.actor!;
    const { filters, unmasked, reason } = req.body;
    if (unmasked && !actor.permissions.has('children.unmask')) {
      await auditAlone(deps.db, req.ctx, { action: 'children.export', outcome: 'denied', summary: { unmasked: true, permission: 'children.unmask' } });
      throw errors.forbidden('您没有导出完整身份证号的权限，请导出脱敏名单');
    }
    return inScope(deps.db, req.ctx, async (tx) => {
      const at = deps.clock();
      // Counted up to one past the export limit: enough to refuse an oversized export.
      const { items, total, capped } = await listChildren(tx, deps, filters, { limit: MAX_EXPORT_ROWS + 1, offset: 0, cap: MAX_EXPORT_ROWS });
      if (capped || total > MAX_EXPORT_ROWS) {
        throw errors.validation([], `当前名单共 ${capped ? `${MAX_EXPORT_ROWS} 条以上` : `${total} 条`}，超过单次导出上限 ${MAX_EXPORT_ROWS} 条，请按街道或居民区筛选后分批导出`);
      }
      let fullIds: Map<string, string> | null = null;
      if (unmasked) {
        const { rows } = await tx.client.query<{ id: string; id_number_enc: string | null }>(
          'select id, id_number_enc from children where id = any($1::uuid[])', [items.map((r) => r.id)]);
        fullIds = new Map(rows.map((r) => [r.id, deps.crypto.decryptOrNull(r.id_number_enc, 'children.id_number') ?? '']));
      }
      const filterText = await describeFilters(tx, filters);
      const content = await buildChildrenWorkbook(items, fullIds, { actor, at, filters: filterText, masked: !unmasked, reason: unmasked ? reason ?? null : null });
      const filename = `困境儿童名单_${stamp(at)}${unmasked ? '_完整证件号' : ''}.xlsx`;
      const row = (await tx.client.query<{ id: string }>(
        `insert into exports (user_id, kind, filename, rows, masked, content) values ($1, 'children', $2, $3, $4, $5) returning id`,
        [actor.userId, filename, items.length, !unmasked, content])).rows[0]!;
      await tx.audit({
        action: 'children.export', entity: 'export', entityId: row.id, reason: unmasked ? reason ?? null : null,
        summary: { rows: items.length, masked: !unmasked, filters: { ...filters, q: filters.q ? '（已填写）' : undefined } },
      });
      return { id: row.id, filename, rows: items.length, masked: !unmasked };
    });
  });

  app.get('/api/exports/:id', {
    config: { access: can('children.export') },
    schema: { tags, summary: '下载导出文件（仅导出人本人）', params: IdParam, response: { 200: z.any().describe('Excel 文件'), ...errs } },
  }, async (req, reply) => {
    const row = await inScope(deps.db, req.ctx, async (tx) => {
      const r = (await tx.client.query<{ id: string; filename: string; rows: number; masked: boolean; content: Buffer }>(
        'select id, filename, rows, masked, content from exports where id = $1', [req.params.id])).rows[0];
      if (!r) throw errors.notFound('未找到该导出文件（导出文件仅导出人本人可以下载）');
      await tx.audit({ action: 'export.download', entity: 'export', entityId: r.id, summary: { rows: r.rows, masked: r.masked } });
      return r;
    });
    return reply
      .header('content-type', XLSX_MIME)
      .header('content-disposition', contentDisposition(row.filename))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(row.content);
  });
}
