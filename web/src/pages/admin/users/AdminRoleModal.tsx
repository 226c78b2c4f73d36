import { useState } from 'react';
import { App, Alert, Form, Modal, Select } from 'antd';
import { api, seg } from '../../../api/client';
import type { Role, User } from '../../../api/types';
import { useApiError } from '../../../hooks/useApiError';
import { useLocalName } from '../../../hooks/useLocalName';
import { useT } from '../../../i18n/useT';

const NONE = '';

/**
 * Grant or revoke an administrator role (PUT /api/admin/users/:id/admin-role). Security
 * administrators only; the three administrator classes never meet on one account.
 */
export function AdminRoleModal({ user, roles, onClose, onSaved }: { user: User; roles: Role[]; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const name = useLocalName();
  const [form] = Form.useForm<{ role: string }>();
  const [saving, setSaving] = useState(false);
  const showError = useApiError();
  const { message } = App.useApp();
  const adminRoles = roles.filter((r) => r.adminClass);
  const current = adminRoles.find((r) => user.roles.includes(r.code))?.code ?? NONE;

  const submit = async ({ role }: { role: string }) => {
    setSaving(true);
    try {
      await api.put(`/api/admin/users/${seg(user.id)}/admin-role`, { role: role === NONE ? null : role });
      void message.success(t('common.saved'));
      onSaved();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`${t('users.adminRole')} · ${user.displayName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('roles.separationHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ role: current }}>
        <Form.Item name="role" label={t('users.adminRole')}>
          <Select
            options={[
              { value: NONE, label: t('users.adminRoleNone') },
              ...adminRoles.map((r) => ({ value: r.code, label: t('users.adminRoleOption', { name: name(r), cls: t(`adminClass.${r.adminClass ?? 'system'}`) }) })),
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
