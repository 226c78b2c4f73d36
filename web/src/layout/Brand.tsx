import { Flex, Typography } from 'antd';
import { useT } from '../i18n/useT';

/** The product mark: a poplar leaf in the district's warm red, with the name. */
export function Brand({ compact, subtitle }: { compact?: boolean; subtitle?: boolean }) {
  const t = useT();
  return (
    <Flex align="center" gap={10} style={{ minWidth: 0 }}>
      <img src="/favicon.svg" alt="" width={28} height={28} style={{ flex: 'none' }} />
      {compact ? null : (
        <Flex vertical style={{ minWidth: 0, lineHeight: 1.2 }}>
          <Typography.Text strong style={{ fontSize: 18, color: '#8c2f1b', letterSpacing: 2 }}>
            {t('app.name')}
          </Typography.Text>
          {subtitle ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
              {t('app.subtitle')}
            </Typography.Text>
          ) : null}
        </Flex>
      )}
    </Flex>
  );
}
