import { Card, Flex, Statistic, Typography } from 'antd';
import { RightOutlined, SendOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useT } from '../../i18n/useT';
import { referralKeys, referralsApi } from './api';

const QUERY = { box: 'incoming' as const, bucket: 'new' as const, page: 1, pageSize: 1 };

/** 工作台 card: the unit's new referrals and how many are overdue (each opens its bucket of the queue). */
export function ReferralsHomeCard() {
  const t = useT();
  const { data, isLoading, error } = useQuery({ queryKey: referralKeys.list(QUERY), queryFn: () => referralsApi.list(QUERY) });
  const overdue = data?.counts.overdue ?? 0;
  return (
    <Card loading={isLoading} style={{ height: '100%' }}>
      <Link to="/referrals?box=incoming&bucket=new" style={{ color: 'inherit', display: 'block' }}>
        <Statistic
          title={
            <>
              <SendOutlined style={{ marginInlineEnd: 6 }} />
              {t('referrals.home.title')}
            </>
          }
          value={error ? '—' : (data?.counts.new ?? 0)}
          suffix={error ? undefined : t('referrals.home.unit')}
        />
      </Link>
      <Flex justify="space-between" align="center" wrap gap={4}>
        <Link to="/referrals?box=incoming&bucket=overdue">
          <Typography.Text type={overdue ? 'danger' : 'secondary'} strong={overdue > 0}>
            {error ? t('error.loadFailed') : t('referrals.home.overdue', { n: overdue })}
          </Typography.Text>
        </Link>
        <Link to="/referrals?box=incoming">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('referrals.home.open')} <RightOutlined style={{ fontSize: 10 }} />
          </Typography.Text>
        </Link>
      </Flex>
    </Card>
  );
}
