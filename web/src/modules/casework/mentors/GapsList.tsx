import { useState } from 'react';
import { Flex, Segmented, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { GapChild, MentorKind } from '@common/casework';
import { seg } from '../../../api/client';
import { ErrorResult } from '../../../components/ErrorResult';
import { ageOf } from '../../../components/format';
import { ListScaffold } from '../../../components/ListScaffold';
import { TAG_COLOR } from '../../../components/tagColors';
import { useT } from '../../../i18n/useT';
import type { MessageKey } from '../../../locales/zh-CN';
import { caseworkApi, caseworkKeys, type GapQuery } from '../api';

const RISK_COLOR = { high: TAG_COLOR.danger, medium: TAG_COLOR.warning, low: TAG_COLOR.ok } as const;

/** 尚未结对: active children without a mentor (or buddy), highest risk first, each opening the child's mentor tab. */
export function GapsList() {
  const t = useT();
  const [kind, setKind] = useState<MentorKind>('mentor');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query: GapQuery = { kind, ...page };
  const {
    data,
    isFetching: loading,
    error,
    refetch,
  } = useQuery({ queryKey: caseworkKeys.gaps(query), queryFn: () => caseworkApi.gaps(query), placeholderData: keepPreviousData });

  const paging = {
    page: page.page,
    pageSize: page.pageSize,
    onChange: (p: number, pageSize: number) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
  };
  const risk = (r: GapChild['riskLevel']) => <Tag color={RISK_COLOR[r]}>{t(`casework.risk.${r}` as MessageKey)}</Tag>;
  const columns: TableColumnsType<GapChild> = [
    {
      title: t('casework.child'),
      dataIndex: 'name',
      fixed: 'left',
      width: 100,
      render: (v: string, r) => <Link to={`/children/${seg(r.id)}?tab=mentor`}>{v}</Link>,
    },
    { title: t('casework.age'), dataIndex: 'birthDate', width: 80, render: (b: string) => t('casework.ageValue', { age: ageOf(b) ?? '—' }) },
    { title: t('casework.street'), dataIndex: 'streetName', width: 120 },
    { title: t('casework.committee'), dataIndex: 'committeeName', width: 160 },
    { title: t('casework.riskLevel'), dataIndex: 'riskLevel', width: 90, render: risk },
    {
      title: t(kind === 'mentor' ? 'casework.mentors.hasBuddy' : 'casework.mentors.hasMentor'),
      key: 'other',
      width: 110,
      render: (_, r) => ((kind === 'mentor' ? r.hasBuddy : r.hasMentor) ? t('casework.yes') : t('casework.no')),
    },
  ];

  return (
    <>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Segmented<MentorKind>
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage({ ...page, page: 1 });
          }}
          options={[
            { value: 'mentor', label: t('casework.mentors.noMentor') },
            { value: 'buddy', label: t('casework.mentors.noBuddy') },
          ]}
        />
        <Typography.Text type="secondary">{t('casework.mentors.gapsNote')}</Typography.Text>
      </Flex>
      {error && !data ? (
        <ErrorResult error={error} onRetry={() => void refetch()} />
      ) : (
        <ListScaffold<GapChild>
          items={data?.items}
          total={data?.total}
          loading={loading}
          rowKey="id"
          columns={columns}
          paging={paging}
          emptyText={t('casework.mentors.noGaps')}
          tableProps={{ scroll: { x: 'max-content' }, sticky: false }}
          renderMobile={(r) => (
            <Link to={`/children/${seg(r.id)}?tab=mentor`} style={{ color: 'inherit', width: '100%', display: 'block' }}>
              <Flex justify="space-between" align="center" gap={8}>
                <Flex vertical gap={2}>
                  <Flex gap={6} align="center">
                    <Typography.Text strong>{r.name}</Typography.Text>
                    {risk(r.riskLevel)}
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.streetName} · {r.committeeName}
                  </Typography.Text>
                </Flex>
                <Typography.Text style={{ color: '#1d5fa8', whiteSpace: 'nowrap' }}>{t('casework.mentors.assign')}</Typography.Text>
              </Flex>
            </Link>
          )}
        />
      )}
    </>
  );
}
