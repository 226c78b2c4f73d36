/**
 * 从业限制名单 (the reviewer only, workforce.restricted): load a list (.xlsx or .csv with the columns
 * 姓名, 身份证号, 限制情形) and read the row-by-row report; the matches of the ledger against the
 * lists, each confirmed (the person's account is suspended and signed out) or dismissed with a note.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Radio, Space, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/format';
import { useT } from '../../i18n/useT';
import { fileToBase64 } from '../files/download';
import { restrictedApi, restrictedKeys, type RestrictedLoadReport, type RestrictedMatch } from './api';

export default function RestrictedPage() {
  const t = useT();
  const [loading, setLoading] = useState(false);
  const [report, setReport] = useState<RestrictedLoadReport | null>(null);
  const [reviewing, setReviewing] = useState<RestrictedMatch | null>(null);
  const matches = useQuery({ queryKey: restrictedKeys.matches(), queryFn: () => restrictedApi.matches() });
  const lists = useQuery({ queryKey: restrictedKeys.lists, queryFn: restrictedApi.lists });
  const statusTag = (s: RestrictedMatch['status']) => (
    <Tag color={s === 'open' ? 'red' : s === 'confirmed' ? 'volcano' : 'default'}>{t(`training.match.${s}`)}</Tag>
  );
  const action = (m: RestrictedMatch) =>
    m.status === 'open' ? (
      <Button size="small" type="primary" danger onClick={() => setReviewing(m)}>
        {t('training.act.review')}
      </Button>
    ) : (
      <Typography.Text type="secondary">
        {m.reviewedByName} {formatDateTime(m.reviewedAt)}
      </Typography.Text>
    );
  const columns: TableColumnsType<RestrictedMatch> = [
    { title: t('training.col.name'), dataIndex: 'staffName', key: 'name' },
    { title: t('training.col.street'), dataIndex: 'streetName', key: 'street', render: (v: string | null) => v ?? t('training.district') },
    { title: t('training.match.entry'), key: 'entry', render: (_, m) => `${m.nameMasked ?? '—'} · ${m.restriction ?? '—'}` },
    { title: t('training.match.list'), dataIndex: 'listName', key: 'list' },
    { title: t('training.match.foundAt'), dataIndex: 'foundAt', key: 'found', render: (v: string) => formatDateTime(v) },
    { title: t('training.col.status'), key: 'status', render: (_, m) => statusTag(m.status) },
    { title: t('training.match.note'), dataIndex: 'note', key: 'note', render: (v: string | null) => v ?? '—' },
    { title: t('training.col.actions'), key: 'actions', render: (_, m) => action(m) },
  ];
  return (
    <>
      <PageHeader
        title={t('training.nav.restricted')}
        extra={
          <Button type="primary" icon={<UploadOutlined />} onClick={() => setLoading(true)}>
            {t('training.restricted.load')}
          </Button>
        }
      />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('training.restricted.privacy')} />
      {matches.error ? <ErrorResult error={matches.error} onRetry={() => void matches.refetch()} /> : null}
      <Typography.Title level={5}>{t('training.restricted.matches')}</Typography.Title>
      <ListScaffold<RestrictedMatch>
        items={matches.data?.items}
        loading={matches.isLoading}
        rowKey="id"
        columns={columns}
        emptyText={t('training.empty.matches')}
        renderMobile={(m) => (
          <Card size="small" style={{ width: '100%' }} data-testid="match-card">
            <Flex vertical gap={6}>
              <Flex justify="space-between" wrap gap={8}>
                <Typography.Text strong>
                  {m.staffName} · {m.streetName ?? t('training.district')}
                </Typography.Text>
                {statusTag(m.status)}
              </Flex>
              <Typography.Text type="secondary">
                {m.nameMasked} · {m.restriction}
              </Typography.Text>
              <Typography.Text type="secondary">{m.listName}</Typography.Text>
              {m.note ? <Typography.Text>{m.note}</Typography.Text> : null}
              <div>{action(m)}</div>
            </Flex>
          </Card>
        )}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('training.restricted.lists')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="id"
        loading={lists.isLoading}
        dataSource={lists.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('training.empty.lists') }}
        columns={[
          { title: t('training.restricted.name'), dataIndex: 'name', key: 'name' },
          { title: t('training.restricted.source'), dataIndex: 'source', key: 'source' },
          { title: t('training.restricted.rows'), dataIndex: 'rows', key: 'rows' },
          { title: t('training.restricted.loadedAt'), key: 'at', render: (_, l) => `${formatDateTime(l.loadedAt)} ${l.loadedByName ?? ''}` },
        ]}
      />
      {loading ? <LoadModal onClose={() => setLoading(false)} onReport={setReport} /> : null}
      {report ? <ReportModal report={report} onClose={() => setReport(null)} /> : null}
      {reviewing ? <ReviewModal match={reviewing} onClose={() => setReviewing(null)} /> : null}
    </>
  );
}

interface LoadForm {
  name: string;
  source?: string;
}

function LoadModal({ onClose, onReport }: { onClose: () => void; onReport: (r: RestrictedLoadReport) => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<LoadForm>();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  return (
    <FormModal<LoadForm>
      form={form}
      layout="vertical"
      title={t('training.restricted.load')}
      okText={t('training.restricted.loadOk')}
      onClose={onClose}
      intro={<Typography.Paragraph type="secondary">{t('training.restricted.loadHelp')}</Typography.Paragraph>}
      onSubmit={async (v) => {
        if (!file) {
          setFileError(t('training.restricted.fileNeeded'));
          return;
        }
        const report = await restrictedApi.load({ name: v.name, source: v.source ?? null, filename: file.name, contentBase64: await fileToBase64(file) });
        await qc.invalidateQueries({ queryKey: restrictedKeys.all });
        onClose();
        onReport(report);
      }}
    >
      <Form.Item
        name="name"
        label={t('training.restricted.name')}
        rules={[{ required: true, whitespace: true, message: t('training.required', { label: t('training.restricted.name') }) }]}
      >
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item name="source" label={t('training.restricted.source')}>
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item label={t('training.restricted.file')} validateStatus={fileError ? 'error' : undefined} help={fileError ?? undefined} required>
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setFileError(null);
            return false;
          }}
          onRemove={() => setFile(null)}
        >
          <Button icon={<UploadOutlined />}>{t('training.restricted.pickFile')}</Button>
        </Upload>
      </Form.Item>
    </FormModal>
  );
}

function ReportModal({ report, onClose }: { report: RestrictedLoadReport; onClose: () => void }) {
  const t = useT();
  return (
    <Modal open title={t('training.restricted.report')} onCancel={onClose} onOk={onClose} cancelButtonProps={{ style: { display: 'none' } }} width={720}>
      {report.alreadyLoaded ? (
        <Alert type="info" showIcon message={t('training.restricted.already')} />
      ) : (
        <Flex vertical gap={12}>
          <Alert
            type={report.matches > 0 ? 'warning' : 'success'}
            showIcon
            message={t('training.restricted.summary', {
              loaded: report.loaded,
              invalid: report.invalid,
              duplicates: report.duplicates,
              matches: report.matches,
            })}
          />
          <Table
            size="small"
            rowKey="row"
            dataSource={report.rows}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('training.restricted.row'), dataIndex: 'row', key: 'row', width: 70 },
              { title: t('training.restricted.maskedName'), dataIndex: 'nameMasked', key: 'name', render: (v: string | null) => v ?? '—' },
              {
                title: t('training.col.status'),
                dataIndex: 'outcome',
                key: 'outcome',
                render: (o: string) => (
                  <Tag color={o === 'loaded' ? 'green' : o === 'invalid' ? 'red' : 'default'}>
                    {t(`training.restricted.outcome.${o === 'loaded' ? 'loaded' : o === 'invalid' ? 'invalid' : 'duplicate'}`)}
                  </Tag>
                ),
              },
              { title: t('training.restricted.message'), dataIndex: 'message', key: 'message' },
            ]}
          />
        </Flex>
      )}
    </Modal>
  );
}

interface ReviewForm {
  decision: 'confirmed' | 'dismissed';
  note: string;
}

function ReviewModal({ match, onClose }: { match: RestrictedMatch; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<ReviewForm>();
  const submit = async (v: ReviewForm) => {
    await restrictedApi.review(match.id, v);
    void message.success(t(v.decision === 'confirmed' ? 'training.review.confirmedDone' : 'training.review.dismissedDone'));
    await qc.invalidateQueries({ queryKey: restrictedKeys.all });
    onClose();
  };
  return (
    <FormModal<ReviewForm>
      form={form}
      layout="vertical"
      title={`${t('training.act.review')} · ${match.staffName}`}
      onClose={onClose}
      initialValues={{ decision: 'dismissed' }}
      intro={
        <Typography.Paragraph type="secondary">
          {match.streetName ?? t('training.district')} · {match.nameMasked} · {match.restriction}
        </Typography.Paragraph>
      }
      onSubmit={(v) =>
        v.decision === 'confirmed'
          ? new Promise<void>((resolve, reject) => {
              modal.confirm({
                title: t('training.review.confirmAsk', { name: match.staffName }),
                content: t(match.hasAccount ? 'training.review.confirmHelp' : 'training.review.confirmHelpNoAccount'),
                okButtonProps: { danger: true },
                onOk: () => submit(v).then(resolve, reject),
                onCancel: () => resolve(),
              });
            })
          : submit(v)
      }
    >
      <Form.Item name="decision" label={t('training.review.decision')}>
        <Radio.Group>
          <Space direction="vertical">
            <Radio value="dismissed">{t('training.review.dismiss')}</Radio>
            <Radio value="confirmed">{t('training.review.confirm')}</Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="note" label={t('training.match.note')} rules={[{ required: true, whitespace: true, message: t('training.review.noteNeeded') }]}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
