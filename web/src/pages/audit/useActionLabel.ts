import { useCallback } from 'react';
import { useT } from '../../i18n/useT';
import { isMessageKey } from '../../locales/zh-CN';

/** A readable name for an audit action code; codes without a label show as they are. */
export function useActionLabel() {
  const t = useT();
  return useCallback(
    (action: string) => {
      const key = `auditAction.${action}`;
      return isMessageKey(key) ? t(key) : action;
    },
    [t],
  );
}
