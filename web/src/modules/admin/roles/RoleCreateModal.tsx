import { App, Form, Input, Select } from 'antd';
import { SCOPE_KINDS } from '@common/permissions';
import type { PermissionInfo, RoleCreate } from '../../../api/types';
import { FormModal } from '../../../components/FormModal';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useT } from '../../../i18n/useT';
import { adminApi } from '../api';
import { PermissionChecklist } from './PermissionChecklist';

/** New roles are business roles: administrator classes exist only as the three built-in roles. */
export function RoleCreateModal({ permissions, onClose, onSaved }: { permissions: PermissionInfo[]; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const [form] = Form.useForm<RoleCreate>();

  const submit = async (values: RoleCreate) => {
    await adminApi.createRole({ ...values, nameEn: values.nameEn ?? '', permissions: values.permissions ?? [] });
    void message.success(t('roles.created'));
    onSaved();
  };

  return (
    <FormModal<RoleCreate>
      form={form}
      title={t('roles.create')}
      onClose={onClose}
      onSubmit={submit}
      width={640}
      layout={mobile ? 'vertical' : 'horizontal'}
      labelCol={mobile ? undefined : { span: 5 }}
      initialValues={{ scopeKind: 'none', permissions: ['org.read'] }}
    >
      <Form.Item
        name="code"
        label={t('roles.code')}
        extra={t('roles.codeHint')}
        rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,40}$/, message: t('roles.codeHint') }]}
      >
        <Input className="mono" maxLength={41} autoComplete="off" />
      </Form.Item>
      <Form.Item name="name" label={t('roles.name')} rules={[{ required: true, whitespace: true, min: 2, message: t('roles.nameRule') }]}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="nameEn" label={t('roles.nameEn')}>
        <Input maxLength={80} placeholder={t('common.optional')} />
      </Form.Item>
      <Form.Item name="scopeKind" label={t('roles.scopeKind')} rules={[{ required: true }]}>
        <Select options={SCOPE_KINDS.map((k) => ({ value: k, label: t(`scope.${k}`) }))} />
      </Form.Item>
      <Form.Item name="permissions" label={t('roles.permissions')}>
        <PermissionChecklist permissions={permissions} adminClass={null} />
      </Form.Item>
    </FormModal>
  );
}
