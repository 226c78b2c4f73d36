/**
 * A project: its particulars, and the children it serves in the caller's area (row-level security;
 * the district-wide count beside). Names are masked for a caller who cannot open the files; with
 * organisations.assign a street adds a child of its area and ends a child's service (confirmed).
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Flex, Popconfirm, Select, Space, Spin, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useParams } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { orgApi, orgKeys, type ProjectDetail } from './api';
import { statusColor } from './ProjectsPage';

type Served = ProjectDetail['children'][number];

export default function ProjectPage() {
  const t = useT();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: orgKeys.project(id), queryFn: () => orgApi.project(id) });
  const options = useQuery({ queryKey: orgKeys.options, queryFn: orgApi.options, staleTime: 600_000 });
  if (q.error) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Spin />;
  const { project: p, children, canAssign } = q.data;
  const streetName = new Map((options.data?.streets ?? []).map((s) => [s.code, s.name]));
  const today = options.data?.today ?? '';
  const open = p.status === 'running' || p.status === 'planned';
  const columns: TableColumnsType<Served> = [
    { title: t('organisations.child.name'), key: 'name', render: (_, c) => (c.canOpen ? <Link to={`/children/${c.childId}`}>{c.name}</Link> : c.name) },
    { title: t('organisations.child.area'), key: 'area', render: (_, c) => `${c.streetName} ${c.committeeName}` },
    { title: t('organisations.child.period'), key: 'period', render: (_, c) => `${c.since} — ${c.until ?? t('organisations.child.ongoing')}` },
    {
      title: t('organisations.col.actions'),
      key: 'a',
      render: (_, c) => (canAssign && !c.until ? <EndChild projectId={p.id} child={c} today={today} /> : null),
    },
  ];
  return (
    <>
      <PageHeader title={p.name} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label={t('organisations.project.org')}>{p.organisationName}</Descriptions.Item>
          <Descriptions.Item label={t('organisations.project.kind')}>{t(`organisations.projectKind.${p.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('organisations.project.status')}>
            <Tag color={statusColor(p.status)}>{t(`organisations.status.${p.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('organisations.project.unit')}>{p.commissioningUnitName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('organisations.project.period')}>
            {p.startsOn} — {p.endsOn}
          </Descriptions.Item>
          <Descriptions.Item label={t('organisations.project.budget')}>{p.budget !== null ? `¥${p.budget.toLocaleString('zh-CN')}` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('organisations.project.served')}>
            {p.childrenServed}
            {p.childrenTarget !== null ? ` / ${p.childrenTarget}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('organisations.col.streets')}>{p.streets.map((s) => streetName.get(s) ?? s).join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('organisations.project.tasks')}>{p.planTasks.join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('organisations.project.deliverables')} span={3}>
            {p.deliverables ?? '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('organisations.child.title', { n: children.filter((c) => !c.until).length })}>
        {canAssign && open ? <AddChild projectId={p.id} today={today} /> : null}
        <Typography.Paragraph type="secondary">{t('organisations.child.scopeNote')}</Typography.Paragraph>
        <ListScaffold<Served>
          items={children}
          loading={false}
          rowKey="childId"
          columns={columns}
          emptyText={t('organisations.child.empty')}
          renderMobile={(c) => (
            <Card size="small" style={{ width: '100%' }}>
              <Flex justify="space-between" align="center" gap={8} wrap>
                <Space direction="vertical" size={0}>
                  {c.canOpen ? <Link to={`/children/${c.childId}`}>{c.name}</Link> : <Typography.Text>{c.name}</Typography.Text>}
                  <Typography.Text type="secondary">
                    {c.streetName} {c.committeeName} · {c.since} — {c.until ?? t('organisations.child.ongoing')}
                  </Typography.Text>
                </Space>
                {canAssign && !c.until ? <EndChild projectId={p.id} child={c} today={today} /> : null}
              </Flex>
            </Card>
          )}
        />
      </Card>
    </>
  );
}

function AddChild({ projectId, today }: { projectId: string; today: string }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const showError = useApiError();
  const [text, setText] = useState('');
  const [childId, setChildId] = useState<string | undefined>();
  const found = useQuery({ queryKey: orgKeys.children(text), queryFn: () => orgApi.searchChildren(text) });
  const add = async () => {
    if (!childId) return;
    try {
      await orgApi.addChild(projectId, childId, today);
      void message.success(t('organisations.child.added'));
      setChildId(undefined);
      await qc.invalidateQueries({ queryKey: orgKeys.all });
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Space wrap style={{ marginBottom: 8 }}>
      <Select
        showSearch={{ filterOption: false, onSearch: setText }}
        placeholder={t('organisations.child.search')}
        aria-label={t('organisations.child.search')}
        style={{ width: 220 }}
        value={childId}
        onChange={setChildId}
        options={(found.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} · ${c.committeeName}` }))}
        data-testid="child-picker"
      />
      <Button type="primary" disabled={!childId} onClick={() => void add()}>
        {t('organisations.child.add')}
      </Button>
    </Space>
  );
}

function EndChild({ projectId, child, today }: { projectId: string; child: Served; today: string }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const showError = useApiError();
  const end = async () => {
    try {
      await orgApi.endChild(projectId, child.childId, today);
      void message.success(t('organisations.child.ended'));
      await qc.invalidateQueries({ queryKey: orgKeys.all });
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Popconfirm title={t('organisations.child.endAsk', { name: child.name })} onConfirm={() => void end()}>
      <Button size="small" danger>
        {t('organisations.child.end')}
      </Button>
    </Popconfirm>
  );
}
