import { HIDDEN_HISTORY_VALUE } from '@common/children';
import { useMemo, useState } from 'react';
import { Table, Typography, type TableColumnsType } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDateTime } from '../../components/format';
import { useT } from '../../i18n/useT';
import { formatFen, useCodeLabel } from './labels';
import { childKeys, childrenApi } from './api';
import type { HistoryEntry } from './types';
import { useScopeCommittees } from './useScope';

/** Values of coded fields are shown as their labels; money fields as ¥. Anything else as recorded. */
function useValueText(committeeNames: Map<string, string>) {
  const t = useT();
  const label = useCodeLabel();
  return (field: string | null, value: string | null): string => {
    // 免申即享 facts: 是 / 否, and no value = 未知 (HIV status is never shown: the server masks it).
    if (field === 'adopted' || field === 'autism' || field === 'caregiverCanRaise') {
      return value === 'true' ? t('children.fact.yes') : value === 'false' ? t('children.fact.no') : value === null ? t('children.fact.unknown') : value;
    }
    if (value === null) return '—';
    switch (field) {
      case 'committeeId':
        // The server records the committee's id; its name when the caller knows it.
        return committeeNames.get(value) ?? value;
      case 'riskLevel':
        return label('risk', value);
      case 'hukou':
        return value === 'local' || value === 'other' ? t(`children.hukou.${value}`) : value;
      case 'member.status':
        return label('memberState', value);
      case 'member.role':
        return label('role', value);
      case 'monthlyIncomeFen':
      case 'assetsFen':
        return Number.isFinite(Number(value)) ? formatFen(Number(value)) : value;
      default:
        return value;
    }
  };
}

/** 变更历史: every change to the file — who, when, what, old → new (sensitive values are not shown by the server). */
export function HistoryTab({ childId, version }: { childId: string; version: number }) {
  const t = useT();
  const label = useCodeLabel();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  // The file's version is part of the key: a change made on another tab shows here at once.
  const {
    data,
    isFetching: loading,
    error,
    refetch,
  } = useQuery({
    queryKey: [...childKeys.history(childId, page.page, page.pageSize), version],
    queryFn: () => childrenApi.history(childId, page.page, page.pageSize),
    placeholderData: keepPreviousData,
  });
  const committees = useScopeCommittees(!!data?.items.some((h) => h.field === 'committeeId'));
  const valueText = useValueText(useMemo(() => new Map((committees.data ?? []).map((c) => [c.id, c.name])), [committees.data]));

  if (error && !data) return <ErrorResult error={error} onRetry={() => void refetch()} />;

  const columns: TableColumnsType<HistoryEntry> = [
    { title: t('children.history.at'), dataIndex: 'at', width: 150, render: formatDateTime },
    { title: t('children.history.user'), key: 'user', width: 130, render: (_, h) => h.userDisplayName ?? h.username ?? t('children.history.system') },
    { title: t('children.history.action'), dataIndex: 'action', width: 120, render: (a: string) => label('historyAction', a) },
    { title: t('children.history.field'), dataIndex: 'field', width: 130, render: (f: string | null) => (f ? label('historyField', f) : '—') },
    {
      title: t('children.history.change'),
      key: 'change',
      render: (_, h) =>
        h.field && (h.oldValue === HIDDEN_HISTORY_VALUE || h.newValue === HIDDEN_HISTORY_VALUE) ? (
          // A sensitive value (phone, identity number, address): only that it changed, said once.
          <span>
            {t(
              h.oldValue === null ? 'children.history.hiddenAdded' : h.newValue === null ? 'children.history.hiddenRemoved' : 'children.history.hiddenChanged',
              { field: label('historyField', h.field) },
            )}
          </span>
        ) : h.field ? (
          <span>
            <Typography.Text type="secondary" delete={h.oldValue !== null && h.newValue !== null}>
              {valueText(h.field, h.oldValue)}
            </Typography.Text>
            <ArrowRightOutlined style={{ margin: '0 8px', color: '#bfbfbf' }} />
            <span>{valueText(h.field, h.newValue)}</span>
          </span>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <Table<HistoryEntry>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={data?.items}
      columns={columns}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('children.history.empty') }}
      pagination={{
        current: page.page,
        pageSize: page.pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: (total) => t('common.total', { total }),
        onChange: (p, ps) => setPage({ page: ps === page.pageSize ? p : 1, pageSize: ps }),
      }}
    />
  );
}
