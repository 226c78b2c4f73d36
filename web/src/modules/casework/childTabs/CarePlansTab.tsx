import { useState } from 'react';
import { App, Button, Card, Collapse, DatePicker, Descriptions, Empty, Flex, Form, Input, Tag, Timeline, Typography } from 'antd';
import { CheckOutlined, EditOutlined, FileAddOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { CarePlan, CarePlanList } from '@common/casework';
import { api, seg } from '../../../api/client';
import { useAuth } from '../../../auth/useAuth';
import { ErrorResult } from '../../../components/ErrorResult';
import { FormModal } from '../../../components/FormModal';
import { formatDate } from '../../../components/format';
import { TAG_COLOR } from '../../../components/tagColors';
import { useApi } from '../../../hooks/useApi';
import { useApiError } from '../../../hooks/useApiError';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useT } from '../../../i18n/useT';
import { afterToday, beforeToday, DATE, toDate } from '../shared';

/** Child file tab 帮扶方案: the plan in force with its reviews; earlier plans folded below. */
export function CarePlansTab({ childId }: { childId: string }) {
  const t = useT();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const { data, loading, error, reload } = useApi(() => api.get<CarePlanList>(`/api/children/${seg(childId)}/care-plans`), [childId]);
  const [dialog, setDialog] = useState<{ kind: 'plan'; plan: CarePlan | null } | { kind: 'review'; plan: CarePlan } | null>(null);
  const write = can('casework.write');

  if (error && !data) return <ErrorResult error={error} onRetry={reload} />;
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
          await api.post(`/api/care-plans/${seg(plan.id)}/close`, { version: plan.version });
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
        <PlanFormModal childId={childId} plan={dialog.plan} onClose={() => setDialog(null)} onSaved={() => { setDialog(null); reload(); }} />
      ) : null}
      {dialog?.kind === 'review' ? (
        <ReviewFormModal plan={dialog.plan} onClose={() => setDialog(null)} onSaved={() => { setDialog(null); reload(); }} />
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
          {plan.status === 'active' ? <Tag color={TAG_COLOR.ok}>{t('casework.plan.active')}</Tag> : <Tag color={TAG_COLOR.closed}>{t('casework.plan.closed')}</Tag>}
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

interface PlanValues { goals: string; measures: string; responsible: string; reviewOn: dayjs.Dayjs }

function PlanFormModal({ childId, plan, onClose, onSaved }: { childId: string; plan: CarePlan | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const showError = useApiError();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanValues>();
  const [proposing, setProposing] = useState(false);
  const [basis, setBasis] = useState<string[] | null>(null);

  // 量身定制帮扶方案: a draft from the child's matched benefits, open problems and risk, to edit.
  const propose = async () => {
    setProposing(true);
    try {
      const p = await api.post<{ goals: string; measures: string; responsible: string; reviewOn: string; basis: string[] }>(`/api/children/${seg(childId)}/care-plan-proposal`);
      form.setFieldsValue({ goals: p.goals, measures: p.measures, responsible: p.responsible, reviewOn: dayjs(p.reviewOn) });
      setBasis(p.basis);
    } catch (err) {
      showError(err);
    } finally {
      setProposing(false);
    }
  };

  const submit = async (v: PlanValues) => {
    const body = { goals: v.goals.trim(), measures: v.measures.trim(), responsible: v.responsible.trim(), reviewOn: v.reviewOn.format(DATE) };
    if (plan) await api.patch(`/api/care-plans/${seg(plan.id)}`, { ...body, version: plan.version });
    else await api.post('/api/care-plans', { ...body, childId });
    void message.success(t('casework.saved'));
    onSaved();
  };

  return (
    <FormModal<PlanValues>
      form={form}
      width={mobile ? undefined : 640}
      title={plan ? t('casework.plan.edit') : t('casework.plan.create')}
      onClose={onClose}
      onSubmit={submit}
      layout="vertical"
      initialValues={plan ? { goals: plan.goals, measures: plan.measures, responsible: plan.responsible, reviewOn: dayjs(plan.reviewOn) } : { reviewOn: dayjs().add(3, 'month') }}
    >
      {!plan && (
        <Flex vertical gap={4} style={{ marginBottom: 12 }}>
          <Button onClick={() => void propose()} loading={proposing}>{t('casework.plan.propose')}</Button>
          {basis && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('casework.plan.proposalBasis', { basis: basis.join('；') || '—' })}</Typography.Text>}
        </Flex>
      )}
      <Form.Item name="goals" label={t('casework.plan.goals')} rules={[{ required: true, whitespace: true, message: t('casework.plan.goalsRequired') }]}>
        <Input.TextArea rows={2} maxLength={2000} placeholder={t('casework.plan.goalsPlaceholder')} />
      </Form.Item>
      <Form.Item name="measures" label={t('casework.plan.measures')} rules={[{ required: true, whitespace: true, message: t('casework.plan.measuresRequired') }]}>
        <Input.TextArea rows={4} maxLength={4000} placeholder={t('casework.plan.measuresPlaceholder')} />
      </Form.Item>
      <Form.Item name="responsible" label={t('casework.plan.responsible')} rules={[{ required: true, whitespace: true, message: t('casework.plan.responsibleRequired') }]}>
        <Input maxLength={200} placeholder={t('casework.plan.responsiblePlaceholder')} />
      </Form.Item>
      <Form.Item name="reviewOn" label={t('casework.plan.reviewOn')} rules={[{ required: true, message: t('common.required') }]}>
        <DatePicker format={DATE} disabledDate={beforeToday} style={{ width: '100%' }} inputReadOnly={mobile} />
      </Form.Item>
    </FormModal>
  );
}

interface ReviewValues { reviewedOn: dayjs.Dayjs; summary: string; nextReviewOn?: dayjs.Dayjs }

function ReviewFormModal({ plan, onClose, onSaved }: { plan: CarePlan; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReviewValues>();

  const submit = async (v: ReviewValues) => {
    await api.post(`/api/care-plans/${seg(plan.id)}/reviews`, { reviewedOn: v.reviewedOn.format(DATE), summary: v.summary.trim(), nextReviewOn: toDate(v.nextReviewOn) ?? null });
    void message.success(t('casework.saved'));
    onSaved();
  };

  return (
    <FormModal<ReviewValues> form={form} title={t('casework.plan.addReview')} onClose={onClose} onSubmit={submit} layout="vertical" initialValues={{ reviewedOn: dayjs(), nextReviewOn: dayjs().add(3, 'month') }}>
      <Form.Item name="reviewedOn" label={t('casework.plan.reviewedOn')} rules={[{ required: true, message: t('common.required') }]}>
        <DatePicker format={DATE} disabledDate={(d) => afterToday(d) || d.isBefore(dayjs(plan.createdAt), 'day')} style={{ width: '100%' }} inputReadOnly={mobile} />
      </Form.Item>
      <Form.Item name="summary" label={t('casework.plan.summary')} rules={[{ required: true, whitespace: true, message: t('casework.plan.summaryRequired') }]}>
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('casework.plan.summaryPlaceholder')} />
      </Form.Item>
      <Form.Item name="nextReviewOn" label={t('casework.plan.nextReviewOn')} extra={t('casework.plan.nextReviewHint')}>
        <DatePicker format={DATE} disabledDate={beforeToday} style={{ width: '100%' }} inputReadOnly={mobile} />
      </Form.Item>
    </FormModal>
  );
}
