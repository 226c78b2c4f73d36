import { createContext, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { zhCN, type MessageKey } from '../locales/zh-CN';

export type Lang = 'zh-CN' | 'en-US';
export type TFunction = (key: MessageKey, vars?: Record<string, string | number>) => string;

export interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: TFunction;
}

export const I18nContext = createContext<I18nValue | null>(null);

/** Only the language preference is kept in browser storage: never anything about a person. */
const STORAGE_KEY = 'nuanyang.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh-CN' || saved === 'en-US') return saved;
  } catch {
    // Storage can be disabled by policy on government machines; Chinese is the default anyway.
  }
  return 'zh-CN';
}

type Dictionary = Record<MessageKey, string>;

/**
 * English is loaded only when chosen: most users read Chinese, and the English texts are a large
 * part of the first download on a phone link. Once loaded it stays for the visit.
 */
let enUS: Dictionary | null = null;
async function loadEnglish(): Promise<Dictionary> {
  enUS ??= (await import('../locales/en-US')).enUS;
  return enUS;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  // English chosen on an earlier visit: render once its texts are here, never a flash of keys.
  const [ready, setReady] = useState(lang !== 'en-US' || enUS !== null);
  useEffect(() => {
    if (ready) return;
    let live = true;
    loadEnglish().then(
      () => {
        if (live) setReady(true);
      },
      () => {
        // Not loadable (offline, a release replaced the file): Chinese is always there.
        if (!live) return;
        setLangState('zh-CN');
        setReady(true);
      },
    );
    return () => {
      live = false;
    };
  }, [ready]);

  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered: acceptable, the switch still works for this visit.
    }
    // The switch happens when the texts are here; until then the current language stays.
    if (next === 'en-US' && !enUS)
      loadEnglish().then(
        () => setLangState(next),
        () => {},
      );
    else setLangState(next);
  }, []);

  useEffect(() => {
    dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
    document.documentElement.lang = lang;
  }, [lang]);

  const t = useCallback<TFunction>(
    (key, vars) => {
      const template = (lang === 'en-US' && enUS ? enUS : zhCN)[key] ?? key;
      if (!vars) return template;
      return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
    },
    [lang],
  );

  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{ready ? children : null}</I18nContext.Provider>;
}
