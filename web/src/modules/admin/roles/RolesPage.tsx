import { useState } from 'react';
import { Alert, App, Button, Popconfirm, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Role } from '../../../api/types';
import { useAuth } from '../../../auth/useAuth';
import { ErrorResult } from '../../../components/ErrorResult';
import { ListScaffold } from '../../../components/ListScaffold';
import { PageHeader } from '../../../components/PageHeader';
import { useApiError } from '../../../hooks/useApiError';
import { useLocalName } from '../../../hooks/useLocalName';
import { useT } from '../../../i18n/useT';
import { adminApi } from '../api';
import { useRefreshAdmin, useRoles } from '../hooks';
import { RoleCreateModal } from './RoleCreateModal';
import { RolePermissionsDrawer } from './RolePermissionsDrawer';
import { AdminClassTag } from './roleLabels';

export default function RolesPage() {
  const t = useT();
  const name = useLocalName();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const { data, isFetching, error, refetch } = useRoles();
  const reload = useRefreshAdmin();
  const [viewing, setViewing] = useState<Role | null>(null);
  const [creating, setCreating] = useState(false);
  const write = can('admin.roles.write');

  const remove = async (role: Role) => {
    try {
      await adminApi.deleteRole(role.code);
      void message.success(t('roles.deleted'));
      reload();
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<Role> = [
    {
      title: t('roles.name'),
      dataIndex: 'name',
      fixed: 'left',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>
            {name(r)} {r.builtin ? <Tag style={{ marginInlineStart: 4 }}>{t('roles.builtin')}</Tag> : null}
          </span>
          <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
            {r.code}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('roles.scopeKind'), dataIndex: 'scopeKind', render: (k: Role['scopeKind']) => t(`scope.${k}`) },
    { title: t('roles.adminClass'), dataIndex: 'adminClass', render: (c: Role['adminClass']) => <AdminClassTag adminClass={c} /> },
    { title: t('roles.permissions'), dataIndex: 'permissions', render: (p: string[]) => p.length },
    { title: t('roles.userCount'), dataIndex: 'userCount' },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setViewing(r)}>
            {write ? t('roles.editPermissions') : t('roles.viewPermissions')}
          </Button>
          {write && !r.builtin && r.userCount === 0 ? (
            <Popconfirm
              title={t('roles.deleteConfirm', { name: name(r) })}
              okText={t('common.delete')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => remove(r)}
            >
              <Button type="link" size="small" danger>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('roles.title')}
        extra={
          write ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('roles.create')}
            </Button>
          ) : null
        }
      />
      <Alert type="info" showIcon title={t('roles.separationHint')} style={{ marginBottom: 16 }} />
      {error && !data ? (
        <ErrorResult error={error} onRetry={() => void refetch()} />
      ) : (
        <ListScaffold<Role> rowKey="code" loading={isFetching} columns={columns} items={data?.items} tableProps={{ scroll: { x: 'max-content' } }} />
      )}
      {viewing && data ? (
        <RolePermissionsDrawer
          role={viewing}
          permissions={data.permissions}
          editable={write}
          onClose={() => setViewing(null)}
          onSaved={() => {
            setViewing(null);
            reload();
          }}
        />
      ) : null}
      {creating && data ? (
        <RoleCreateModal
          permissions={data.permissions}
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            reload();
          }}
        />
      ) : null}
    </>
  );
}
