import { App, Form, Input, Typography } from 'antd';
import type { User } from '../../../api/types';
import { FormModal } from '../../../components/FormModal';
import { useT } from '../../../i18n/useT';
import { adminApi } from '../api';

/** The administrator sets a one-time password; the user must replace it at the next login. */
export function ResetPasswordModal({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ password: string }>();
  const { message } = App.useApp();

  const submit = async ({ password }: { password: string }) => {
    await adminApi.resetPassword(user.id, password);
    void message.success(t('users.resetPasswordDone'));
    onDone();
  };

  return (
    <FormModal
      form={form}
      title={t('users.resetPasswordTitle', { name: user.displayName })}
      onClose={onClose}
      onSubmit={submit}
      okText={t('common.confirm')}
      intro={<Typography.Paragraph type="secondary">{t('users.initialPasswordHint')}</Typography.Paragraph>}
      layout="vertical"
    >
      <Form.Item
        name="password"
        label={t('users.newPassword')}
        extra={t('password.rules')}
        rules={[
          { required: true, message: t('password.newRequired') },
          { min: 10, message: t('password.tooShort') },
        ]}
      >
        <Input.Password autoComplete="new-password" autoFocus />
      </Form.Item>
    </FormModal>
  );
}
