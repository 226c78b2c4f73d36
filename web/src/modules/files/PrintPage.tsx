/**
 * 一人一档 for the paper archive: everything on the child's file, laid out for A4, printed by the
 * browser (to paper or PDF). On screen it shows as a sheet of paper with a toolbar; in print the
 * application frame, menu and buttons disappear, each page carries the title, "内部资料 注意保密",
 * who printed it and when, and the record lists start on new pages. Printing is audited.
 */
import { useEffect, useMemo } from 'react';
import { App, Button, Flex, Result, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useNavigate, useParams } from 'react-router';
import { ApiError, seg } from '../../api/client';
import { useMe } from '../../auth/useAuth';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { filesApi, printApi } from './api';
import { FileSections } from './print/FileSections';
import { pageCss, PRINT_CSS } from './print/printCss';
import { optional } from './print/printParts';
import { RecordSections, Signatures, VISIT_LIMIT } from './print/RecordSections';

export default function PrintPage() {
  const t = useT();
  const me = useMe();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useApiError();
  const printedAt = useMemo(() => dayjs().format('YYYY-MM-DD HH:mm'), []);
  const file = useQuery({ queryKey: ['files', 'print', id, 'file'], queryFn: () => printApi.childFile(id) });
  const parts = useQuery({
    queryKey: ['files', 'print', id, 'records'],
    queryFn: async () => {
      const [visits, problems, assistance, carePlans, attachments] = await Promise.all([
        optional(() => printApi.visits(id, VISIT_LIMIT)),
        optional(() => printApi.problems(id)),
        optional(() => printApi.assistance(id)),
        optional(() => printApi.carePlans(id)),
        optional(() => printApi.attachments(id)),
      ]);
      return { visits, problems, assistance, carePlans, attachments };
    },
  });

  useEffect(() => {
    const before = document.title;
    if (file.data) document.title = t('files.print.docTitle', { name: file.data.name });
    return () => {
      document.title = before;
    };
  }, [file.data, t]);

  const print = async () => {
    try {
      // Printing a child's file is recorded like viewing it (security requirement 15).
      await filesApi.logPrint(id);
    } catch (err) {
      showError(err);
      return;
    }
    window.print();
  };

  if (file.isLoading || parts.isLoading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (file.error instanceof ApiError && (file.error.status === 404 || file.error.status === 400)) {
    return (
      <Result status="404" title={t('files.print.notFound')} extra={<Button onClick={() => navigate('/children')}>{t('files.print.backToList')}</Button>} />
    );
  }
  if (!file.data)
    return <Result status="error" title={t('files.print.loadFailed')} extra={<Button onClick={() => void file.refetch()}>{t('files.print.retry')}</Button>} />;
  const f = file.data;
  const who = `${me.user.displayName}（${me.unit.name}）`;
  const margins = pageCss({
    title: t('files.print.title'),
    secret: t('files.print.secret'),
    footer: t('files.print.footer', { user: who, time: printedAt }),
    pageOf: t('files.print.pageOf'),
  });

  return (
    <div className="print-root">
      <style>
        {margins}
        {PRINT_CSS}
      </style>
      <Flex className="no-print" justify="space-between" align="center" gap={8} wrap style={{ maxWidth: '210mm', margin: '0 auto 12px' }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/children/${seg(id)}`)}>
          {t('files.print.back')}
        </Button>
        <Flex gap={8} align="center">
          <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{t('files.print.hint')}</span>
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            onClick={() => {
              void print().catch(() => message.error(t('files.print.failed')));
            }}
          >
            {t('files.print.button')}
          </Button>
        </Flex>
      </Flex>
      <article className="print-paper">
        <header className="print-head">
          <div className="print-head-title">
            <h1>{t('files.print.title')}</h1>
            <span className="print-secret">{t('files.print.secret')}</span>
          </div>
          <div className="print-head-meta">
            <span>{t('files.print.childLine', { name: f.name, area: `${f.streetName} ${f.committeeName}` })}</span>
            <span>{t('files.print.printedBy', { user: who, time: printedAt })}</span>
          </div>
        </header>
        <FileSections file={f} />
        <RecordSections {...(parts.data ?? { visits: null, problems: null, assistance: null, carePlans: null, attachments: null })} />
        <Signatures />
      </article>
    </div>
  );
}
