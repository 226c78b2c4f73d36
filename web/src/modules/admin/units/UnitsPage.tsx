import { useMemo, useState } from 'react';
import { App, Button, Space, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Unit } from '../../../api/types';
import { useAuth } from '../../../auth/useAuth';
import { ErrorResult } from '../../../components/ErrorResult';
import { ListScaffold } from '../../../components/ListScaffold';
import { PageHeader } from '../../../components/PageHeader';
import { TAG_COLOR } from '../../../components/tagColors';
import { useApiError } from '../../../hooks/useApiError';
import { useLocalName } from '../../../hooks/useLocalName';
import { useT } from '../../../i18n/useT';
import { adminApi } from '../api';
import { useRefreshAdmin, useStreets, useUnits } from '../hooks';
import { UnitFormModal } from './UnitFormModal';

export default function UnitsPage() {
  const t = useT();
  const name = useLocalName();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const { data, isFetching, error, refetch } = useUnits();
  const reload = useRefreshAdmin();
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const streets = useStreets();
  const streetName = useMemo(() => new Map((streets.data?.items ?? []).map((s) => [s.code, name(s)])), [streets.data, name]);
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const write = can('admin.units.write');

  const setActive = (unit: Unit, active: boolean) => {
    const run = async () => {
      try {
        await adminApi.updateUnit(unit.code, { active });
        void message.success(t('units.updated'));
        reload();
      } catch (err) {
        showError(err);
      }
    };
    if (active) return void run();
    modal.confirm({
      title: t('units.deactivateConfirm', { name: name(unit) }),
      okText: t('units.deactivate'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: run,
    });
  };

  const columns: TableColumnsType<Unit> = [
    { title: t('units.name'), dataIndex: 'name', fixed: 'left', render: (_, u) => name(u) },
    { title: t('units.code'), dataIndex: 'code', render: (v: string) => <span className="mono">{v}</span> },
    { title: t('units.kind'), dataIndex: 'kind', render: (k: Unit['kind']) => t(`units.kind.${k}`) },
    { title: t('units.street'), dataIndex: 'streetCode', render: (c: string | null) => (c ? (streetName.get(c) ?? c) : '—') },
    {
      title: t('units.status'),
      dataIndex: 'active',
      render: (a: boolean) => (a ? <Tag color={TAG_COLOR.ok}>{t('common.active')}</Tag> : <Tag color={TAG_COLOR.closed}>{t('common.inactive')}</Tag>),
    },
    ...(write
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right' as const,
            render: (_: unknown, u: Unit) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(u)}>
                  {t('units.rename')}
                </Button>
                <Button type="link" size="small" danger={u.active} onClick={() => setActive(u, !u.active)}>
                  {u.active ? t('units.deactivate') : t('units.activate')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('units.title')}
        extra={
          write ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('units.create')}
            </Button>
          ) : null
        }
      />
      {error && !data ? (
        <ErrorResult error={error} onRetry={() => void refetch()} />
      ) : (
        <ListScaffold<Unit>
          rowKey="code"
          loading={isFetching}
          columns={columns}
          items={data?.items}
          tableProps={{ scroll: { x: 'max-content' } }}
          // Every unit comes in one answer: the table pages through it.
          paging={{ ...paging, onChange: (page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }) }}
        />
      )}
      {editing ? (
        <UnitFormModal
          unit={editing === 'new' ? null : editing}
          streets={streets.data?.items ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      ) : null}
    </>
  );
}
