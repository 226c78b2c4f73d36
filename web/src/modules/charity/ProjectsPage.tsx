import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Flex, Input, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/useT';
import { charityApi, charityKeys, type CharityProject } from './api';
import { aidKindName, yuan } from './labels';
import { ProjectFormModal } from './ProjectFormModal';

/** 慈善项目: the register (organisations.manage keeps it), each project's rules in words and uptake, its matching list. */
export default function ProjectsPage() {
  const t = useT();
  const { can } = useAuth();
  const [q, setQ] = useState('');
  const [onlyActive, setOnlyActive] = useState(true);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<CharityProject | 'new' | null>(null);
  const query = { q: q || undefined, active: onlyActive ? ('true' as const) : undefined, ...paging };
  const list = useQuery({ queryKey: charityKeys.projects(query), queryFn: () => charityApi.projects(query) });
  const manage = can('organisations.manage');
  const record = can('charity.record');
  if (list.error && !list.data) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;

  const period = (p: CharityProject) => `${p.startsOn} ~ ${p.endsOn ?? t('charity.openEnded')}`;
  const actions = (p: CharityProject) => (
    <Space size={4} wrap>
      {record && p.active ? (
        <Link to={`/charity/projects/${p.id}`}>
          <Button size="small" type="primary" ghost>
            {t('charity.matchesLink')}
          </Button>
        </Link>
      ) : null}
      {manage ? (
        <Button size="small" onClick={() => setEditing(p)}>
          {t('charity.projects.edit')}
        </Button>
      ) : null}
    </Space>
  );
  const columns: TableColumnsType<CharityProject> = [
    {
      title: t('charity.col.name'),
      dataIndex: 'name',
      render: (v: string, p) => (
        <span>
          {v} {p.active ? null : <Tag>{t('charity.inactive')}</Tag>}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {[p.organisationName, p.funder].filter(Boolean).join(' · ')}
          </Typography.Text>
        </span>
      ),
    },
    { title: t('charity.col.kind'), dataIndex: 'aidKind', width: 80, render: aidKindName },
    { title: t('charity.col.amount'), dataIndex: 'amountPerChild', width: 110, render: yuan },
    { title: t('charity.col.capacity'), dataIndex: 'capacity', width: 80, render: (v: number | null) => v ?? '—' },
    { title: t('charity.col.period'), key: 'period', width: 200, render: (_, p) => period(p) },
    {
      title: t('charity.col.rules'),
      dataIndex: 'rulesText',
      render: (lines: string[]) => lines.map((l) => <div key={l}>{l}</div>),
    },
    {
      title: t('charity.col.uptake'),
      key: 'uptake',
      width: 150,
      render: (_, p) => t('charity.uptake', { children: p.childrenAided, amount: yuan(p.amountGiven) }),
    },
    { title: '', key: 'actions', width: 170, render: (_, p) => actions(p) },
  ];

  return (
    <>
      <PageHeader
        title={t('charity.projects.title')}
        extra={
          manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('charity.projects.new')}
            </Button>
          ) : null
        }
      />
      <ListScaffold<CharityProject>
        filters={
          <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
            <Input.Search
              allowClear
              placeholder={t('charity.projects.search')}
              style={{ maxWidth: 320 }}
              onSearch={(v) => (setQ(v.trim()), setPaging((p) => ({ ...p, page: 1 })))}
            />
            <Checkbox checked={onlyActive} onChange={(e) => (setOnlyActive(e.target.checked), setPaging((p) => ({ ...p, page: 1 })))}>
              {t('charity.projects.onlyActive')}
            </Checkbox>
          </Flex>
        }
        items={list.data?.items}
        total={list.data?.total}
        loading={list.isLoading}
        rowKey="id"
        columns={columns}
        paging={{ ...paging, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
        emptyText={t('charity.projects.empty')}
        renderMobile={(p) => (
          <Card size="small" title={p.name} extra={p.active ? null : <Tag>{t('charity.inactive')}</Tag>}>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
              {[p.organisationName, p.funder].filter(Boolean).join(' · ')}
            </Typography.Paragraph>
            <div>
              {aidKindName(p.aidKind)} · {yuan(p.amountPerChild)} · {period(p)}
            </div>
            {p.rulesText.map((l) => (
              <div key={l}>{l}</div>
            ))}
            <div style={{ margin: '4px 0 8px' }}>{t('charity.uptake', { children: p.childrenAided, amount: yuan(p.amountGiven) })}</div>
            {actions(p)}
          </Card>
        )}
      />
      {editing ? <ProjectFormModal project={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
