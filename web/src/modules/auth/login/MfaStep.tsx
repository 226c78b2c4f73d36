import { useState } from 'react';
import { Button, Form, Input, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { isMe } from '../../../auth/acceptMe';
import { useAuth } from '../../../auth/useAuth';
import { useApiError } from '../../../hooks/useApiError';
import { useT } from '../../../i18n/useT';
import { authApi } from '../api';

export function MfaStep() {
  const t = useT();
  const [form] = Form.useForm<{ code: string }>();
  const { setMe, refresh } = useAuth();
  const showError = useApiError();
  const [busy, setBusy] = useState(false);

  const submit = async ({ code }: { code: string }) => {
    setBusy(true);
    try {
      // Recovery codes may be typed with spaces or dashes as printed; the server compares the characters.
      const res: unknown = await authApi.verifyMfa(code.replace(/\s+/g, ''));
      if (isMe(res)) setMe(res);
      else await refresh();
    } catch (err) {
      form.setFieldValue('code', '');
      showError(err, form);
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
      <Typography.Paragraph type="secondary">{t('login.mfaHint')}</Typography.Paragraph>
      <Form.Item name="code" label={t('login.mfaCode')} rules={[{ required: true, min: 6, message: t('login.mfaCodeRequired') }]}>
        <Input prefix={<SafetyOutlined />} inputMode="text" autoComplete="one-time-code" maxLength={32} autoFocus className="mono" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('login.mfaSubmit')}
        </Button>
      </Form.Item>
    </Form>
  );
}
