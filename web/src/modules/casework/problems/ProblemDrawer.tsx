import { useState } from 'react';
import { Button, Descriptions, Drawer, Flex, Result, Timeline, Typography } from 'antd';
import { CheckCircleOutlined, CommentOutlined, PlayCircleOutlined, RedoOutlined, SendOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProblemDetail, ProblemEvent, ProblemStatus } from '@common/casework';
import { ApiError, seg } from '../../../api/client';
import { useAuth } from '../../../auth/useAuth';
import { ErrorResult } from '../../../components/ErrorResult';
import { formatDate, formatDateTime } from '../../../components/format';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useT } from '../../../i18n/useT';
import { caseworkApi, caseworkKeys } from '../api';
import { MandatoryReportPanel } from '../mandatory/MandatoryReportPanel';
import { categoryLabel, eventLabel, OverdueTag, SeverityTag, statusLabel, StatusTag } from '../shared';
import { ProblemActionModal, type ProblemAction } from './ProblemActionModal';

const EVENT_COLOR: Record<ProblemEvent['kind'], string> = {
  created: 'blue',
  status: 'cyan',
  comment: 'gray',
  escalated: 'purple',
  resolved: 'green',
  reopened: 'orange',
  assigned: 'blue',
};

/** One problem: facts, the timeline, and what can be done next (by its current status). */
export function ProblemDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const {
    data,
    isFetching: loading,
    error,
    refetch,
  } = useQuery({
    queryKey: caseworkKeys.problem(id),
    queryFn: () => caseworkApi.problem(id ?? ''),
    enabled: !!id,
  });
  const [action, setAction] = useState<ProblemAction | null>(null);
  const write = can('casework.write');
  const p = data && data.id === id ? data : undefined;

  // The answer is the new state of the problem; the lists and counts that show it are refreshed.
  const done = (next: ProblemDetail) => {
    queryClient.setQueryData(caseworkKeys.problem(next.id), next);
    setAction(null);
    void queryClient.invalidateQueries({ queryKey: caseworkKeys.all });
  };

  const can_ = (s: ProblemStatus) => ({
    start: s === 'open' || s === 'escalated',
    resolve: s !== 'resolved',
    escalate: s !== 'resolved',
    reopen: s === 'resolved',
  });

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={mobile ? '100%' : 640}
      title={t('casework.problem.detail')}
      destroyOnHidden
      extra={
        p ? (
          <Link to={`/children/${seg(p.childId)}`} onClick={onClose}>
            {t('casework.problem.openFile')}
          </Link>
        ) : null
      }
    >
      {error instanceof ApiError && error.status === 404 ? (
        <Result status="404" title={t('casework.problem.notFound')} />
      ) : error ? (
        <ErrorResult error={error} onRetry={() => void refetch()} />
      ) : !p ? (
        loading ? (
          <Typography.Text type="secondary">{t('casework.loading')}</Typography.Text>
        ) : null
      ) : (
        <>
          <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {p.childName}
            </Typography.Title>
            <StatusTag value={p.status} />
            <SeverityTag value={p.severity} />
            <OverdueTag dueOn={p.dueOn} overdue={p.overdue} />
          </Flex>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{p.description}</Typography.Paragraph>
          <Descriptions
            size="small"
            column={mobile ? 1 : 2}
            bordered
            styles={{ label: { whiteSpace: 'nowrap' } }}
            items={[
              { key: 'category', label: t('casework.problem.category'), children: categoryLabel(t, p.category) },
              { key: 'area', label: t('casework.area'), children: `${p.streetName} · ${p.committeeName}` },
              { key: 'unit', label: t('casework.problem.responsibleUnit'), children: p.responsibleUnitName ?? '—' },
              { key: 'due', label: t('casework.problem.dueOn'), children: formatDate(p.dueOn) },
              ...(p.escalatedToName ? [{ key: 'esc', label: t('casework.problem.escalatedTo'), children: p.escalatedToName }] : []),
              { key: 'created', label: t('casework.problem.createdAt'), children: formatDateTime(p.createdAt) },
              ...(p.status === 'resolved'
                ? [
                    { key: 'resolvedOn', label: t('casework.problem.resolvedOn'), span: 'filled' as const, children: formatDate(p.resolvedOn) },
                    {
                      key: 'resolution',
                      label: t('casework.problem.resolution'),
                      span: 'filled' as const,
                      children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.resolution}</span>,
                    },
                  ]
                : []),
            ]}
          />
          {p.category === 'safety' && p.severity === 'high' ? <MandatoryReportPanel problemId={p.id} canWrite={write} /> : null}
          {write ? (
            <Flex gap={8} wrap style={{ marginTop: 16 }}>
              {can_(p.status).start ? (
                <Button icon={<PlayCircleOutlined />} onClick={() => setAction('start')}>
                  {t('casework.problem.start')}
                </Button>
              ) : null}
              {can_(p.status).resolve ? (
                <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setAction('resolve')}>
                  {t('casework.problem.resolve')}
                </Button>
              ) : null}
              {can_(p.status).escalate ? (
                <Button icon={<SendOutlined />} onClick={() => setAction('escalate')}>
                  {t('casework.problem.escalate')}
                </Button>
              ) : null}
              {can_(p.status).reopen ? (
                <Button icon={<RedoOutlined />} onClick={() => setAction('reopen')}>
                  {t('casework.problem.reopen')}
                </Button>
              ) : null}
              <Button icon={<CommentOutlined />} onClick={() => setAction('comment')}>
                {t('casework.problem.comment')}
              </Button>
            </Flex>
          ) : null}
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('casework.problem.timeline')}
          </Typography.Title>
          <Timeline
            items={[...p.events].reverse().map((e) => ({
              key: e.id,
              color: EVENT_COLOR[e.kind],
              content: (
                <>
                  <Flex gap={8} wrap>
                    <Typography.Text strong>{eventLabel(t, e.kind)}</Typography.Text>
                    {e.fromStatus && e.toStatus ? (
                      <Typography.Text type="secondary">
                        {statusLabel(t, e.fromStatus as ProblemStatus)} → {statusLabel(t, e.toStatus as ProblemStatus)}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                  {e.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div> : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(e.at)} · {e.userDisplayName ?? e.username ?? '—'}
                  </Typography.Text>
                </>
              ),
            }))}
          />
          {action ? <ProblemActionModal action={action} problem={p} onClose={() => setAction(null)} onDone={done} /> : null}
        </>
      )}
    </Drawer>
  );
}
