import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth } from '../../../auth/useAuth';
import { useApiError } from '../../../hooks/useApiError';
import { useT } from '../../../i18n/useT';
import { authApi } from '../api';

interface Values {
  username: string;
  password: string;
}

export function CredentialsStep() {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { setMe } = useAuth();
  const showError = useApiError();
  const [busy, setBusy] = useState(false);

  const submit = async (values: Values) => {
    setBusy(true);
    try {
      const me = await authApi.login(values.username.trim(), values.password);
      setMe(me);
    } catch (err) {
      // Wrong credentials answer the same for unknown and known users: keep the message generic.
      form.setFieldValue('password', '');
      showError(err, form);
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
      <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" autoCorrect="off" spellCheck={false} autoFocus />
      </Form.Item>
      <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('login.submit')}
        </Button>
      </Form.Item>
    </Form>
  );
}
