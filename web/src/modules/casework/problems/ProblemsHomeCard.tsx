import { Card, Flex, Statistic, Typography } from 'antd';
import { AlertOutlined, RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useT } from '../../../i18n/useT';
import { caseworkApi, caseworkKeys } from '../api';

/** 工作台 card: unresolved problems in the user's area, and how many are past their deadline (each opens its list). */
export function ProblemsHomeCard() {
  const t = useT();
  const { data, isLoading: loading, error } = useQuery({ queryKey: caseworkKeys.problemStats, queryFn: caseworkApi.problemStats });
  const overdue = data?.overdue ?? 0;

  return (
    <Card loading={loading} style={{ height: '100%' }}>
      <Link to="/problems?status=unresolved" style={{ color: 'inherit', display: 'block' }}>
        <Statistic
          title={
            <>
              <AlertOutlined style={{ marginInlineEnd: 6 }} />
              {t('casework.home.problems')}
            </>
          }
          value={error ? '—' : (data?.unresolved ?? 0)}
          suffix={error ? undefined : t('casework.home.unit')}
        />
      </Link>
      <Flex justify="space-between" align="center" wrap gap={4}>
        <Link to="/problems?status=unresolved&overdue=true">
          <Typography.Text type={overdue ? 'danger' : 'secondary'} strong={overdue > 0}>
            {error ? t('error.loadFailed') : t('casework.home.overdue', { n: overdue })}
          </Typography.Text>
        </Link>
        <Link to="/problems?status=unresolved">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('casework.home.open')} <RightOutlined style={{ fontSize: 10 }} />
          </Typography.Text>
        </Link>
      </Flex>
    </Card>
  );
}
