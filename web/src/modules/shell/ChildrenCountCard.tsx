import { Card, Statistic, Typography } from 'antd';
import { RightOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useT } from '../../i18n/useT';
import { shellApi } from './api';

/** Children in the user's area: the server counts under the caller's scope, so the figure is theirs. */
export function ChildrenCountCard() {
  const t = useT();
  const { data: total, isPending: loading, error } = useQuery({ queryKey: ['shell', 'childrenCount'], queryFn: shellApi.childrenCount });

  return (
    <Link to="/children" style={{ display: 'block' }}>
      <Card hoverable loading={loading} style={{ height: '100%' }}>
        <Statistic
          title={
            <>
              <TeamOutlined style={{ marginInlineEnd: 6 }} />
              {t('home.childrenCard')}
            </>
          }
          value={error ? '—' : (total ?? 0)}
          suffix={error ? undefined : t('home.childrenUnit')}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {error ? t('error.loadFailed') : t('home.childrenOpen')} <RightOutlined style={{ fontSize: 10 }} />
        </Typography.Text>
      </Card>
    </Link>
  );
}
