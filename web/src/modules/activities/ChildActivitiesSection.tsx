import { useQuery } from '@tanstack/react-query';
import { Empty, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { useT } from '../../i18n/useT';
import { activitiesApi, activityKeys } from './api';
import { StatusTag, useKindName } from './labels';

/** The child file's 服务与活动 tab: the activities the child (or a guardian) took part in. */
export function ChildActivitiesSection({ childId }: { childId: string }) {
  const t = useT();
  const kindName = useKindName();
  const q = useQuery({ queryKey: activityKeys.child(childId), queryFn: () => activitiesApi.child(childId) });
  if (q.error && !q.data) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <List
      size="small"
      loading={q.isLoading}
      dataSource={q.data?.items}
      pagination={(q.data?.total ?? 0) > 10 ? { pageSize: 10, size: 'small' } : false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.child.empty')} /> }}
      renderItem={(a) => (
        <List.Item>
          <List.Item.Meta
            title={
              <span>
                <Link to={`/activities?open=${encodeURIComponent(a.activityId)}`}>{a.title}</Link> <StatusTag status={a.status} />
              </span>
            }
            description={
              <Typography.Text type="secondary">
                {a.heldOn} · {kindName(a.kind)} · {a.organiserName}
                {a.role === 'guardian' ? <Tag style={{ marginInlineStart: 8 }}>{t('activities.child.asGuardian', { name: a.memberName ?? '' })}</Tag> : null}
              </Typography.Text>
            }
          />
        </List.Item>
      )}
    />
  );
}
