import { App, Form, Input } from 'antd';
import type { AdminRequest } from '../../../api/types';
import { FormModal } from '../../../components/FormModal';
import { useT } from '../../../i18n/useT';
import { adminApi } from '../api';

/** Refuses a request on an administrator account, with an optional note the other administrators see. */
export function RefuseRequestModal({ request, onClose, onDone }: { request: AdminRequest; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ note?: string }>();
  const { message } = App.useApp();

  const submit = async ({ note }: { note?: string }) => {
    await adminApi.refuse(request.id, note?.trim() || undefined);
    void message.success(t('adminAccounts.refused'));
    onDone();
  };

  return (
    <FormModal
      form={form}
      title={t('adminAccounts.refuseTitle', { name: request.target.displayName })}
      onClose={onClose}
      onSubmit={submit}
      okText={t('adminAccounts.refuse')}
      layout="vertical"
    >
      <Form.Item name="note" label={t('adminAccounts.refuseNote')}>
        <Input.TextArea rows={3} maxLength={300} showCount autoFocus />
      </Form.Item>
    </FormModal>
  );
}
