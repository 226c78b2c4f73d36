import { useEffect, useMemo } from 'react';
import { App as AntApp, ConfigProvider, Empty } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import { queryClient } from './api/queryClient';
import { AuthProvider } from './auth/AuthProvider';
import { useMediaQuery } from './hooks/useMediaQuery';
import { I18nProvider } from './i18n/I18nProvider';
import { useI18n } from './i18n/useT';
import { router } from './router';
import { theme } from './theme';

function Themed() {
  const { lang, t } = useI18n();
  // Users who ask their system for less motion (vestibular disorders; WCAG 2.3.3) get dialogs,
  // drop-downs and messages without antd's zoom and slide animations. The browser tests ask for it
  // too: a click during a dialog's opening animation can land on nothing on a loaded machine.
  const reducedMotion = useMediaQuery('(prefers-reduced-motion: reduce)');
  const themed = useMemo(() => (reducedMotion ? { ...theme, token: { ...theme.token, motion: false } } : theme), [reducedMotion]);
  useEffect(() => {
    document.title = `${t('app.name')} · ${t('app.subtitle')}`;
  }, [t]);
  return (
    <ConfigProvider
      locale={lang === 'zh-CN' ? zhCNAntd : enUSAntd}
      theme={themed}
      // One empty state everywhere a list has none of its own: a sentence, not antd's bare "暂无数据".
      renderEmpty={(component) => (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t(component === 'Select' || component === 'Cascader' ? 'common.emptyOptions' : 'common.emptyList')}
        />
      )}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/** Language first (it picks the antd locale), then antd's context, server state, the session, then routes. */
export function AppProviders() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
