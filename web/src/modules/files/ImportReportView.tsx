/** The report of an import: its status and progress, the counts, 确认导入, and the problems by row and column. */
import { Alert, Button, Card, Col, Flex, Popconfirm, Progress, Result, Row, Statistic, Table, Tag, Typography } from 'antd';
import { CheckCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/useT';
import type { ImportProblem, ImportReport, ImportStatus } from './types';

export function ImportReportView({
  report,
  committing,
  onCommit,
  onRestart,
  onPage,
  page,
  pageSize,
}: {
  report: ImportReport;
  committing: boolean;
  onCommit: () => void;
  onRestart: () => void;
  onPage: (page: number, size: number) => void;
  page: number;
  pageSize: number;
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
        extra={
          !working ? (
            <Button icon={<ReloadOutlined />} onClick={onRestart}>
              {t('files.import.again')}
            </Button>
          ) : null
        }
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
            extra={
              <Button type="primary" onClick={() => navigate('/children')}>
                {t('files.import.toList')}
              </Button>
            }
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
                <Button type="primary" loading={committing}>
                  {t('files.import.commit')}
                </Button>
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
  const color: Record<ImportStatus, string> = {
    checking: 'processing',
    checked: 'green',
    invalid: 'orange',
    committing: 'processing',
    committed: 'green',
    failed: 'red',
  };
  return <Tag color={color[status]}>{t(`files.import.status.${status}`)}</Tag>;
}
