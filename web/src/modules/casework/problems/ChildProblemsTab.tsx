import { useState } from 'react';
import { Button, Empty, Flex, List, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Problem } from '@common/casework';
import { useAuth } from '../../../auth/useAuth';
import { ErrorResult } from '../../../components/ErrorResult';
import { formatDate } from '../../../components/format';
import { useT } from '../../../i18n/useT';
import { caseworkApi, caseworkKeys } from '../api';
import { categoryLabel, OverdueTag, SeverityTag, StatusTag } from '../shared';
import { ProblemDrawer } from './ProblemDrawer';
import { ProblemFormModal } from './ProblemFormModal';

// The child file's quick actions open the same form.
export { ProblemFormModal } from './ProblemFormModal';

/** Child file tab 问题与解决: the child's problems (unresolved first) and registering a new one. */
export function ChildProblemsTab({ childId }: { childId: string }) {
  const t = useT();
  const { can } = useAuth();
  const {
    data,
    isFetching: loading,
    error,
    refetch,
  } = useQuery({ queryKey: caseworkKeys.childProblems(childId), queryFn: () => caseworkApi.childProblems(childId) });
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  if (error && !data) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">
          {t('casework.childProblems.summary', {
            open: (data?.items ?? []).filter((p) => p.status !== 'resolved').length,
            total: data?.items.length ?? 0,
          })}
        </Typography.Text>
        {can('casework.write') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('casework.problem.create')}
          </Button>
        ) : null}
      </Flex>
      <List<Problem>
        loading={loading}
        dataSource={data?.items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('casework.childProblems.empty')} /> }}
        renderItem={(p) => (
          <List.Item style={{ cursor: 'pointer' }} onClick={() => setOpen(p.id)} extra={<Typography.Link>{t('casework.view')}</Typography.Link>}>
            <Flex vertical gap={4} style={{ minWidth: 0 }}>
              <Flex gap={6} wrap align="center">
                <StatusTag value={p.status} />
                <SeverityTag value={p.severity} />
                <Typography.Text type="secondary">{categoryLabel(t, p.category)}</Typography.Text>
                <OverdueTag dueOn={p.dueOn} overdue={p.overdue} />
              </Flex>
              <Typography.Text>{p.description}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('casework.problem.createdAt')} {formatDate(p.createdAt)} ·{' '}
                {p.status === 'resolved'
                  ? `${t('casework.problem.resolvedOn')} ${formatDate(p.resolvedOn)}`
                  : `${t('casework.problem.dueOn')} ${formatDate(p.dueOn)}`}
                {p.responsibleUnitName ? ` · ${p.responsibleUnitName}` : ''}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
      <ProblemDrawer id={open} onClose={() => setOpen(null)} />
      {creating ? (
        <ProblemFormModal
          childId={childId}
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            setOpen(id);
          }}
        />
      ) : null}
    </>
  );
}
