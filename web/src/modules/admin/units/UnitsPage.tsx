import { useMemo, useState } from 'react';
import { App, Button, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, seg } from '../../../api/client';
import type { Unit } from '../../../api/types';
import { useAuth } from '../../../auth/useAuth';
import { ErrorResult } from '../../../components/ErrorResult';
import { PageHeader } from '../../../components/PageHeader';
import { TAG_COLOR } from '../../../components/tagColors';
import { useApiError } from '../../../hooks/useApiError';
import { useLocalName } from '../../../hooks/useLocalName';
import { useStreets, useUnits } from '../../../hooks/useOrg';
import { useT } from '../../../i18n/useT';
import { UnitFormModal } from './UnitFormModal';

export default function UnitsPage() {
  const t = useT();
  const name = useLocalName();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const { data, loading, error, reload } = useUnits();
  const streets = useStreets();
  const streetName = useMemo(() => new Map((streets.data?.items ?? []).map((s) => [s.code, name(s)])), [streets.data, name]);
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const write = can('admin.units.write');

  const setActive = (unit: Unit, active: boolean) => {
    const run = async () => {
      try {
        await api.patch(`/api/org/units/${seg(unit.code)}`, { active });
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
        <ErrorResult error={error} onRetry={reload} />
      ) : (
        <Table<Unit>
          rowKey="code"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.items}
          scroll={{ x: 'max-content' }}
          sticky={{ offsetHeader: 56 }}
          pagination={{ defaultPageSize: 50, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
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
