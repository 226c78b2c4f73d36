import { Card, Col, Empty, Flex, Row, Typography } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useAuth, useMe } from '../../auth/useAuth';
import { useT } from '../../i18n/useT';
import type { MessageKey } from '../../locales/zh-CN';
import { ChildrenCountCard } from './ChildrenCountCard';
import { WEB_MODULES } from '../registry';

function greetingKey(hour: number): MessageKey {
  if (hour < 12) return 'home.morning';
  if (hour < 18) return 'home.afternoon';
  return 'home.evening';
}

/**
 * 工作台: what needs doing, each figure opening its list. Cards appear only for what the user may
 * open; visits, problems and benefits join here as those modules arrive.
 */
export default function HomePage() {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();

  const cards = [
    can('children.read') ? <ChildrenCountCard key="children" /> : null,
    ...WEB_MODULES.flatMap((m) => m.homeCards ?? [])
      .filter((c) => !c.permission || can(c.permission))
      .map((c) => <c.component key={c.key} />),
  ].filter((c) => c !== null);

  return (
    <>
      <Flex vertical gap={4} style={{ marginBottom: 20 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t(greetingKey(dayjs().hour()), { name: me.user.displayName })}
        </Typography.Title>
        <Typography.Text type="secondary">
          <EnvironmentOutlined style={{ marginInlineEnd: 6 }} />
          {t('home.scope', { scope: me.scope.label || t(`scope.${me.scope.kind}`) })}
        </Typography.Text>
      </Flex>
      <Typography.Title level={5}>{t('home.todo')}</Typography.Title>
      {cards.length > 0 ? (
        <Row gutter={[16, 16]}>
          {cards.map((card) => (
            <Col key={card.key} xs={24} sm={12} lg={8} xl={6}>
              {card}
            </Col>
          ))}
        </Row>
      ) : (
        <Card>
          <Empty description={t('home.empty')} />
        </Card>
      )}
    </>
  );
}
