import { Card, Statistic, Typography } from 'antd';
import { RightOutlined, TeamOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { ChildList } from '../../api/types';
import { useApi } from '../../hooks/useApi';
import { useT } from '../../i18n/useT';

/** Children in the user's area: the server counts under the caller's scope, so the figure is theirs. */
export function ChildrenCountCard() {
  const t = useT();
  const { data, loading, error } = useApi(() => api.get<ChildList>('/api/children', { pageSize: 1 }), []);

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
          value={error ? '—' : (data?.total ?? 0)}
          suffix={error ? undefined : t('home.childrenUnit')}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {error ? t('error.loadFailed') : t('home.childrenOpen')} <RightOutlined style={{ fontSize: 10 }} />
        </Typography.Text>
      </Card>
    </Link>
  );
}
