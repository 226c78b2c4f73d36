import { useCallback } from 'react';
import { App, Typography, type FormInstance } from 'antd';
import { ApiError } from '../api/client';
import { useT } from '../i18n/useT';

/** The server names fields by their path in the request body; forms here are flat, so the first segment is the field. */
function fieldName(path: string): string {
  const parts = path.split(/[./]/).filter(Boolean);
  if (['body', 'querystring', 'params'].includes(parts[0] ?? '') && parts.length > 1) parts.shift();
  return parts[0] ?? path;
}

/**
 * Shows an API failure the way users can act on it: field messages under the fields, otherwise a
 * message; unexpected failures also show the request id, which support can find in the server log.
 */
export function useApiError() {
  const { message } = App.useApp();
  const t = useT();

  return useCallback(
    (err: unknown, form?: FormInstance) => {
      if (!(err instanceof ApiError)) {
        console.error(err);
        void message.error(t('error.unknown'));
        return;
      }
      // The session ended: the login dialog over the page says so (SessionGuard), and the form keeps its content.
      if (err.status === 401 && (err.code === 'UNAUTHENTICATED' || err.code === 'SESSION_EXPIRED')) return;
      if (form && err.fields.length > 0) {
        const byField = new Map<string, string[]>();
        for (const f of err.fields) {
          const name = fieldName(f.path);
          byField.set(name, [...(byField.get(name) ?? []), f.message]);
        }
        form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
        void message.error(err.message || t('error.fields'));
        return;
      }
      const text = err.code === 'network' ? t('error.network') : err.message || t('error.http', { status: err.status });
      if (err.unexpected && err.requestId) {
        void message.error(
          <span>
            {text}
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('error.requestId', { id: err.requestId })}
            </Typography.Text>
          </span>,
        );
        return;
      }
      void message.error(text);
    },
    [message, t],
  );
}
