import { useState } from 'react';
import { Button, Flex, Input, Segmented, Switch, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Mentor, MentorKind } from '@common/casework';
import { ErrorResult } from '../../../components/ErrorResult';
import { ListScaffold } from '../../../components/ListScaffold';
import { TAG_COLOR } from '../../../components/tagColors';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useT } from '../../../i18n/useT';
import { caseworkApi, caseworkKeys, type MentorQuery } from '../api';
import { MENTOR_KINDS, mentorKindLabel } from '../shared';
import { MentorFormModal } from './MentorFormModal';

/** 导师与伙伴名单 (mentors.manage): the people of the user's street and the district-wide ones; add and edit. */
export function PeopleList() {
  const t = useT();
  const mobile = useIsMobile();
  const [kind, setKind] = useState<MentorKind | undefined>(undefined);
  const [q, setQ] = useState('');
  const [inactive, setInactive] = useState(false);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<Mentor | 'new' | null>(null);
  const queryClient = useQueryClient();
  const query: MentorQuery = { kind, q: q || undefined, includeInactive: inactive ? 'true' : undefined, ...page };
  const {
    data,
    isFetching: loading,
    error,
    refetch,
  } = useQuery({ queryKey: caseworkKeys.mentors(query), queryFn: () => caseworkApi.mentors(query), placeholderData: keepPreviousData });
  const paging = {
    page: page.page,
    pageSize: page.pageSize,
    onChange: (p: number, pageSize: number) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
  };
  const kindTag = (k: MentorKind) => <Tag color={k === 'mentor' ? 'geekblue' : 'cyan'}>{mentorKindLabel(t, k)}</Tag>;
  const columns: TableColumnsType<Mentor> = [
    { title: t('casework.mentor.name'), dataIndex: 'name', fixed: 'left', width: 100 },
    { title: t('casework.mentor.kind'), dataIndex: 'kind', width: 100, render: kindTag },
    { title: t('casework.mentor.organisation'), dataIndex: 'organisation', width: 220 },
    { title: t('casework.mentor.phone'), dataIndex: 'phoneMasked', width: 130, render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
    { title: t('casework.street'), dataIndex: 'streetName', width: 120, render: (v: string | null) => v ?? t('casework.mentor.districtWide') },
    { title: t('casework.mentor.childCount'), dataIndex: 'childCount', width: 90, align: 'right' },
    {
      title: t('casework.mentor.status'),
      dataIndex: 'active',
      width: 80,
      render: (a: boolean) => (a ? <Tag color={TAG_COLOR.ok}>{t('common.active')}</Tag> : <Tag color={TAG_COLOR.closed}>{t('common.inactive')}</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 80,
      render: (_, m) => (
        <Button type="link" size="small" onClick={() => setEditing(m)}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Flex gap={12} wrap align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <Flex gap={12} wrap align="center">
          <Segmented<MentorKind | 'all'>
            value={kind ?? 'all'}
            onChange={(v) => {
              setKind(v === 'all' ? undefined : v);
              setPage({ ...page, page: 1 });
            }}
            options={[{ value: 'all', label: t('common.all') }, ...MENTOR_KINDS.map((k) => ({ value: k, label: mentorKindLabel(t, k) }))]}
          />
          <Input.Search
            allowClear
            placeholder={t('casework.mentors.search')}
            onSearch={(v) => {
              setQ(v.trim());
              setPage({ ...page, page: 1 });
            }}
            style={{ width: mobile ? '100%' : 240 }}
          />
          <Flex gap={6} align="center">
            <Switch size="small" checked={inactive} onChange={setInactive} />
            <Typography.Text type="secondary">{t('casework.mentors.includeInactive')}</Typography.Text>
          </Flex>
        </Flex>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('casework.mentor.create')}
        </Button>
      </Flex>
      {error && !data ? (
        <ErrorResult error={error} onRetry={() => void refetch()} />
      ) : (
        <ListScaffold<Mentor>
          items={data?.items}
          total={data?.total}
          loading={loading}
          rowKey="id"
          columns={columns}
          paging={paging}
          tableProps={{ scroll: { x: 'max-content' }, sticky: false }}
          renderMobile={(m) => (
            <Flex justify="space-between" align="center" gap={8}>
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Flex gap={6} align="center" wrap>
                  <Typography.Text strong>{m.name}</Typography.Text>
                  {kindTag(m.kind)}
                  {m.active ? null : <Tag color={TAG_COLOR.closed}>{t('common.inactive')}</Tag>}
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {m.organisation} · {m.streetName ?? t('casework.mentor.districtWide')} · {t('casework.mentors.childCount', { n: m.childCount })}
                </Typography.Text>
                {m.phoneMasked ? (
                  <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
                    {m.phoneMasked}
                  </Typography.Text>
                ) : null}
              </Flex>
              <Button type="link" size="small" onClick={() => setEditing(m)}>
                {t('common.edit')}
              </Button>
            </Flex>
          )}
        />
      )}
      {editing ? (
        <MentorFormModal
          mentor={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void queryClient.invalidateQueries({ queryKey: caseworkKeys.all });
          }}
        />
      ) : null}
    </>
  );
}
