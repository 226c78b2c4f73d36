import { Flex, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useT } from '../../i18n/useT';
import { FileStatusTag, NextVisit, RiskTag } from './labels';
import type { ChildRow } from './types';

const rowStyle = { display: 'block', width: '100%', color: 'inherit' } as const;

/** On a phone a wide table is unusable one-handed: each child is a tappable row with the key facts (ListScaffold's renderMobile). */
export function ChildMobileItem({ child: c }: { child: ChildRow }) {
  const t = useT();
  return (
    <Link to={`/children/${encodeURIComponent(c.id)}`} style={rowStyle}>
      <Flex justify="space-between" align="center" gap={8}>
        <Flex vertical gap={4} style={{ minWidth: 0 }}>
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {c.name}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t(`children.sex.${c.sex}`)} · {t('children.ageValue', { age: c.age })}
            </Typography.Text>
            <RiskTag risk={c.riskLevel} />
            {c.status === 'closed' ? <FileStatusTag status={c.status} /> : null}
          </Flex>
          <Typography.Text type="secondary" ellipsis>
            {c.streetName} · {c.committeeName}
          </Typography.Text>
          <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
            {c.idNumberMasked ?? t('children.noIdShort')}
          </Typography.Text>
          {c.status === 'active' ? (
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('children.nextVisitColon')}
              <NextVisit due={c.nextVisitDue} overdueDays={c.overdueDays} />
            </Typography.Text>
          ) : null}
        </Flex>
        <RightOutlined style={{ color: '#bfbfbf' }} />
      </Flex>
    </Link>
  );
}
