import { useState } from 'react';
import { App, Form, Input, Modal, Typography } from 'antd';
import { api, seg } from '../../../api/client';
import type { User } from '../../../api/types';
import { useApiError } from '../../../hooks/useApiError';
import { useT } from '../../../i18n/useT';

/** The administrator sets a one-time password; the user must replace it at the next login. */
export function ResetPasswordModal({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ password: string }>();
  const [saving, setSaving] = useState(false);
  const showError = useApiError();
  const { message } = App.useApp();

  const submit = async ({ password }: { password: string }) => {
    setSaving(true);
    try {
      await api.post(`/api/admin/users/${seg(user.id)}/password`, { password });
      void message.success(t('users.resetPasswordDone'));
      onDone();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('users.resetPasswordTitle', { name: user.displayName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('users.initialPasswordHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          extra={t('password.rules')}
          rules={[{ required: true, message: t('password.newRequired') }, { min: 10, message: t('password.tooShort') }]}
        >
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
