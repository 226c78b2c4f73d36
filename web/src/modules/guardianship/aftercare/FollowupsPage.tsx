/**
 * /guardianship/followups — 返家回访: the street's overdue follow-ups (guardianship.read, its area),
 * the procuratorate's masked district-wide list (guardianship.oversight), and the follow-ups
 * waiting on the caller as a supervisor (recorded from here too, on a phone).
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Space, Tabs, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useAuth } from '../../../auth/useAuth';
import { ErrorResult } from '../../../components/ErrorResult';
import { ListScaffold } from '../../../components/ListScaffold';
import { PageHeader } from '../../../components/PageHeader';
import { useT } from '../../../i18n/useT';
import { aftercareApi, aftercareKeys, type MaskedOverdueFollowup, type MyFollowup, type OverdueFollowup } from './api';
import { DueTag } from './cards';
import { RecordFollowupModal } from './modals';

function OverdueTab() {
  const t = useT();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const q = useQuery({ queryKey: aftercareKeys.overdue(paging), queryFn: () => aftercareApi.overdue(paging) });
  if (q.error) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const child = (r: OverdueFollowup) => <Link to={`/children/${encodeURIComponent(r.childId)}?tab=guardianship`}>{r.childName}</Link>;
  const columns: TableColumnsType<OverdueFollowup> = [
    { title: t('guardianship.aftercare.fu.child'), dataIndex: 'childName', render: (_, r) => child(r) },
    { title: t('guardianship.aftercare.fu.area'), dataIndex: 'streetName', render: (_, r) => `${r.streetName} ${r.committeeName}` },
    { title: t('guardianship.aftercare.fu.supervisor'), dataIndex: 'supervisorName' },
    { title: t('guardianship.aftercare.fu.dueOn'), dataIndex: 'dueOn', width: 120 },
    { title: t('guardianship.aftercare.fu.daysOverdue'), dataIndex: 'daysOverdue', width: 120, render: (_, r) => <DueTag dueOn={r.dueOn} /> },
  ];
  return (
    <ListScaffold<OverdueFollowup>
      items={q.data?.items}
      total={q.data?.total}
      loading={q.isLoading}
      rowKey="followupId"
      columns={columns}
      emptyText={t('guardianship.aftercare.fu.emptyOverdue')}
      paging={{ ...paging, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
      renderMobile={(r) => (
        <Flex vertical gap={4}>
          <Space>
            {child(r)}
            <DueTag dueOn={r.dueOn} />
          </Space>
          <Typography.Text type="secondary">
            {r.streetName} {r.committeeName} · {r.supervisorName} · {r.dueOn}
          </Typography.Text>
        </Flex>
      )}
    />
  );
}

function OversightTab() {
  const t = useT();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const q = useQuery({ queryKey: aftercareKeys.oversight(paging), queryFn: () => aftercareApi.oversight(paging) });
  if (q.error) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const columns: TableColumnsType<MaskedOverdueFollowup> = [
    { title: t('guardianship.aftercare.fu.child'), dataIndex: 'childMasked' },
    { title: t('guardianship.aftercare.fu.area'), dataIndex: 'streetName', render: (_, r) => `${r.streetName} ${r.committeeName}` },
    { title: t('guardianship.aftercare.fu.supervisor'), dataIndex: 'supervisorName' },
    { title: t('guardianship.aftercare.fu.dueOn'), dataIndex: 'dueOn', width: 120 },
    {
      title: t('guardianship.aftercare.fu.daysOverdue'),
      dataIndex: 'daysOverdue',
      width: 120,
      sorter: (a, b) => a.daysOverdue - b.daysOverdue,
      render: (v: number) => <Typography.Text type="danger">{t('guardianship.aftercare.fu.daysValue', { days: v })}</Typography.Text>,
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Alert type="info" showIcon message={t('guardianship.aftercare.fu.maskedNote')} />
      <ListScaffold<MaskedOverdueFollowup>
        items={q.data?.items}
        total={q.data?.total}
        loading={q.isLoading}
        rowKey="followupId"
        columns={columns}
        emptyText={t('guardianship.aftercare.fu.emptyOverdue')}
        paging={{ ...paging, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
        renderMobile={(r) => (
          <Flex vertical gap={4}>
            <Space>
              <Typography.Text strong>{r.childMasked}</Typography.Text>
              <Typography.Text type="danger">{t('guardianship.aftercare.fu.daysValue', { days: r.daysOverdue })}</Typography.Text>
            </Space>
            <Typography.Text type="secondary">
              {r.streetName} {r.committeeName} · {r.supervisorName} · {r.dueOn}
            </Typography.Text>
          </Flex>
        )}
      />
    </Flex>
  );
}

function MineTab() {
  const t = useT();
  const q = useQuery({ queryKey: aftercareKeys.mine, queryFn: () => aftercareApi.mine() });
  const [recording, setRecording] = useState<MyFollowup | null>(null);
  if (q.error) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const columns: TableColumnsType<MyFollowup> = [
    {
      title: t('guardianship.aftercare.fu.child'),
      dataIndex: 'childName',
      render: (_, r) => <Link to={`/children/${encodeURIComponent(r.childId)}?tab=guardianship`}>{r.childName}</Link>,
    },
    {
      title: t('guardianship.aftercare.fu.dueOn'),
      dataIndex: 'dueOn',
      width: 200,
      render: (_, r) => (
        <Space>
          {r.dueOn}
          <DueTag dueOn={r.dueOn} />
        </Space>
      ),
    },
    {
      title: '',
      key: 'act',
      width: 120,
      render: (_, r) => (
        <Button type="primary" size="small" onClick={() => setRecording(r)}>
          {t('guardianship.aftercare.sup.record')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <ListScaffold<MyFollowup>
        items={q.data?.items}
        loading={q.isLoading}
        rowKey="followupId"
        columns={columns}
        emptyText={t('guardianship.aftercare.fu.emptyMine')}
        renderMobile={(r) => (
          <Flex vertical gap={8} style={{ width: '100%' }}>
            <Space>
              <Typography.Text strong>{r.childName}</Typography.Text>
              <DueTag dueOn={r.dueOn} />
            </Space>
            <Button type="primary" block size="large" onClick={() => setRecording(r)}>
              {t('guardianship.aftercare.sup.record')}
            </Button>
          </Flex>
        )}
      />
      {recording ? (
        <RecordFollowupModal
          childId={recording.childId}
          followup={{ id: recording.followupId, dueOn: recording.dueOn, version: recording.version }}
          onClose={() => {
            setRecording(null);
            void q.refetch();
          }}
        />
      ) : null}
    </>
  );
}

export default function FollowupsPage() {
  const t = useT();
  const { can } = useAuth();
  const tabs = [
    ...(can('guardianship.read') ? [{ key: 'overdue', label: t('guardianship.aftercare.fu.tab.overdue'), children: <OverdueTab /> }] : []),
    ...(can('guardianship.oversight') ? [{ key: 'oversight', label: t('guardianship.aftercare.fu.tab.oversight'), children: <OversightTab /> }] : []),
    { key: 'mine', label: t('guardianship.aftercare.fu.tab.mine'), children: <MineTab /> },
  ];
  return (
    <>
      <PageHeader title={t('guardianship.aftercare.nav.followups')} />
      <Card>
        <Tabs items={tabs} destroyOnHidden />
      </Card>
    </>
  );
}
