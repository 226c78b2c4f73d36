import { App, Alert, Form, Select } from 'antd';
import type { Role, User } from '../../../api/types';
import { FormModal } from '../../../components/FormModal';
import { useLocalName } from '../../../hooks/useLocalName';
import { useT } from '../../../i18n/useT';
import { adminApi } from '../api';

const NONE = '';

/**
 * Grant or revoke an administrator role (PUT /api/admin/users/:id/admin-role). Security
 * administrators only; the three administrator classes never meet on one account.
 */
export function AdminRoleModal({ user, roles, onClose, onSaved }: { user: User; roles: Role[]; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const name = useLocalName();
  const [form] = Form.useForm<{ role: string }>();
  const { message } = App.useApp();
  const adminRoles = roles.filter((r) => r.adminClass);
  const current = adminRoles.find((r) => user.roles.includes(r.code))?.code ?? NONE;

  const submit = async ({ role }: { role: string }) => {
    await adminApi.setAdminRole(user.id, role === NONE ? null : role);
    void message.success(t('common.saved'));
    onSaved();
  };

  return (
    <FormModal
      form={form}
      title={`${t('users.adminRole')} · ${user.displayName}`}
      onClose={onClose}
      onSubmit={submit}
      intro={<Alert type="info" showIcon title={t('roles.separationHint')} style={{ marginBottom: 16 }} />}
      layout="vertical"
      initialValues={{ role: current }}
    >
      <Form.Item name="role" label={t('users.adminRole')}>
        <Select
          options={[
            { value: NONE, label: t('users.adminRoleNone') },
            ...adminRoles.map((r) => ({
              value: r.code,
              label: t('users.adminRoleOption', { name: name(r), cls: t(`adminClass.${r.adminClass ?? 'system'}`) }),
            })),
          ]}
        />
      </Form.Item>
    </FormModal>
  );
}
