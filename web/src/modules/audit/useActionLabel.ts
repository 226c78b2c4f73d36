import { useCallback, useMemo } from 'react';
import { useT } from '../../i18n/useT';
import { isMessageKey, zhCN } from '../../locales/zh-CN';

const PREFIX = 'auditAction.';

/** A readable name for an audit action code; codes without a label show as they are. */
export function useActionLabel() {
  const t = useT();
  return useCallback(
    (action: string) => {
      const key = `${PREFIX}${action}`;
      return isMessageKey(key) ? t(key) : action;
    },
    [t],
  );
}

/**
 * Every action that has a readable name, for the filter: auditors search by the name (登录, 导出),
 * the code stays visible beside it. Codes come from the label keys, so a module that names its
 * actions in its locale file appears here without further wiring.
 */
export function useActionOptions(): { value: string; label: string; code: string }[] {
  const label = useActionLabel();
  return useMemo(
    () =>
      Object.keys(zhCN)
        .filter((k) => k.startsWith(PREFIX))
        .map((k) => {
          const code = k.slice(PREFIX.length);
          return { value: code, label: label(code), code };
        })
        .sort((a, b) => a.code.localeCompare(b.code)),
    [label],
  );
}
