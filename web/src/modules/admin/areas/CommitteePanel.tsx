import { useMemo, useState } from 'react';
import { Button, Card, Flex, Input, Space, Switch, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Committee, Street } from '../../../api/types';
import { useAuth } from '../../../auth/useAuth';
import { ErrorResult } from '../../../components/ErrorResult';
import { ListScaffold } from '../../../components/ListScaffold';
import { TAG_COLOR } from '../../../components/tagColors';
import { useLocalName } from '../../../hooks/useLocalName';
import { useT } from '../../../i18n/useT';
import { useCommitteePage, useStreetCommittees } from '../hooks';
import { CommitteeMergeModal } from './CommitteeMergeModal';
import { CommitteeNameModal } from './CommitteeNameModal';

type Dialog = { kind: 'add' } | { kind: 'rename'; committee: Committee } | { kind: 'merge'; committee: Committee } | null;

export function CommitteePanel({ street, onChanged }: { street: Street; onChanged: () => void }) {
  const t = useT();
  const name = useLocalName();
  const { can } = useAuth();
  const write = can('admin.areas.write');
  const [q, setQ] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [dialog, setDialog] = useState<Dialog>(null);

  const { data, isFetching, error, refetch } = useCommitteePage({
    street: street.code,
    q: q.trim() || undefined,
    includeInactive: includeInactive ? 'true' : undefined,
    ...paging,
  });
  // The whole street, merged ones included: names for "已并入 X" and the merge targets.
  const all = useStreetCommittees(street.code, true);
  const nameById = useMemo(() => new Map((all.data?.items ?? []).map((c) => [c.id, c.name])), [all.data]);

  const changed = () => {
    setDialog(null);
    onChanged(); // every admin list refetches: this page, the street's committees, the streets' counts
  };

  const columns: TableColumnsType<Committee> = [
    { title: t('areas.committeeName'), dataIndex: 'name', fixed: 'left' },
    { title: t('areas.committeeCode'), dataIndex: 'code', render: (v: string) => <span className="mono">{v}</span> },
    {
      title: t('areas.status'),
      key: 'status',
      render: (_, c) =>
        c.active ? (
          <Tag color={TAG_COLOR.ok}>{t('common.active')}</Tag>
        ) : (
          <Tag color={TAG_COLOR.closed}>{c.mergedInto ? t('areas.mergedInto', { name: nameById.get(c.mergedInto) ?? '…' }) : t('common.inactive')}</Tag>
        ),
    },
    ...(write
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right' as const,
            render: (_: unknown, c: Committee) =>
              c.active ? (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setDialog({ kind: 'rename', committee: c })}>
                    {t('areas.rename')}
                  </Button>
                  <Button type="link" size="small" onClick={() => setDialog({ kind: 'merge', committee: c })}>
                    {t('areas.merge')}
                  </Button>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      title={t('areas.committees', { street: name(street) })}
      extra={
        write ? (
          <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'add' })}>
            {t('areas.add')}
          </Button>
        ) : null
      }
    >
      <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('areas.searchPlaceholder')}
          style={{ maxWidth: 260 }}
          maxLength={64}
          onSearch={(value) => {
            setQ(value);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        />
        <Space>
          <Switch
            size="small"
            checked={includeInactive}
            onChange={(v) => {
              setIncludeInactive(v);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
          />
          <Typography.Text>{t('areas.includeInactive')}</Typography.Text>
        </Space>
      </Flex>
      {error && !data ? (
        <ErrorResult error={error} onRetry={() => void refetch()} />
      ) : (
        <ListScaffold<Committee>
          rowKey="id"
          loading={isFetching}
          columns={columns}
          items={data?.items}
          total={data?.total ?? 0}
          tableProps={{ size: 'small', scroll: { x: 'max-content' }, sticky: false }}
          paging={{
            page: paging.page,
            pageSize: paging.pageSize,
            pageSizeOptions: [20, 50, 100],
            onChange: (page, pageSize) => setPaging((p) => ({ page: pageSize === p.pageSize ? page : 1, pageSize })),
          }}
        />
      )}
      {dialog?.kind === 'add' ? <CommitteeNameModal streetCode={street.code} onClose={() => setDialog(null)} onSaved={changed} /> : null}
      {dialog?.kind === 'rename' ? (
        <CommitteeNameModal streetCode={street.code} committee={dialog.committee} onClose={() => setDialog(null)} onSaved={changed} />
      ) : null}
      {dialog?.kind === 'merge' ? (
        <CommitteeMergeModal
          committee={dialog.committee}
          candidates={(all.data?.items ?? []).filter((c) => c.active && c.id !== dialog.committee.id)}
          onClose={() => setDialog(null)}
          onSaved={changed}
        />
      ) : null}
    </Card>
  );
}
