/**
 * 批量导入: download the template → upload the filled-in .xlsx → the server checks every row (a
 * progress bar meanwhile) → the report of problems by row and column → 确认导入 (only when the
 * check passed) → the counts of what was created, updated or left unchanged. The import's id sits
 * in the address (?id=…), so a reload or a colleague's question finds the same report again.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Popconfirm, Progress, Result, Row, Statistic, Steps, Table, Tag, Typography, Upload } from 'antd';
import { CheckCircleOutlined, CloudUploadOutlined, DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, seg } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { downloadFile, fileToBase64, formatSize } from './download';
import { MAX_FILE_BYTES, type ImportCreated, type ImportProblem, type ImportReport, type ImportStatus } from './types';

const POLL_MS = 600;
/** Step shown for each status; 4 (past the last step) marks every step done. */
const STEP: Record<ImportStatus, number> = { checking: 1, invalid: 2, checked: 2, committing: 3, committed: 4, failed: 3 };

export default function ImportPage() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useApiError();
  const [params, setParams] = useSearchParams();
  const id = params.get('id');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [uploading, setUploading] = useState(false);
  const [committing, setCommitting] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  // Load the report, and keep polling while the server works on it.
  useEffect(() => {
    if (!id) { setReport(null); return; }
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const r = await api.get<ImportReport>(`/api/imports/${seg(id)}`, { page, pageSize });
        if (stop) return;
        setReport(r);
        setLoadError(null);
        if (r.status === 'checking' || r.status === 'committing') timer = setTimeout(load, POLL_MS);
      } catch (err) {
        if (!stop) setLoadError(err);
      }
    };
    void load();
    return () => { stop = true; if (timer) clearTimeout(timer); };
  }, [id, page, pageSize, tick]);

  const template = async () => {
    try {
      await downloadFile('/api/children/import/template', '困境儿童导入模板.xlsx');
    } catch (err) {
      showError(err);
    }
  };

  const upload = async (file: File) => {
    setUploadError(null);
    if (!/\.xlsx$/i.test(file.name)) { setUploadError(t('files.import.onlyXlsx')); return; }
    if (file.size > MAX_FILE_BYTES) { setUploadError(t('files.import.tooBig', { size: formatSize(file.size) })); return; }
    setUploading(true);
    try {
      const created = await api.post<ImportCreated>('/api/children/import', { filename: file.name, contentBase64: await fileToBase64(file) });
      setPage(1);
      setReport(null);
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
      await api.post(`/api/imports/${seg(id)}/commit`);
      setReport((r) => (r ? { ...r, status: 'committing', progress: { done: 0, total: r.validRows } } : r));
      setTick((n) => n + 1); // polls again until the commit has finished
    } catch (err) {
      showError(err);
    } finally {
      setCommitting(false);
    }
  };

  const restart = () => { setParams({}); setReport(null); setUploadError(null); setPage(1); };
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
          <Button key="template" icon={<DownloadOutlined />} onClick={template}>{t('files.import.template')}</Button>,
          <Button key="list" onClick={() => navigate('/children')}>{t('files.import.backToList')}</Button>,
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
        <Card>
          <Typography.Paragraph>{t('files.import.intro')}</Typography.Paragraph>
          <ul style={{ marginTop: 0, paddingInlineStart: 20, color: 'rgba(0,0,0,0.65)' }}>
            <li>{t('files.import.rule.template')}</li>
            <li>{t('files.import.rule.key')}</li>
            <li>{t('files.import.rule.atomic')}</li>
            <li>{t('files.import.rule.area')}</li>
          </ul>
          {uploadError ? <Alert type="error" showIcon message={t('files.import.refused')} description={uploadError} style={{ marginBottom: 16 }} /> : null}
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            disabled={uploading}
            beforeUpload={(file) => { void upload(file); return false; }}
          >
            <p className="ant-upload-drag-icon">{uploading ? <CloudUploadOutlined /> : <InboxOutlined />}</p>
            <p className="ant-upload-text">{uploading ? t('files.import.uploading') : t('files.import.drop')}</p>
            <p className="ant-upload-hint">{t('files.import.dropHint')}</p>
          </Upload.Dragger>
        </Card>
      ) : loadError && !report ? (
        <Result
          status={loadError instanceof ApiError && loadError.status === 404 ? '404' : 'error'}
          title={loadError instanceof ApiError && loadError.status === 404 ? t('files.import.notFound') : t('files.import.loadFailed')}
          extra={<Button type="primary" onClick={restart}>{t('files.import.again')}</Button>}
        />
      ) : !report ? (
        <Card loading />
      ) : (
        <ImportReportView
          report={report}
          committing={committing}
          onCommit={commit}
          onRestart={restart}
          onPage={(p, s) => { setPage(p); setPageSize(s); }}
          page={page}
          pageSize={pageSize}
        />
      )}
    </>
  );
}

