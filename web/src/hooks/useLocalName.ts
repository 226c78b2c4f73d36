import { useCallback } from 'react';
import { useI18n } from '../i18n/useT';

/** Server records carry a Chinese name and an English one; pick by language, falling back to Chinese. */
export function useLocalName() {
  const { lang } = useI18n();
  return useCallback(
    (item: { name: string; nameEn?: string | null } | null | undefined): string => {
      if (!item) return '';
      return lang === 'en-US' && item.nameEn ? item.nameEn : item.name;
    },
    [lang],
  );
}
