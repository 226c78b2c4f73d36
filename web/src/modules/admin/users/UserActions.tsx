import { useState } from 'react';
import { App, Button, Dropdown, Space, Tooltip, Typography, type MenuProps } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import type { Role, User } from '../../../api/types';
import { useAuth, useMe } from '../../../auth/useAuth';
import { useApiError } from '../../../hooks/useApiError';
import { useT } from '../../../i18n/useT';
import { adminApi } from '../api';
import { AdminRoleModal } from './AdminRoleModal';
import { RequestResetModal } from './RequestResetModal';
import { ResetPasswordModal } from './ResetPasswordModal';

/**
 * Row actions, split by who may do them: the system administrator edits accounts and passwords;
 * the security administrator unlocks, resets second factors and grants administrator roles, and
 * alone manages administrator accounts (三权分立): their password is reset through a request that
 * another administrator approves, and disabling one alerts the other administrators.
 */
export function UserActions({ user, roles, onEdit, onChanged }: { user: User; roles: Role[]; onEdit: () => void; onChanged: () => void }) {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [dialog, setDialog] = useState<'password' | 'admin-role' | 'admin-request' | null>(null);
  const isSelf = user.id === me.user.id;
  const isAdminAccount = user.roles.some((code) => roles.find((r) => r.code === code)?.adminClass);
  // Another administrator's account is out of the system administrator's reach (the server refuses too).
  const write = can('admin.users.write') && (!isAdminAccount || isSelf);
  const security = can('security.accounts');

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      void message.success(done);
      onChanged();
    } catch (err) {
      showError(err);
    }
  };

  const setDisabled = (disabled: boolean) => run(() => adminApi.updateUser(user.id, { disabled }), disabled ? t('users.disabled') : t('users.enabled'));

  const items: MenuProps['items'] = [];
  if (write && !isAdminAccount) items.push({ key: 'password', label: t('users.resetPassword') });
  if (write && !isSelf) items.push({ key: 'toggle', label: user.disabled ? t('users.enable') : t('users.disable'), danger: !user.disabled });
  if (security && isAdminAccount && !isSelf) {
    items.push({ key: 'admin-request', label: t('adminAccounts.request') });
    items.push({ key: 'admin-toggle', label: user.disabled ? t('adminAccounts.enable') : t('adminAccounts.disable'), danger: !user.disabled });
  }
  if (security && user.locked) items.push({ key: 'unlock', label: t('users.unlock') });
  if (security && user.totpEnabled && !isSelf) items.push({ key: 'reset-mfa', label: t('users.resetMfa'), danger: true });
  if (security && !isSelf) items.push({ key: 'admin-role', label: t('users.adminRole') });

  /** Enabling happens at once; disabling is confirmed first. */
  const toggle = (confirmTitle: string, apply: (disabled: boolean) => unknown) => {
    if (user.disabled) void apply(false);
    else
      modal.confirm({
        title: confirmTitle,
        okText: t('users.disable'),
        okButtonProps: { danger: true },
        cancelText: t('common.cancel'),
        onOk: () => apply(true),
      });
  };

  const onMenu: MenuProps['onClick'] = ({ key }) => {
    switch (key) {
      case 'password':
      case 'admin-role':
      case 'admin-request':
        setDialog(key);
        break;
      case 'admin-toggle':
        // An administrator account is disabled through the security administrator's own route.
        toggle(t('adminAccounts.disableConfirm', { name: user.displayName }), (disabled) =>
          run(() => adminApi.setAdminStatus(user.id, disabled), disabled ? t('users.disabled') : t('users.enabled')),
        );
        break;
      case 'toggle':
        toggle(t('users.disableConfirm', { name: user.displayName }), setDisabled);
        break;
      case 'unlock':
        void run(() => adminApi.unlock(user.id), t('users.unlocked'));
        break;
      case 'reset-mfa':
        modal.confirm({
          title: t('users.resetMfaConfirm', { name: user.displayName }),
          okText: t('common.confirm'),
          okButtonProps: { danger: true },
          cancelText: t('common.cancel'),
          onOk: () => run(() => adminApi.resetMfa(user.id), t('users.resetMfaDone')),
        });
        break;
    }
  };

  return (
    <Space size={0}>
      {write ? (
        <Button type="link" size="small" onClick={onEdit}>
          {t('common.edit')}
        </Button>
      ) : null}
      {can('admin.users.write') && isAdminAccount && !isSelf ? (
        <Tooltip title={t('adminAccounts.managedBySecurity')}>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {t('adminAccounts.managedShort')}
          </Typography.Text>
        </Tooltip>
      ) : null}
      {items.length > 0 ? (
        <Dropdown trigger={['click']} menu={{ items, onClick: onMenu }}>
          <Button type="link" size="small">
            {t('common.more')} <DownOutlined style={{ fontSize: 10 }} />
          </Button>
        </Dropdown>
      ) : null}
      {dialog === 'password' ? (
        <ResetPasswordModal
          user={user}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            onChanged();
          }}
        />
      ) : null}
      {dialog === 'admin-request' ? (
        <RequestResetModal
          user={user}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            onChanged();
          }}
        />
      ) : null}
      {dialog === 'admin-role' ? (
        <AdminRoleModal
          user={user}
          roles={roles}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            onChanged();
          }}
        />
      ) : null}
    </Space>
  );
}
