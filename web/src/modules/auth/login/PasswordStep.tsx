import { Typography } from 'antd';
import { PasswordChangeForm } from '../../../auth/PasswordChangeForm';
import { useAuth } from '../../../auth/useAuth';
import { useT } from '../../../i18n/useT';

/** Forced password change (first login, or after an administrator reset). */
export function PasswordStep({ username }: { username: string }) {
  const t = useT();
  const { refresh } = useAuth();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('login.passwordChangeHint')}</Typography.Paragraph>
      <PasswordChangeForm username={username} submitBlock onDone={async () => void (await refresh())} />
    </>
  );
}
