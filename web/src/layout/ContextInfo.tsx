import { Flex, Tag, Tooltip, Typography } from 'antd';
import { BankOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useMe } from '../auth/useAuth';
import { useLocalName } from '../hooks/useLocalName';
import { useT } from '../i18n/useT';

/**
 * Who and where the user is working: unit, roles, area scope. Always visible, because what a list
 * shows depends on it.
 */
export function ContextInfo({ vertical }: { vertical?: boolean }) {
  const t = useT();
  const me = useMe();
  const name = useLocalName();
  return (
    <Flex gap={vertical ? 6 : 8} align={vertical ? 'flex-start' : 'center'} vertical={vertical} wrap style={{ minWidth: 0 }}>
      <Tooltip title={t('nav.unit')}>
        <Typography.Text ellipsis style={{ maxWidth: vertical ? '100%' : 220 }}>
          <BankOutlined style={{ marginInlineEnd: 4 }} />
          {name(me.unit)}
        </Typography.Text>
      </Tooltip>
      <Flex gap={4} wrap>
        {me.roles.map((r) => (
          <Tag key={r.code} variant="filled" color="blue" style={{ marginInlineEnd: 0 }}>
            {name(r)}
          </Tag>
        ))}
      </Flex>
      <Tooltip title={t('nav.scope')}>
        <Tag icon={<EnvironmentOutlined />} color="gold" style={{ marginInlineEnd: 0 }}>
          {me.scope.label || t(`scope.${me.scope.kind}`)}
        </Tag>
      </Tooltip>
      {/* Nobody should mistake demo data for real children, nor type real data into a demo. */}
      {me.demoMode ? (
        <Tooltip title={t('nav.demoHint')}>
          <Tag color="magenta" style={{ marginInlineEnd: 0 }}>
            {t('nav.demo')}
          </Tag>
        </Tooltip>
      ) : null}
    </Flex>
  );
}
