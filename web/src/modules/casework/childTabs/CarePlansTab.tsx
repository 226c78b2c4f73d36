import { useState } from 'react';
import { App, Button, Card, Collapse, Descriptions, Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { CheckOutlined, EditOutlined, FileAddOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CarePlan } from '@common/casework';
import { useAuth } from '../../../auth/useAuth';
import { ErrorResult } from '../../../components/ErrorResult';
import { formatDate } from '../../../components/format';
import { TAG_COLOR } from '../../../components/tagColors';
import { useApiError } from '../../../hooks/useApiError';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useT } from '../../../i18n/useT';
import { caseworkApi, caseworkKeys } from '../api';
import { PlanFormModal, ReviewFormModal } from './CarePlanForms';

/** Child file tab 帮扶方案: the plan in force with its reviews; earlier plans folded below. */
export function CarePlansTab({ childId }: { childId: string }) {
  const t = useT();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const { data, isLoading: loading, error, refetch } = useQuery({ queryKey: caseworkKeys.carePlans(childId), queryFn: () => caseworkApi.carePlans(childId) });
  const reload = () => void queryClient.invalidateQueries({ queryKey: caseworkKeys.carePlans(childId) });
  const [dialog, setDialog] = useState<{ kind: 'plan'; plan: CarePlan | null } | { kind: 'review'; plan: CarePlan } | null>(null);
  const write = can('casework.write');

  if (error && !data) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  const current = data?.items.find((p) => p.status === 'active');
  const past = (data?.items ?? []).filter((p) => p.status === 'closed');

  const close = (plan: CarePlan) =>
    modal.confirm({
      title: t('casework.plan.closeConfirm'),
      content: t('casework.plan.closeHint'),
      okText: t('casework.plan.close'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await caseworkApi.closeCarePlan(plan.id, plan.version);
          void message.success(t('casework.saved'));
          reload();
        } catch (err) {
          showError(err);
          reload();
        }
      },
    });

  return (
    <>
      {loading && !data ? null : current ? (
        <PlanCard
          plan={current}
          extra={
            write ? (
              <Flex gap={8} wrap>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'review', plan: current })}>
                  {t('casework.plan.addReview')}
                </Button>
                <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'plan', plan: current })}>
                  {t('common.edit')}
                </Button>
                <Button icon={<CheckOutlined />} onClick={() => close(current)}>
                  {t('casework.plan.close')}
                </Button>
              </Flex>
            ) : null
          }
        />
      ) : (
        <Empty description={t('casework.plan.none')}>
          {write ? (
            <Button type="primary" icon={<FileAddOutlined />} onClick={() => setDialog({ kind: 'plan', plan: null })}>
              {t('casework.plan.create')}
            </Button>
          ) : null}
        </Empty>
      )}
      {past.length ? (
        <Collapse
          style={{ marginTop: 16 }}
          items={[{ key: 'past', label: t('casework.plan.past', { n: past.length }), children: past.map((p) => <PlanCard key={p.id} plan={p} />) }]}
        />
      ) : null}
      {dialog?.kind === 'plan' ? (
        <PlanFormModal
          childId={childId}
          plan={dialog.plan}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            reload();
          }}
        />
      ) : null}
      {dialog?.kind === 'review' ? (
        <ReviewFormModal
          plan={dialog.plan}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            reload();
          }}
        />
      ) : null}
    </>
  );
}

function PlanCard({ plan, extra }: { plan: CarePlan; extra?: React.ReactNode }) {
  const t = useT();
  const mobile = useIsMobile();
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={
        <Flex gap={8} align="center" wrap>
          <span>{t('casework.plan.madeOn', { date: formatDate(plan.createdAt) })}</span>
          {plan.status === 'active' ? (
            <Tag color={TAG_COLOR.ok}>{t('casework.plan.active')}</Tag>
          ) : (
            <Tag color={TAG_COLOR.closed}>{t('casework.plan.closed')}</Tag>
          )}
          {plan.reviewOverdue ? <Tag color={TAG_COLOR.danger}>{t('casework.plan.reviewOverdue')}</Tag> : null}
        </Flex>
      }
    >
      <Descriptions
        size="small"
        column={1}
        styles={{ label: { width: mobile ? 72 : 100 } }}
        items={[
          { key: 'goals', label: t('casework.plan.goals'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{plan.goals}</span> },
          { key: 'measures', label: t('casework.plan.measures'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{plan.measures}</span> },
          { key: 'responsible', label: t('casework.plan.responsible'), children: plan.responsible },
          {
            key: 'reviewOn',
            label: t('casework.plan.reviewOn'),
            children: <Typography.Text type={plan.reviewOverdue ? 'danger' : undefined}>{formatDate(plan.reviewOn)}</Typography.Text>,
          },
        ]}
      />
      {extra ? <div style={{ margin: '12px 0' }}>{extra}</div> : null}
      <Typography.Text strong>{t('casework.plan.reviews', { n: plan.reviews.length })}</Typography.Text>
      {plan.reviews.length ? (
        <Timeline
          style={{ marginTop: 12 }}
          items={plan.reviews.map((r) => ({
            key: r.id,
            color: 'green',
            content: (
              <>
                <Typography.Text strong>{formatDate(r.reviewedOn)}</Typography.Text>
                <Typography.Text type="secondary"> · {r.reviewerName}</Typography.Text>
                <div style={{ whiteSpace: 'pre-wrap' }}>{r.summary}</div>
                {r.nextReviewOn ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('casework.plan.nextReviewOn')} {formatDate(r.nextReviewOn)}
                  </Typography.Text>
                ) : null}
              </>
            ),
          }))}
        />
      ) : (
        <div>
          <Typography.Text type="secondary">{t('casework.plan.noReviews')}</Typography.Text>
        </div>
      )}
    </Card>
  );
}
