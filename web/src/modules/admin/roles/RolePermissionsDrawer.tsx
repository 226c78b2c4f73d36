import { useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Space } from 'antd';
import type { PermissionInfo, Role } from '../../../api/types';
import { useApiError } from '../../../hooks/useApiError';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useLocalName } from '../../../hooks/useLocalName';
import { useT } from '../../../i18n/useT';
import { adminApi } from '../api';
import { PermissionChecklist } from './PermissionChecklist';
import { AdminClassTag } from './roleLabels';

export function RolePermissionsDrawer({
  role,
  permissions,
  editable,
  onClose,
  onSaved,
}: {
  role: Role;
  permissions: PermissionInfo[];
  editable: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const name = useLocalName();
  const mobile = useIsMobile();
  const showError = useApiError();
  const { message } = App.useApp();
  const [value, setValue] = useState<string[]>(role.permissions);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    setSaving(true);
    try {
      await adminApi.updateRole(role.code, { permissions: value });
      void message.success(t('common.saved'));
      onSaved();
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      size={mobile ? '100%' : 480}
      title={t('roles.permissionsOf', { name: name(role) })}
      onClose={onClose}
      footer={
        editable ? (
          <Space style={{ float: 'right' }}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={save}>
              {t('common.save')}
            </Button>
          </Space>
        ) : null
      }
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'code', label: t('roles.code'), children: <span className="mono">{role.code}</span> },
          { key: 'scope', label: t('roles.scopeKind'), children: t(`scope.${role.scopeKind}`) },
          ...(role.adminClass ? [{ key: 'class', label: t('roles.adminClass'), children: <AdminClassTag adminClass={role.adminClass} /> }] : []),
          { key: 'users', label: t('roles.userCount'), children: role.userCount },
        ]}
      />
      {editable ? (
        <Alert type="warning" showIcon title={t('roles.changeWarning')} style={{ marginBottom: 16 }} />
      ) : (
        <Alert type="info" showIcon title={t('roles.readOnlyHint')} style={{ marginBottom: 16 }} />
      )}
      <PermissionChecklist permissions={permissions} value={value} onChange={setValue} adminClass={role.adminClass} disabled={!editable} />
    </Drawer>
  );
}
