import { useState } from 'react';
import { App, Button, Card, Flex, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import type { TotpSetup } from '../../api/types';
import { useAuth, useMe } from '../../auth/useAuth';
import { TAG_COLOR } from '../../components/tagColors';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { meApi } from './api';
import { DisableTotpButton } from './DisableTotpButton';
import { RecoveryCodesModal } from './RecoveryCodesModal';
import { TotpEnrolForm } from './TotpEnrolForm';

/** Two-factor authentication: enrol (secret + QR + first code), show recovery codes once, or disable. */
export function TwoFactorCard() {
  const t = useT();
  const me = useMe();
  const { refresh } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useApiError();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [starting, setStarting] = useState(false);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  const start = async () => {
    setStarting(true);
    try {
      setSetup(await meApi.totpSetup());
    } catch (err) {
      showError(err);
    } finally {
      setStarting(false);
    }
  };

  const acknowledged = async () => {
    const wasEnrolling = me.pending === 'mfa-enroll';
    setRecoveryCodes(null);
    setSetup(null);
    void message.success(t('me.totpEnabled'));
    const next = await refresh().catch(() => null);
    // The enrolment was the last thing between an administrator and the system.
    if (wasEnrolling && next && next.pending === null) void navigate('/', { replace: true });
  };

  return (
    <Card
      title={
        <Flex align="center" gap={8}>
          <SafetyCertificateOutlined />
          {t('me.totpSection')}
        </Flex>
      }
      extra={me.user.totpEnabled ? <Tag color={TAG_COLOR.ok}>{t('me.totpOn')}</Tag> : <Tag>{t('me.totpOff')}</Tag>}
      style={{ height: '100%' }}
    >
      <Typography.Paragraph type="secondary">{t('me.totpIntro')}</Typography.Paragraph>
      {me.user.totpEnabled && !recoveryCodes ? (
        <Flex vertical gap={12} align="flex-start">
          <Typography.Text>{t('me.totpEnabledAt')}</Typography.Text>
          <DisableTotpButton onDone={() => void refresh()} />
        </Flex>
      ) : setup ? (
        <TotpEnrolForm setup={setup} onEnabled={setRecoveryCodes} onCancel={() => setSetup(null)} />
      ) : (
        <Button type="primary" loading={starting} onClick={start}>
          {t('me.totpStart')}
        </Button>
      )}
      <RecoveryCodesModal codes={recoveryCodes} onAcknowledge={acknowledged} />
    </Card>
  );
}
