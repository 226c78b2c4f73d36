import { useMemo, useState } from 'react';
import { App, Alert, Form, Input, Modal, Select, Switch, Tag } from 'antd';
import type { Role, Unit, User, UserCreate, UserUpdate } from '../../../api/types';
import { useMe } from '../../../auth/useAuth';
import { useApiError } from '../../../hooks/useApiError';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useLocalName } from '../../../hooks/useLocalName';
import { useT } from '../../../i18n/useT';
import { adminApi } from '../api';
import { useStreetCommittees } from '../hooks';

interface Values {
  username: string;
  displayName: string;
  unitCode: string;
  roles: string[];
  committees: string[];
  password: string;
  disabled: boolean;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Create or edit an account. Only business roles are offered: administrator roles are granted by
 * the security administrator (三权分立), and an administrator account holds nothing else.
 */
export function UserFormModal({
  user,
  units,
  roles,
  onClose,
  onSaved,
}: {
  user: User | null;
  units: Unit[];
  roles: Role[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const me = useMe();
  const name = useLocalName();
  const mobile = useIsMobile();
  const showError = useApiError();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const isSelf = user?.id === me.user.id;
  const adminRoles = useMemo(() => roles.filter((r) => r.adminClass && user?.roles.includes(r.code)), [roles, user]);
  const isAdminAccount = adminRoles.length > 0;
  const businessRoles = roles.filter((r) => !r.adminClass);

  const unitCode = Form.useWatch('unitCode', form) ?? user?.unitCode;
  const unitStreet = units.find((u) => u.code === unitCode)?.streetCode ?? undefined;
  const committees = useStreetCommittees(unitStreet);

  const save = async (values: Values) => {
    setSaving(true);
    try {
      if (!user) {
        const body: UserCreate = {
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          unitCode: values.unitCode,
          roles: values.roles,
          committees: unitStreet ? (values.committees ?? []) : [],
          password: values.password,
        };
        await adminApi.createUser(body);
        void message.success(t('users.created'));
      } else {
        // Only what changed: the server refuses role, unit and status fields on one's own account.
        const body: UserUpdate = {};
        if (values.displayName.trim() !== user.displayName) body.displayName = values.displayName.trim();
        if (values.unitCode !== user.unitCode) body.unitCode = values.unitCode;
        if (!isAdminAccount && values.roles && !sameSet(values.roles, user.roles)) body.roles = values.roles;
        if (unitStreet && values.committees && !sameSet(values.committees, user.committees)) body.committees = values.committees;
        if (values.disabled !== user.disabled) body.disabled = values.disabled;
        if (Object.keys(body).length > 0) await adminApi.updateUser(user.id, body);
        void message.success(t('common.saved'));
      }
      onSaved();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  const submit = (values: Values) => {
    if (user && values.disabled && !user.disabled) {
      modal.confirm({
        title: t('users.disableConfirm', { name: user.displayName }),
        okButtonProps: { danger: true },
        okText: t('users.disable'),
        cancelText: t('common.cancel'),
        onOk: () => save(values),
      });
      return;
    }
    void save(values);
  };

  return (
    <Modal
      open
      title={user ? t('users.edit') : t('users.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      width={640}
      destroyOnHidden
    >
      <Form
        form={form}
        layout={mobile ? 'vertical' : 'horizontal'}
        labelCol={mobile ? undefined : { span: 6 }}
        wrapperCol={mobile ? undefined : { span: 18 }}
        onFinish={submit}
        initialValues={
          user
            ? { displayName: user.displayName, unitCode: user.unitCode, roles: user.roles, committees: user.committees, disabled: user.disabled }
            : { roles: [], committees: [], disabled: false }
        }
        onValuesChange={(changed: Partial<Values>) => {
          // Committees belong to the unit's street: a new unit starts with none chosen.
          if ('unitCode' in changed) form.setFieldValue('committees', []);
        }}
      >
        {user ? null : (
          <Form.Item name="username" label={t('users.username')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={64} className="mono" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="unitCode" label={t('users.unit')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            disabled={isSelf}
            options={units.filter((u) => u.active || u.code === user?.unitCode).map((u) => ({ value: u.code, label: name(u) }))}
          />
        </Form.Item>
        {isAdminAccount ? (
          <Form.Item label={t('users.roles')}>
            {adminRoles.map((r) => (
              <Tag key={r.code} color="purple">
                {name(r)}
              </Tag>
            ))}
          </Form.Item>
        ) : (
          <Form.Item
            name="roles"
            label={t('users.roles')}
            // A new account may start without roles: the security administrator then grants it an administrator role.
            extra={user ? undefined : t('users.rolesHint')}
            rules={user ? [{ required: true, type: 'array', min: 1, message: t('common.required') }] : []}
          >
            <Select mode="multiple" disabled={isSelf} options={businessRoles.map((r) => ({ value: r.code, label: name(r) }))} />
          </Form.Item>
        )}
        {unitStreet ? (
          <Form.Item name="committees" label={t('users.committees')} extra={t('users.committeesHint')}>
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              loading={committees.isLoading}
              options={committees.data?.items.map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        ) : null}
        {user ? null : (
          <Form.Item
            name="password"
            label={t('users.initialPassword')}
            extra={t('users.initialPasswordHint')}
            rules={[
              { required: true, message: t('common.required') },
              { min: 10, message: t('password.tooShort') },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        {user && !isSelf ? (
          <Form.Item name="disabled" label={t('users.disabledField')} valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : null}
        {isSelf ? <Alert type="info" showIcon title={t('users.selfHint')} /> : null}
      </Form>
    </Modal>
  );
}
