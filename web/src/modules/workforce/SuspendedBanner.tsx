import { Alert } from 'antd';
import { useAuth } from '../../auth/useAuth';
import { useT } from '../../i18n/useT';

/**
 * Shown on every page to a user whose record check lapsed (or was never valid): their access to
 * children's files is suspended by PostgreSQL itself, and this says why and whom to ask.
 */
export function SuspendedBanner() {
  const t = useT();
  const { me } = useAuth();
  if (!me?.accessSuspended) return null;
  return (
    <Alert type="error" showIcon banner role="alert" data-testid="suspended-banner" message={t('workforce.suspendedBanner')} style={{ marginBottom: 12 }} />
  );
}
