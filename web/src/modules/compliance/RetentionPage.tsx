/**
 * 保存期限: the security administrator sets how long the audit log and the operational logs are
 * kept and when closed files are archived (minimised); the periods' legal minimums are enforced
 * here, by the server (zod) and by the database. Saving and running ask for a confirmation:
 * what a run removes cannot be restored.
 */
import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, InputNumber, Popconfirm, Table, Typography } from 'antd';
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/useT';
import { zhCN, type MessageKey } from '../../locales/zh-CN';
import { complianceApi, complianceKeys, RETENTION_MAXIMUM_MONTHS, RETENTION_MINIMUMS, type RetentionRun, type RetentionSettingsUpdate } from './api';

const isKey = (k: string): k is MessageKey => k in zhCN;
const FIELDS = ['auditMonths', 'logMonths', 'archiveAfterMonths'] as const;

export default function RetentionPage() {
  const t = useT();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<RetentionSettingsUpdate>();
  const settings = useQuery({ queryKey: complianceKeys.retention, queryFn: () => complianceApi.retention() });
  useEffect(() => {
    if (settings.data)
      form.setFieldsValue({ auditMonths: settings.data.auditMonths, logMonths: settings.data.logMonths, archiveAfterMonths: settings.data.archiveAfterMonths });
  }, [settings.data, form]);

  if (settings.error && !settings.data) return <ErrorResult error={settings.error} onRetry={() => void settings.refetch()} />;
  const s = settings.data;
  const tableName = (k: string) => {
    const key = 'compliance.report.table.' + k;
    return isKey(key) ? t(key) : k;
  };

  const save = async (v: RetentionSettingsUpdate) => {
    try {
      await complianceApi.updateRetention(v);
      void message.success(t('compliance.retention.saved'));
      await qc.invalidateQueries({ queryKey: complianceKeys.retention });
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    }
  };
  // Checked first (the minimums), then confirmed: a shorter period deletes for good at the next run.
  const confirmSave = async () => {
    let v: RetentionSettingsUpdate;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    modal.confirm({ title: t('compliance.retention.confirmTitle'), content: t('compliance.retention.confirmBody'), onOk: () => save(v) });
  };
  const run = async () => {
    try {
      const r = await complianceApi.runRetention();
      void message.success(t('compliance.retention.ran', { n: Object.values(r.counts).reduce((a, b) => a + b, 0) }));
      await qc.invalidateQueries({ queryKey: complianceKeys.retention });
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <>
      <PageHeader
        title={t('compliance.retention.title')}
        extra={
          <Popconfirm
            title={t('compliance.retention.runConfirm')}
            onConfirm={() => void run()}
            okText={t('compliance.retention.run')}
            okButtonProps={{ danger: true }}
          >
            <Button icon={<DeleteOutlined />} disabled={!s}>
              {t('compliance.retention.run')}
            </Button>
          </Popconfirm>
        }
      />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('compliance.retention.lead')} />
      <Card loading={!s} style={{ marginBottom: 16 }}>
        <Form form={form} layout="horizontal" labelCol={{ flex: '180px' }} style={{ maxWidth: 560 }}>
          {FIELDS.map((f) => (
            <Form.Item
              key={f}
              name={f}
              label={t(`compliance.retention.${f}`)}
              extra={t('compliance.retention.min', { n: RETENTION_MINIMUMS[f] })}
              rules={[
                { required: true, message: t('compliance.retention.tooShort', { n: RETENTION_MINIMUMS[f] }) },
                {
                  type: 'number',
                  min: RETENTION_MINIMUMS[f],
                  max: RETENTION_MAXIMUM_MONTHS,
                  message: t('compliance.retention.tooShort', { n: RETENTION_MINIMUMS[f] }),
                },
              ]}
            >
              <InputNumber precision={0} style={{ width: 140 }} />
            </Form.Item>
          ))}
          <Form.Item label=" " colon={false}>
            <Button type="primary" icon={<SaveOutlined />} onClick={() => void confirmSave()}>
              {t('compliance.retention.save')}
            </Button>
          </Form.Item>
        </Form>
        {s && (
          <Flex vertical gap={4}>
            <Typography.Text type="secondary">{t('compliance.retention.cutoff', { date: s.cutoffs.audit })}</Typography.Text>
            <Typography.Text type="secondary">{t('compliance.retention.updatedAt', { time: formatDateTime(s.updatedAt) })}</Typography.Text>
          </Flex>
        )}
      </Card>
      <Card title={t('compliance.retention.runs')}>
        <Table<RetentionRun>
          rowKey="id"
          size="small"
          dataSource={s?.runs ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={t('compliance.retention.noRuns')} /> }}
          columns={[
            { title: t('compliance.retention.col.started'), dataIndex: 'startedAt', width: 170, render: (v: string) => formatDateTime(v) },
            { title: t('compliance.retention.col.finished'), dataIndex: 'finishedAt', width: 170, render: (v: string | null) => formatDateTime(v) },
            {
              title: t('compliance.retention.col.counts'),
              dataIndex: 'counts',
              render: (c: Record<string, number>) => (
                <Descriptions
                  size="small"
                  column={3}
                  items={Object.entries(c)
                    .filter(([, n]) => n > 0)
                    .map(([k, n]) => ({ key: k, label: tableName(k), children: n }))}
                />
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
