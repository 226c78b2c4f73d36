import { Alert, Button, Card, Flex, Typography } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '../../../auth/useAuth';
import { FullPageSpin } from '../../../components/FullPageSpin';
import { useT } from '../../../i18n/useT';
import { LanguageSwitch } from '../../../layout/LanguageSwitch';
import { CredentialsStep } from './CredentialsStep';
import { MfaStep } from './MfaStep';
import { PasswordStep } from './PasswordStep';

/**
 * Login in up to three steps. Which step shows is decided by the session's `pending` field, so a
 * reload in the middle of a step comes back to the same step.
 */
export function LoginPage() {
  const t = useT();
  const { me, loading, expired, logout } = useAuth();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;

  if (loading) return <FullPageSpin />;
  if (me?.pending === 'mfa-enroll') return <Navigate to="/me#totp" replace />;
  if (me && me.pending === null) return <Navigate to={from && from !== '/login' ? from : '/'} replace />;

  let title = t('login.title');
  let body = <CredentialsStep />;
  if (me?.pending === 'mfa') {
    title = t('login.mfaTitle');
    body = <MfaStep />;
  } else if (me?.pending === 'password-change') {
    title = t('login.passwordChangeTitle');
    body = <PasswordStep username={me.user.username} />;
  }

  return (
    <div className="login-page">
      <div style={{ position: 'absolute', top: 16, right: 16 }}>
        <LanguageSwitch />
      </div>
      <Flex vertical align="center" gap={6} style={{ marginBottom: 24 }}>
        <img src="/favicon.svg" alt="" width={48} height={48} />
        <Typography.Title level={2} style={{ margin: 0, color: '#8c2f1b', letterSpacing: 6 }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Text type="secondary" style={{ fontSize: 15, textAlign: 'center' }}>
          {t('app.subtitle')}
        </Typography.Text>
      </Flex>
      <Card title={title} style={{ width: '100%', maxWidth: 400 }} styles={{ body: { paddingTop: 16 } }}>
        {expired && !me ? <Alert type="info" showIcon title={t('error.sessionExpired')} style={{ marginBottom: 16 }} /> : null}
        {body}
        {me ? (
          <Button type="link" block onClick={() => void logout()} style={{ marginTop: 8 }}>
            {t('login.useAnotherAccount')}
          </Button>
        ) : null}
      </Card>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 400, marginTop: 16, fontSize: 12, textAlign: 'center' }}>
        {t('login.notice')}
      </Typography.Paragraph>
    </div>
  );
}