function ImportReportView({ report, committing, onCommit, onRestart, onPage, page, pageSize }: {
  report: ImportReport; committing: boolean; onCommit: () => void; onRestart: () => void; onPage: (page: number, size: number) => void; page: number; pageSize: number;
}) {
  const t = useT();
  const navigate = useNavigate();
  const working = report.status === 'checking' || report.status === 'committing';
  const done = report.status === 'committed';
  const percent = report.progress && report.progress.total ? Math.floor((report.progress.done / report.progress.total) * 100) : 0;
  const counts = done
    ? [
        { key: 'created', title: t('files.import.created'), value: report.createdRows, color: '#389e0d' },
        { key: 'updated', title: t('files.import.updated'), value: report.updatedRows, color: '#1677ff' },
        { key: 'unchanged', title: t('files.import.unchanged'), value: report.unchangedRows },
      ]
    : [
        { key: 'total', title: t('files.import.total'), value: report.totalRows },
        { key: 'valid', title: t('files.import.valid'), value: report.validRows },
        { key: 'problems', title: t('files.import.problems'), value: report.problems.total, color: report.problems.total ? '#cf1322' : undefined },
        ...(report.status === 'checked'
          ? [
              { key: 'create', title: t('files.import.willCreate'), value: report.createdRows, color: '#389e0d' },
              { key: 'update', title: t('files.import.willUpdate'), value: report.updatedRows, color: '#1677ff' },
              { key: 'same', title: t('files.import.willKeep'), value: report.unchangedRows },
            ]
          : []),
      ];

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Flex gap={8} align="center" wrap>
            <span>{report.filename}</span>
            <StatusTag status={report.status} />
          </Flex>
        }
        extra={!working ? <Button icon={<ReloadOutlined />} onClick={onRestart}>{t('files.import.again')}</Button> : null}
      >
        {working ? (
          <div style={{ marginBottom: 16 }}>
            <Typography.Text>{report.status === 'checking' ? t('files.import.checking') : t('files.import.committing')}</Typography.Text>
            <Progress percent={percent} status="active" />
            <Typography.Text type="secondary">
              {report.progress ? t('files.import.progress', { done: report.progress.done, total: report.progress.total }) : null}
            </Typography.Text>
          </div>
        ) : null}
        {done ? (
          <Result
            status="success"
            icon={<CheckCircleOutlined />}
            title={t('files.import.committedTitle')}
            subTitle={t('files.import.committedSub', { created: report.createdRows, updated: report.updatedRows, unchanged: report.unchangedRows })}
            extra={<Button type="primary" onClick={() => navigate('/children')}>{t('files.import.toList')}</Button>}
            style={{ padding: '8px 0 16px' }}
          />
        ) : null}
        {report.status === 'failed' ? (
          <Alert type="error" showIcon style={{ marginBottom: 16 }} message={t('files.import.failedTitle')} description={report.error ?? ''} />
        ) : null}
        {report.status === 'invalid' ? (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('files.import.invalidTitle')} description={t('files.import.invalidHint')} />
        ) : null}
        {report.status === 'checked' ? (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('files.import.checkedTitle')}
            description={report.createdRows + report.updatedRows === 0 ? t('files.import.nothingToDo') : t('files.import.checkedHint')}
            action={
              <Popconfirm
                // The button sits at the right edge of the alert: open leftwards so the popover stays on screen.
                placement="bottomRight"
                title={t('files.import.confirmTitle')}
                description={t('files.import.confirmText', { created: report.createdRows, updated: report.updatedRows })}
                okText={t('files.import.commit')}
                cancelText={t('common.cancel')}
                onConfirm={onCommit}
              >
                <Button type="primary" loading={committing}>{t('files.import.commit')}</Button>
              </Popconfirm>
            }
          />
        ) : null}
        <Row gutter={[16, 16]} style={done ? { display: 'none' } : undefined}>
          {counts.map((c) => (
            <Col key={c.key} xs={12} sm={8} md={4}>
              <Statistic title={c.title} value={c.value} valueStyle={c.color ? { color: c.color } : undefined} />
            </Col>
          ))}
        </Row>
      </Card>

      {report.problems.total > 0 ? (
        <Card title={t('files.import.reportTitle', { total: report.problems.total })}>
          <Table<ImportProblem & { key: string }>
            size="small"
            dataSource={report.problems.items.map((p, i) => ({ ...p, key: `${page}-${i}` }))}
            columns={[
              { title: t('files.import.col.row'), dataIndex: 'row', width: 90, render: (row: number) => (row > 0 ? t('files.import.rowNo', { row }) : '—') },
              { title: t('files.import.col.field'), dataIndex: 'field', width: 160, render: (f: string) => f || '—' },
              { title: t('files.import.col.message'), dataIndex: 'message' },
            ]}
            pagination={{
              current: page,
              pageSize,
              total: report.problems.total,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100, 200],
              showTotal: (total) => t('common.total', { total }),
              onChange: onPage,
            }}
            scroll={{ x: 640 }}
          />
        </Card>
      ) : null}
    </Flex>
  );
}

function StatusTag({ status }: { status: ImportStatus }) {
  const t = useT();
  const color: Record<ImportStatus, string> = { checking: 'processing', checked: 'green', invalid: 'orange', committing: 'processing', committed: 'green', failed: 'red' };
  return <Tag color={color[status]}>{t(`files.import.status.${status}`)}</Tag>;
}
