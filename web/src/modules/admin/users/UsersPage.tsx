import { useMemo, useState } from 'react';
import { Button, Form, Input, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Role, User } from '../../../api/types';
import { useAuth } from '../../../auth/useAuth';
import { ErrorResult } from '../../../components/ErrorResult';
import { FilterForm } from '../../../components/FilterForm';
import { formatDateTime } from '../../../components/format';
import { ListScaffold } from '../../../components/ListScaffold';
import { PageHeader } from '../../../components/PageHeader';
import { TAG_COLOR } from '../../../components/tagColors';
import { useLocalName } from '../../../hooks/useLocalName';
import { useT } from '../../../i18n/useT';
import { useRefreshAdmin, useRoles, useUnits, useUserPage } from '../hooks';
import { UserActions } from './UserActions';
import { UserFormModal } from './UserFormModal';
import { UserStatusTags } from './UserStatusTags';

interface Filters {
  q?: string;
  unit?: string;
  role?: string;
}

export default function UsersPage() {
  const t = useT();
  const name = useLocalName();
  const { can } = useAuth();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<User | 'new' | null>(null);

  const units = useUnits();
  const roles = useRoles(can('admin.roles.read'));
  const roleByCode = useMemo(() => new Map((roles.data?.items ?? []).map((r) => [r.code, r])), [roles.data]);

  const { data, isFetching, error, refetch } = useUserPage({ ...filters, ...paging });
  const refresh = useRefreshAdmin();

  const columns: TableColumnsType<User> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      fixed: 'left',
      render: (v: string) => (
        <span className="mono" style={{ whiteSpace: 'nowrap' }}>
          {v}
        </span>
      ),
    },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    { title: t('users.unit'), dataIndex: 'unitName' },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      render: (codes: string[]) =>
        codes.map((code) => {
          const role: Role | undefined = roleByCode.get(code);
          return (
            <Tag key={code} color={role?.adminClass ? 'purple' : 'blue'} style={{ marginBottom: 2 }}>
              {role ? name(role) : code}
            </Tag>
          );
        }),
    },
    { title: t('users.status'), key: 'status', render: (_, u) => <UserStatusTags user={u} /> },
    {
      title: t('users.totp'),
      dataIndex: 'totpEnabled',
      render: (on: boolean) => (on ? <Tag color={TAG_COLOR.ok}>{t('me.totpOn')}</Tag> : <Tag>{t('me.totpOff')}</Tag>),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      render: (v: string | null) =>
        v ? <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span> : <Typography.Text type="secondary">{t('users.neverLoggedIn')}</Typography.Text>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, u) => <UserActions user={u} roles={roles.data?.items ?? []} onEdit={() => setEditing(u)} onChanged={refresh} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          can('admin.users.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      <FilterForm<Filters>
        form={form}
        onSearch={(v) => {
          setFilters({ q: v.q?.trim() || undefined, unit: v.unit, role: v.role });
          setPaging((p) => ({ ...p, page: 1 }));
        }}
        onReset={() => {
          setFilters({});
          setPaging((p) => ({ ...p, page: 1 }));
        }}
      >
        <Form.Item name="q" label={t('children.keyword')}>
          <Input allowClear placeholder={t('users.searchPlaceholder')} maxLength={64} />
        </Form.Item>
        <Form.Item name="unit" label={t('users.unit')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('common.all')}
            loading={units.isLoading}
            options={units.data?.items.map((u) => ({ value: u.code, label: name(u) }))}
          />
        </Form.Item>
        <Form.Item name="role" label={t('users.roles')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            loading={roles.isLoading}
            options={roles.data?.items.map((r) => ({ value: r.code, label: name(r) }))}
          />
        </Form.Item>
      </FilterForm>
      {error && !data ? (
        <ErrorResult error={error} onRetry={() => void refetch()} />
      ) : (
        <ListScaffold<User>
          rowKey="id"
          loading={isFetching}
          columns={columns}
          items={data?.items}
          total={data?.total ?? 0}
          tableProps={{ scroll: { x: 'max-content' } }}
          paging={{
            page: paging.page,
            pageSize: paging.pageSize,
            pageSizeOptions: [20, 50, 100],
            onChange: (page, pageSize) => setPaging((p) => ({ page: pageSize === p.pageSize ? page : 1, pageSize })),
          }}
        />
      )}
      {editing ? (
        <UserFormModal
          user={editing === 'new' ? null : editing}
          units={units.data?.items ?? []}
          roles={roles.data?.items ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            refresh();
          }}
        />
      ) : null}
    </>
  );
}
