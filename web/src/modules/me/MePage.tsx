import { useEffect } from 'react';
import { Alert, Card, Col, Row } from 'antd';
import { useLocation } from 'react-router';
import { PasswordChangeForm } from '../../auth/PasswordChangeForm';
import { useMe } from '../../auth/useAuth';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/useT';
import { ProfileCard } from './ProfileCard';
import { SessionsCard } from './SessionsCard';
import { TwoFactorCard } from './TwoFactorCard';

/**
 * 个人中心. An administrator who must enrol a second factor lands here with only that section: the
 * server refuses every other call until enrolment is done.
 */
export default function MePage() {
  const t = useT();
  const me = useMe();
  const { hash } = useLocation();
  const enrolling = me.pending === 'mfa-enroll';

  useEffect(() => {
    if (hash) document.getElementById(hash.slice(1))?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [hash]);

  return (
    <>
      <PageHeader title={t('me.title')} />
      {enrolling ? <Alert type="warning" showIcon title={t('me.enrollRequired')} style={{ marginBottom: 16 }} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ProfileCard />
        </Col>
        <Col xs={24} xl={12} id="totp">
          <TwoFactorCard />
        </Col>
        {enrolling ? null : (
          <>
            <Col xs={24} xl={12} id="password">
              <Card title={t('me.password')}>
                <PasswordChangeForm username={me.user.username} />
              </Card>
            </Col>
            <Col xs={24} xl={12} id="sessions">
              <SessionsCard />
            </Col>
          </>
        )}
      </Row>
    </>
  );
}
