/**
 * 文书打印: one filled document on an A4 sheet, printed by the browser (paper or PDF). The text is
 * shown as it was filled and stored (the template version it came from is named), as text — never
 * markup. On paper the frame, menu and buttons disappear; the margins carry 内部资料 注意保密, who
 * printed it and when, and the page numbers. Every opening is recorded by the server.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useMe } from '../../../auth/useAuth';
import { ErrorResult } from '../../../components/ErrorResult';
import { formatDateTime } from '../../../components/format';
import { useT } from '../../../i18n/useT';
import { PRINT_CSS, pageCss } from '../../files/print/printCss';
import { documentKeys, documentsApi } from './api';
import { templateKindKey } from './DocumentsCard';

export default function DocumentPrintPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: documentKeys.detail(id), queryFn: () => documentsApi.detail(id) });
  const printedAt = useMemo(() => dayjs().format('YYYY-MM-DD HH:mm'), []);
  if (q.error) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  const d = q.data;
  const who = `${me.user.displayName}（${me.unit.name}）`;
  // The body's first line repeats the title in every default template: shown once, as the heading.
  const lines = (d.body ?? '').replace(/^\s+/, '');
  const body = lines.startsWith(d.title) ? lines.slice(d.title.length).replace(/^\s*\n/, '') : lines;
  return (
    <div>
      <style>
        {pageCss({
          title: `${d.title} · ${d.childName}`,
          secret: t('guardianship.documents.secret'),
          footer: t('guardianship.documents.footer', { user: who, time: printedAt }),
          pageOf: t('guardianship.documents.pageOf'),
        })}
        {PRINT_CSS}
        {DOC_CSS}
      </style>
      <Flex className="no-print" justify="space-between" align="center" gap={8} wrap style={{ maxWidth: '210mm', margin: '0 auto 12px' }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)}>
          {t('guardianship.documents.back')}
        </Button>
        <Flex gap={8} align="center" wrap>
          <span style={{ color: 'rgba(0,0,0,0.65)', fontSize: 12 }}>{t('guardianship.documents.printHint')}</span>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="document-print">
            {t('guardianship.documents.print')}
          </Button>
        </Flex>
      </Flex>
      <article className="print-paper doc-paper" data-testid="document-paper">
        <h1 className="doc-title">{d.title}</h1>
        <div className="print-pre doc-body">{body}</div>
        <div className="doc-meta no-print">
          {t('guardianship.documents.meta', {
            kind: t(templateKindKey(d.interventionKind)),
            code: d.templateCode,
            version: d.templateVersion,
            time: formatDateTime(d.createdAt),
          })}
        </div>
      </article>
    </div>
  );
}

const DOC_CSS = `
.doc-paper { font-size: 12pt; line-height: 1.9; min-height: 297mm; }
.doc-title { text-align: center; font-size: 18pt; letter-spacing: 4px; margin: 8mm 0 10mm; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
.doc-body { text-align: justify; overflow-wrap: anywhere; }
.doc-meta { margin-top: 12mm; font-size: 9pt; color: #888; border-top: 1px dashed #ccc; padding-top: 4px; }
@media (max-width: 640px) { .doc-paper { padding: 8mm 5mm; font-size: 11pt; min-height: 0; } .doc-title { font-size: 15pt; margin: 2mm 0 5mm; } }
@media print { .doc-paper { min-height: 0; font-size: 12pt; } }`;
