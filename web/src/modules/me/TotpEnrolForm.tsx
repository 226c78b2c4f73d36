import { useState } from 'react';
import { Button, Flex, Form, Input, QRCode, Space, Typography } from 'antd';
import type { TotpSetup } from '../../api/types';
import { useApiError } from '../../hooks/useApiError';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { meApi } from './api';

/** Base32 secrets are typed by hand from a screen: groups of four are far easier to copy without error. */
export function groupSecret(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}

export function TotpEnrolForm({ setup, onEnabled, onCancel }: { setup: TotpSetup; onEnabled: (codes: string[]) => void; onCancel: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const [form] = Form.useForm<{ code: string }>();
  const [busy, setBusy] = useState(false);
  const showError = useApiError();

  const submit = async ({ code }: { code: string }) => {
    setBusy(true);
    try {
      const res = await meApi.totpEnable(code.trim());
      onEnabled(res.recoveryCodes);
    } catch (err) {
      form.setFieldValue('code', '');
      showError(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={12}>
      <Typography.Text strong>{t('me.totpStep1')}</Typography.Text>
      <Flex gap={16} wrap align="flex-start" vertical={mobile}>
        <QRCode value={setup.otpauthUrl} size={168} bordered />
        <Flex vertical gap={8} style={{ minWidth: 0, flex: 1 }}>
          <Typography.Text type="secondary">{t('me.totpSecret')}</Typography.Text>
          <Typography.Text copyable={{ text: setup.secret }} className="mono" style={{ fontSize: 16 }}>
            {groupSecret(setup.secret)}
          </Typography.Text>
          <Typography.Text type="secondary">{t('me.totpUrl')}</Typography.Text>
          <Typography.Text copyable className="mono" style={{ fontSize: 12, wordBreak: 'break-all' }}>
            {setup.otpauthUrl}
          </Typography.Text>
        </Flex>
      </Flex>
      <Typography.Text strong>{t('me.totpStep2')}</Typography.Text>
      <Form form={form} layout="inline" onFinish={submit} style={{ rowGap: 8 }}>
        <Form.Item name="code" rules={[{ required: true, pattern: /^\d{6}$/, message: t('me.totpCodeInvalid') }]}>
          <Input placeholder={t('me.totpCode')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} className="mono" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('me.totpEnable')}
            </Button>
            <Button onClick={onCancel}>{t('common.cancel')}</Button>
          </Space>
        </Form.Item>
      </Form>
    </Flex>
  );
}
