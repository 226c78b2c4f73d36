import { Card, Flex, Statistic, Typography } from 'antd';
import { AuditOutlined, RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useT } from '../../i18n/useT';
import { feedKeys, feedsApi } from './api';
import type { ChangeQuery } from './types';

const QUERY: ChangeQuery = { state: 'waiting', page: 1, pageSize: 1 };

/** 工作台 card: the changes the departments' data proposed for my area, waiting for my review. */
export function ReviewHomeCard() {
  const t = useT();
  const { data, isLoading, error } = useQuery({ queryKey: feedKeys.changes(QUERY), queryFn: () => feedsApi.changes(QUERY) });
  return (
    <Card loading={isLoading} style={{ height: '100%' }}>
      <Link to="/feeds/review" style={{ color: 'inherit', display: 'block' }}>
        <Statistic
          title={
            <>
              <AuditOutlined style={{ marginInlineEnd: 6 }} />
              {t('feeds.home.title')}
            </>
          }
          value={error ? '—' : (data?.total ?? 0)}
          suffix={error ? undefined : t('feeds.home.unit')}
        />
      </Link>
      <Flex justify="flex-end">
        <Link to="/feeds/review">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {error ? t('error.loadFailed') : t('feeds.home.open')} <RightOutlined style={{ fontSize: 10 }} />
          </Typography.Text>
        </Link>
      </Flex>
    </Card>
  );
}
