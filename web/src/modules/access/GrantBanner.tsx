import { useEffect, useState } from 'react';
import { Alert, App, Button, Popconfirm } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { accessApi, accessKeys, timeLeft } from './api';

/** On a file opened through an access grant: the reason, the time left, and ending it early. Nothing otherwise. */
export function GrantBanner({ childId, onEnded }: { childId: string; onEnded: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const qc = useQueryClient();
  const { data } = useQuery({ queryKey: accessKeys.myGrant(childId), queryFn: () => accessApi.myGrant(childId) });
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  const grant = data?.grant;
  if (!grant) return null;
  const left = timeLeft(grant.expiresAt, now);
  const end = async () => {
    try {
      await accessApi.endGrant(grant.id);
      void message.success(t('access.banner.ended'));
      await qc.invalidateQueries({ queryKey: accessKeys.all });
      onEnded();
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="grant-banner"
      message={t(grant.kind === 'emergency' ? 'access.banner.emergency' : 'access.banner.outside_assignment', { ...left, reason: grant.reason })}
      action={
        <Popconfirm title={t('access.banner.endConfirm')} onConfirm={() => end()} okText={t('access.banner.end')}>
          <Button size="small">{t('access.banner.end')}</Button>
        </Popconfirm>
      }
    />
  );
}
