import { Alert, App, Form, Input } from 'antd';
import type { User } from '../../../api/types';
import { FormModal } from '../../../components/FormModal';
import { useT } from '../../../i18n/useT';
import { adminApi } from '../api';

/**
 * The security administrator asks for an administrator's password reset; another administrator
 * approves it on the approvals page (三权分立: nobody resets an administrator's password alone).
 */
export function RequestResetModal({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();

  const submit = async ({ reason }: { reason: string }) => {
    await adminApi.requestReset(user.id, reason.trim());
    void message.success(t('adminAccounts.requested'));
    onDone();
  };

  return (
    <FormModal
      form={form}
      title={t('adminAccounts.requestTitle', { name: user.displayName })}
      onClose={onClose}
      onSubmit={submit}
      okText={t('adminAccounts.request')}
      intro={<Alert type="info" showIcon title={t('adminAccounts.requestIntro')} style={{ marginBottom: 16 }} />}
      layout="vertical"
    >
      <Form.Item
        name="reason"
        label={t('adminAccounts.requestReason')}
        rules={[
          { required: true, whitespace: true, message: t('common.required') },
          { min: 4, message: t('common.required') },
        ]}
      >
        <Input.TextArea rows={3} maxLength={300} showCount placeholder={t('adminAccounts.requestReasonPlaceholder')} autoFocus />
      </Form.Item>
    </FormModal>
  );
}
