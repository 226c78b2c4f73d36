/**
 * The printed sheet's style: A4 with the title, "内部资料 注意保密", who printed it and when, and the
 * page numbers in the page margins; on paper the application frame, menu and buttons disappear.
 */

/** A CSS string literal: quotes, backslashes and line breaks escaped. */
const cssString = (s: string) =>
  `"${s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/[\r\n]+/g, ' ')}"`;

/** The @page rule, with the texts of the margins (page numbers through PAGE_NO and PAGES_NO in `pageOf`). */
export function pageCss(texts: { title: string; secret: string; footer: string; pageOf: string }): string {
  return `
@page {
  size: A4;
  margin: 18mm 14mm 18mm 14mm;
  @top-left { content: ${cssString(texts.title)}; font-size: 9pt; color: #444; }
  @top-right { content: ${cssString(texts.secret)}; font-size: 9pt; color: #c00; font-weight: bold; }
  @bottom-left { content: ${cssString(texts.footer)}; font-size: 8pt; color: #555; }
  @bottom-right { content: ${cssString(texts.pageOf)}; font-size: 8pt; color: #555; }
}`
    .replace('PAGE_NO', '" counter(page) "')
    .replace('PAGES_NO', '" counter(pages) "');
}

export const PRINT_CSS = `
.print-paper { background: #fff; width: 210mm; max-width: 100%; box-sizing: border-box; margin: 0 auto; padding: 16mm 14mm; box-shadow: 0 1px 6px rgba(0,0,0,.12);
  color: #000; font-size: 10.5pt; line-height: 1.55; font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif; }
.print-head { border-bottom: 2px solid #000; padding-bottom: 6px; margin-bottom: 12px; }
.print-head-title { display: flex; justify-content: space-between; align-items: baseline; gap: 12px; }
.print-head h1 { font-size: 18pt; margin: 0; letter-spacing: 2px; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
.print-secret { border: 1.5px solid #c00; color: #c00; padding: 1px 8px; font-weight: bold; font-size: 10pt; white-space: nowrap; }
.print-head-meta { display: flex; justify-content: space-between; flex-wrap: wrap; gap: 4px 16px; margin-top: 6px; font-size: 9pt; color: #333; }
.print-paper h2 { font-size: 12.5pt; margin: 16px 0 6px; padding-left: 6px; border-left: 4px solid #000; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
.print-paper h3 { font-size: 11pt; margin: 10px 0 4px; }
/* Separate borders (right and bottom on each cell, left on the table, top on the first row and on
   the header repeated on every page): a table broken across pages keeps its lines where they belong. */
.print-table { width: 100%; border-collapse: separate; border-spacing: 0; border-left: 1px solid #555; table-layout: fixed; margin-bottom: 6px; }
.print-table th, .print-table td { border-right: 1px solid #555; border-bottom: 1px solid #555; padding: 3px 5px; vertical-align: top; word-break: break-all; overflow-wrap: anywhere; }
.print-table thead th, .print-table tbody:first-child tr:first-child > * { border-top: 1px solid #555; }
.print-table th { background: #f0f0f0; font-weight: normal; text-align: left; }
.print-kv th { width: 15%; }
.print-kv td { width: 35%; }
.print-muted { color: #666; }
.print-empty { color: #666; padding: 2px 0 6px; }
.print-pre { white-space: pre-wrap; }
.print-sign { display: grid; grid-template-columns: 1fr 1fr; gap: 18px 24px; margin-top: 24px; }
.print-sign div { border-bottom: 1px solid #000; padding: 24px 0 2px; }
@media print {
  html, body, #root { background: #fff !important; }
  .ant-layout-sider, .ant-layout-header, .ant-layout-footer, .ant-breadcrumb, .ant-drawer, .ant-message, .ant-notification, .ant-float-btn, .no-print { display: none !important; }
  .ant-layout, .ant-layout-content { padding: 0 !important; margin: 0 !important; background: #fff !important; min-height: 0 !important; }
  .print-paper { width: auto; padding: 0; margin: 0; box-shadow: none; font-size: 10pt; }
  /* No forced page breaks: a section that starts a sheet left pages of three lines; headings keep with what follows instead. */
  .print-break { break-before: auto; }
  .print-paper h2, .print-paper h3 { break-after: avoid; }
  .print-block, .print-table tr, .print-sign { break-inside: avoid; }
  .print-paper h2 { break-after: avoid; }
  .print-table thead { display: table-header-group; }
  .print-table th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;
