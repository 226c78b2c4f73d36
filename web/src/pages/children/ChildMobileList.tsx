import { Card, Flex, List, Typography, type PaginationProps } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { ChildSummary } from '../../api/types';
import { ageOf } from '../../components/format';
import { useT } from '../../i18n/useT';
import { ChildStatusTag } from './childStatus';

/** On a phone a wide table is unusable one-handed: each child is a tappable row with the key facts. */
export function ChildMobileList({ items, loading, pagination }: { items: ChildSummary[] | undefined; loading: boolean; pagination: PaginationProps }) {
  const t = useT();
  return (
    <Card size="small" styles={{ body: { padding: '0 12px' } }}>
      <List<ChildSummary>
        loading={loading}
        dataSource={items}
        locale={{ emptyText: t('children.empty') }}
        pagination={{ ...pagination, size: 'small', showSizeChanger: false, align: 'center' }}
        renderItem={(c) => {
          const age = ageOf(c.birthDate);
          return (
            <List.Item style={{ paddingBlock: 12 }}>
              <Link to={`/children/${encodeURIComponent(c.id)}`} style={{ display: 'block', width: '100%', color: 'inherit' }}>
                <Flex justify="space-between" align="center" gap={8}>
                  <Flex vertical gap={2} style={{ minWidth: 0 }}>
                    <Flex gap={8} align="center" wrap>
                      <Typography.Text strong style={{ fontSize: 16 }}>
                        {c.name}
                      </Typography.Text>
                      <Typography.Text type="secondary">
                        {t(`children.sex.${c.sex}`)}
                        {age === null ? '' : ` · ${t('children.ageValue', { age })}`}
                      </Typography.Text>
                      <ChildStatusTag status={c.status} />
                    </Flex>
                    <Typography.Text type="secondary" ellipsis>
                      {c.streetName} · {c.committeeName}
                    </Typography.Text>
                    <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
                      {c.idNumberMasked ?? '—'}
                    </Typography.Text>
                  </Flex>
                  <RightOutlined style={{ color: '#bfbfbf' }} />
                </Flex>
              </Link>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
