import { Segmented } from 'antd';
import { useI18n } from '../i18n/useT';
import type { Lang } from '../i18n/I18nProvider';

/** Chinese / English switch, each option named in its own language; the choice is the only thing the interface keeps in browser storage. */
export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented<Lang>
      size={size}
      aria-label={t('lang.label')}
      value={lang}
      onChange={setLang}
      options={[
        { value: 'zh-CN', label: t('lang.zhShort'), title: t('lang.zh') },
        { value: 'en-US', label: t('lang.enShort'), title: t('lang.en') },
      ]}
    />
  );
}
