import { useState } from 'react';
import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { meApi } from './api';

/** Disabling needs the current password, so an unattended open session cannot weaken the account. */
export function DisableTotpButton({ onDone }: { onDone: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ currentPassword: string }>();
  const showError = useApiError();
  const { message } = App.useApp();

  const submit = async ({ currentPassword }: { currentPassword: string }) => {
    setBusy(true);
    try {
      await meApi.totpDisable(currentPassword);
      setOpen(false);
      form.resetFields();
      void message.success(t('me.totpDisabled'));
      onDone();
    } catch (err) {
      showError(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button danger onClick={() => setOpen(true)}>
        {t('me.totpDisable')}
      </Button>
      <Modal
        open={open}
        title={t('me.totpDisable')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, loading: busy }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('me.totpDisableHint')}</Typography.Paragraph>
        <Form form={form} name="totp-disable" layout="vertical" onFinish={submit}>
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
            <Input.Password autoComplete="current-password" autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
