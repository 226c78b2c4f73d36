import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Flex, Spin, Table, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { ErrorResult } from '../../../components/ErrorResult';
import { useT } from '../../../i18n/useT';
import { assessmentKeys, assessmentsApi } from './api';

/** A printable report of one assessment (its view is audited like any other). */
export default function PrintPage() {
  const t = useT();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: assessmentKeys.detail(id), queryFn: () => assessmentsApi.detail(id) });
  const a = q.data;
  if (q.error && !a) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (!a) return <Spin />;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 800, margin: '0 auto' }} className="assessment-print">
      <Flex justify="flex-end" className="no-print">
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('guardianship.assess.print')}
        </Button>
      </Flex>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        {t('guardianship.assess.print.title')}
      </Typography.Title>
      {a.instrumentPlaceholder ? <Typography.Text type="warning">{t('guardianship.assess.placeholder')}</Typography.Text> : null}
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label={t('guardianship.assess.work.child')}>{a.childName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('guardianship.assess.detail.instrumentVersion')}>
          {a.instrumentName} · {t('guardianship.instruments.version', { version: a.instrumentVersion })}
        </Descriptions.Item>
        <Descriptions.Item label={t('guardianship.assess.detail.unit')}>{a.commissionedUnitName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('guardianship.assess.col.commissioned')}>{a.commissionedOn}</Descriptions.Item>
        <Descriptions.Item label={t('guardianship.assess.assessorOrg')}>{a.assessorOrg ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('guardianship.assess.detail.assessor')}>{a.assessorName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('guardianship.assess.col.assessed')}>{a.assessedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('guardianship.assess.detail.methods')}>
          {a.methods.map((m) => t(`guardianship.assess.method.${m}`)).join('、') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('guardianship.assess.col.grade')}>{a.gradeName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('guardianship.assess.col.score')}>{a.totalScore?.toFixed(2) ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('guardianship.assess.reason')} span={2}>
          {a.reason ?? '—'}
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        pagination={false}
        rowKey="code"
        dataSource={a.dimensionScores ?? []}
        columns={[
          { title: t('guardianship.instruments.editor.dimension'), dataIndex: 'name' },
          { title: t('guardianship.instruments.editor.weight'), dataIndex: 'weight', width: 80 },
          { title: t('guardianship.instruments.editor.score'), key: 's', width: 100, render: (_, d) => `${d.score}/${d.max}` },
          { title: '%', dataIndex: 'percent', width: 80 },
        ]}
      />
      <Typography.Title level={5}>{t('guardianship.assess.detail.narrative')}</Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.narrative ?? '—'}</Typography.Paragraph>
      <Typography.Title level={5}>{t('guardianship.assess.detail.measures')}</Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.measures ?? '—'}</Typography.Paragraph>
      <Typography.Paragraph>
        {t('guardianship.assess.col.reassess')}：{a.reassessOn ?? '—'}
      </Typography.Paragraph>
      <style>{'@media print { .no-print, .ant-layout-sider, .ant-layout-header, .ant-breadcrumb { display: none !important; } }'}</style>
    </Flex>
  );
}
