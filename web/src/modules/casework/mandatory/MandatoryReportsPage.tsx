import { useState } from 'react';
import { Alert, Button, Card, Segmented, Table, Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { MandatoryReport } from '@common/casework';
import { useAuth } from '../../../auth/useAuth';
import { ErrorResult } from '../../../components/ErrorResult';
import { formatDateTime } from '../../../components/format';
import { PageHeader } from '../../../components/PageHeader';
import { TAG_COLOR } from '../../../components/tagColors';
import { useT } from '../../../i18n/useT';
import { caseworkApi, caseworkKeys } from '../api';
import { MandatoryOutcome, RecordMandatoryModal } from './MandatoryReportPanel';

const STATUS_COLOR = { pending: TAG_COLOR.danger, reported: TAG_COLOR.ok, not_reported: TAG_COLOR.closed } as const;

/** 强制报告: the area's duties, pending first; each recorded from here or from its problem. */
export default function MandatoryReportsPage() {
  const t = useT();
  const { can } = useAuth();
  const [status, setStatus] = useState<'pending' | 'all'>('pending');
  const [recording, setRecording] = useState<MandatoryReport | null>(null);
  const {
    data,
    isFetching: loading,
    error,
    refetch,
  } = useQuery({ queryKey: caseworkKeys.mandatory({ status }), queryFn: () => caseworkApi.mandatoryReports({ status }) });
  const columns: TableColumnsType<MandatoryReport> = [
    {
      title: t('casework.mandatory.child'),
      key: 'child',
      width: 120,
      render: (_, r) => <Link to={`/children/${encodeURIComponent(r.childId)}`}>{r.childName}</Link>,
    },
    { title: t('casework.area'), key: 'area', width: 180, render: (_, r) => `${r.streetName} · ${r.committeeName}` },
    { title: t('casework.mandatory.problem'), dataIndex: 'problemDescription', ellipsis: true },
    { title: t('casework.mandatory.raisedAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: t('casework.mandatory.statusTitle'),
      dataIndex: 'status',
      width: 140,
      render: (s: MandatoryReport['status']) => <Tag color={STATUS_COLOR[s]}>{t(`casework.mandatory.status.${s}`)}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_, r) =>
        r.status === 'pending' && can('casework.write') ? (
          <Button size="small" type="primary" danger onClick={() => setRecording(r)}>
            {t('casework.mandatory.record')}
          </Button>
        ) : null,
    },
  ];
  if (error && !data) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  return (
    <>
      <PageHeader title={t('casework.nav.mandatory')} />
      <Alert type="warning" showIcon title={t('casework.mandatory.dutyText')} style={{ marginBottom: 16 }} />
      <Card
        extra={
          <Segmented<'pending' | 'all'>
            value={status}
            onChange={setStatus}
            options={[
              { value: 'pending', label: t('casework.mandatory.status.pending') },
              { value: 'all', label: t('casework.mandatory.all') },
            ]}
          />
        }
      >
        <Table<MandatoryReport>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.items ?? []}
          columns={columns}
          scroll={{ x: 'max-content' }}
          expandable={{ expandedRowRender: (r) => <MandatoryOutcome report={r} />, rowExpandable: (r) => r.status !== 'pending' }}
          locale={{ emptyText: t('casework.mandatory.empty') }}
          pagination={{ pageSize: 20 }}
        />
      </Card>
      {recording ? <RecordMandatoryModal report={recording} onClose={() => setRecording(null)} onSaved={() => setRecording(null)} /> : null}
    </>
  );
}
