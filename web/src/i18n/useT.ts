import { useContext } from 'react';
import { I18nContext, type I18nValue } from './I18nProvider';

/** The translation function and current language; every visible string goes through `t`. */
export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

export function useT() {
  return useI18n().t;
}
