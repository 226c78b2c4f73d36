import { useState } from 'react';
import { App, Button, Form, Input, Typography } from 'antd';
import { useApiError } from '../hooks/useApiError';
import { useT } from '../i18n/useT';
import { authApi } from '../modules/auth/api';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Minimum length checked here for a quick answer; the server applies the full rules and names the field. */
const MIN_LENGTH = 10;

/**
 * Password change, used both on the personal page and as the forced step after first login.
 * The server decides what is "common"; its field messages appear under the fields.
 */
export function PasswordChangeForm({ username, onDone, submitBlock }: { username: string; onDone?: () => void | Promise<void>; submitBlock?: boolean }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const showError = useApiError();
  const { message } = App.useApp();

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      await authApi.changePassword(values.currentPassword, values.newPassword);
      form.resetFields();
      void message.success(t('password.changed'));
      await onDone?.();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form form={form} name="password-change" layout="vertical" onFinish={submit} requiredMark style={{ maxWidth: 420 }}>
      <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        extra={
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('password.rules')}
          </Typography.Text>
        }
        rules={[
          { required: true, message: t('password.newRequired') },
          { min: MIN_LENGTH, message: t('password.tooShort') },
          {
            validator: (_, value: string | undefined) =>
              value && value.toLowerCase() === username.toLowerCase() ? Promise.reject(new Error(t('password.sameAsUsername'))) : Promise.resolve(),
          },
        ]}
        hasFeedback
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        hasFeedback
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" loading={saving} block={submitBlock}>
          {t('password.submit')}
        </Button>
      </Form.Item>
    </Form>
  );
}
