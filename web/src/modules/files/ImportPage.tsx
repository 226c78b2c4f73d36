/**
 * 批量导入: download the template → upload the filled-in .xlsx → the server checks every row (a
 * progress bar meanwhile) → the report of problems by row and column → 确认导入 (only when the
 * check passed) → the counts of what was created, updated or left unchanged. The import's id sits
 * in the address (?id=…), so a reload or a colleague's question finds the same report again.
 */
import { useEffect, useState } from 'react';
import { App, Button, Card, Result, Steps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient, type Query } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { filesApi } from './api';
import { fileToBase64, formatSize } from './download';
import { ImportReportView } from './ImportReportView';
import { ImportUploadCard } from './ImportUploadCard';
import { MAX_FILE_BYTES, type ImportReport, type ImportStatus } from './types';

const POLL_MS = 600;
/** Step shown for each status; 4 (past the last step) marks every step done. */
const STEP: Record<ImportStatus, number> = { checking: 1, invalid: 2, checked: 2, committing: 3, committed: 4, failed: 3 };
const working = (r: ImportReport | undefined) => r?.status === 'checking' || r?.status === 'committing';

export default function ImportPage() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const id = params.get('id');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [uploading, setUploading] = useState(false);
  const [committing, setCommitting] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);

  // The report, asked again while the server works on it (until an answer fails, as before).
  const reportKey = ['files', 'import', id, page, pageSize];
  const query = useQuery({
    queryKey: reportKey,
    // A key whose last answer says "working" is being asked again by the timer: a background call.
    queryFn: () => filesApi.importReport(id ?? '', page, pageSize, working(queryClient.getQueryData<ImportReport>(reportKey))),
    enabled: !!id,
    refetchInterval: (q: Query<ImportReport, Error, ImportReport, typeof reportKey>) => (q.state.status !== 'error' && working(q.state.data) ? POLL_MS : false),
    // Another page of the same report keeps the last one on screen; another import does not.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === id ? previous : undefined),
  });
  const report = id ? (query.data ?? null) : null;

  const template = async () => {
    try {
      await filesApi.downloadTemplate();
    } catch (err) {
      showError(err);
    }
  };

  const upload = async (file: File) => {
    setUploadError(null);
    if (!/\.xlsx$/i.test(file.name)) {
      setUploadError(t('files.import.onlyXlsx'));
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      setUploadError(t('files.import.tooBig', { size: formatSize(file.size) }));
      return;
    }
    setUploading(true);
    try {
      const created = await filesApi.startImport({ filename: file.name, contentBase64: await fileToBase64(file) });
      setPage(1);
      setParams({ id: created.id });
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.message) setUploadError(err.message);
      else showError(err);
    } finally {
      setUploading(false);
    }
  };

  const commit = async () => {
    if (!id) return;
    setCommitting(true);
    try {
      await filesApi.commitImport(id);
      queryClient.setQueryData<ImportReport>(reportKey, (r) => (r ? { ...r, status: 'committing', progress: { done: 0, total: r.validRows } } : r));
      // Asked again (and then by the timer) until the commit has finished.
      void queryClient.invalidateQueries({ queryKey: ['files', 'import', id] });
    } catch (err) {
      showError(err);
    } finally {
      setCommitting(false);
    }
  };

  const restart = () => {
    setParams({});
    setUploadError(null);
    setPage(1);
  };
  const status = report?.status;
  const current = !id ? 0 : status ? STEP[status] : 1;

  useEffect(() => {
    if (status === 'committed') void message.success(t('files.import.committedToast'));
  }, [status, message, t]);

  return (
    <>
      <PageHeader
        title={t('files.import.title')}
        extra={[
          <Button key="template" icon={<DownloadOutlined />} onClick={template}>
            {t('files.import.template')}
          </Button>,
          <Button key="list" onClick={() => navigate('/children')}>
            {t('files.import.backToList')}
          </Button>,
        ]}
      />
      <Card style={{ marginBottom: 16 }}>
        <Steps
          current={current}
          status={status === 'invalid' || status === 'failed' ? 'error' : undefined}
          items={[
            { title: t('files.import.step.upload') },
            { title: t('files.import.step.check') },
            { title: t('files.import.step.review') },
            { title: t('files.import.step.commit') },
          ]}
        />
      </Card>

      {!id ? (
        <ImportUploadCard uploading={uploading} error={uploadError} onFile={(file) => void upload(file)} />
      ) : query.error && !report ? (
        <Result
          status={query.error instanceof ApiError && query.error.status === 404 ? '404' : 'error'}
          title={query.error instanceof ApiError && query.error.status === 404 ? t('files.import.notFound') : t('files.import.loadFailed')}
          extra={
            <Button type="primary" onClick={restart}>
              {t('files.import.again')}
            </Button>
          }
        />
      ) : !report ? (
        <Card loading />
      ) : (
        <ImportReportView
          report={report}
          committing={committing}
          onCommit={commit}
          onRestart={restart}
          onPage={(p, s) => {
            setPage(p);
            setPageSize(s);
          }}
          page={page}
          pageSize={pageSize}
        />
      )}
    </>
  );
}
