import { Button, Result } from 'antd';
import { ApiError } from '../api/client';
import { useT } from '../i18n/useT';

/** A page-level load failure with a retry; shows the request id for unexpected errors. */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  let subTitle = t('error.unknown');
  if (error instanceof ApiError) {
    subTitle = error.code === 'network' ? t('error.network') : error.message || t('error.http', { status: error.status });
    if (error.unexpected && error.requestId) subTitle += ` · ${t('error.requestId', { id: error.requestId })}`;
  }
  return (
    <Result
      status="warning"
      title={t('error.loadFailed')}
      subTitle={subTitle}
      extra={onRetry ? <Button onClick={onRetry}>{t('error.retry')}</Button> : undefined}
    />
  );
}
