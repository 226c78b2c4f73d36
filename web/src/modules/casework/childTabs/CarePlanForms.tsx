import { useState } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, Typography } from 'antd';
import dayjs from 'dayjs';
import type { CarePlan } from '@common/casework';
import { FormModal } from '../../../components/FormModal';
import { useApiError } from '../../../hooks/useApiError';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useT } from '../../../i18n/useT';
import { caseworkApi } from '../api';
import { afterToday, beforeToday, DATE, toDate } from '../shared';

interface PlanValues {
  goals: string;
  measures: string;
  responsible: string;
  reviewOn: dayjs.Dayjs;
}

/** Makes a help plan (a draft can be proposed from the child's file) or edits the plan in force. */
export function PlanFormModal({ childId, plan, onClose, onSaved }: { childId: string; plan: CarePlan | null; onClose: () => void; onSaved: () => void }) {
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
      const p = await caseworkApi.proposeCarePlan(childId);
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
    if (plan) await caseworkApi.updateCarePlan(plan.id, { ...body, version: plan.version });
    else await caseworkApi.createCarePlan({ ...body, childId });
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
      initialValues={
        plan
          ? { goals: plan.goals, measures: plan.measures, responsible: plan.responsible, reviewOn: dayjs(plan.reviewOn) }
          : { reviewOn: dayjs().add(3, 'month') }
      }
    >
      {!plan && (
        <Flex vertical gap={4} style={{ marginBottom: 12 }}>
          <Button onClick={() => void propose()} loading={proposing}>
            {t('casework.plan.propose')}
          </Button>
          {basis && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('casework.plan.proposalBasis', { basis: basis.join('；') || '—' })}
            </Typography.Text>
          )}
        </Flex>
      )}
      <Form.Item name="goals" label={t('casework.plan.goals')} rules={[{ required: true, whitespace: true, message: t('casework.plan.goalsRequired') }]}>
        <Input.TextArea rows={2} maxLength={2000} placeholder={t('casework.plan.goalsPlaceholder')} />
      </Form.Item>
      <Form.Item
        name="measures"
        label={t('casework.plan.measures')}
        rules={[{ required: true, whitespace: true, message: t('casework.plan.measuresRequired') }]}
      >
        <Input.TextArea rows={4} maxLength={4000} placeholder={t('casework.plan.measuresPlaceholder')} />
      </Form.Item>
      <Form.Item
        name="responsible"
        label={t('casework.plan.responsible')}
        rules={[{ required: true, whitespace: true, message: t('casework.plan.responsibleRequired') }]}
      >
        <Input maxLength={200} placeholder={t('casework.plan.responsiblePlaceholder')} />
      </Form.Item>
      <Form.Item name="reviewOn" label={t('casework.plan.reviewOn')} rules={[{ required: true, message: t('common.required') }]}>
        <DatePicker format={DATE} disabledDate={beforeToday} style={{ width: '100%' }} inputReadOnly={mobile} />
      </Form.Item>
    </FormModal>
  );
}

interface ReviewValues {
  reviewedOn: dayjs.Dayjs;
  summary: string;
  nextReviewOn?: dayjs.Dayjs;
}

/** Records a review of the plan; its next review date becomes the plan's. */
export function ReviewFormModal({ plan, onClose, onSaved }: { plan: CarePlan; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReviewValues>();

  const submit = async (v: ReviewValues) => {
    await caseworkApi.reviewCarePlan(plan.id, {
      reviewedOn: v.reviewedOn.format(DATE),
      summary: v.summary.trim(),
      nextReviewOn: toDate(v.nextReviewOn) ?? null,
    });
    void message.success(t('casework.saved'));
    onSaved();
  };

  return (
    <FormModal<ReviewValues>
      form={form}
      title={t('casework.plan.addReview')}
      onClose={onClose}
      onSubmit={submit}
      layout="vertical"
      initialValues={{ reviewedOn: dayjs(), nextReviewOn: dayjs().add(3, 'month') }}
    >
      <Form.Item name="reviewedOn" label={t('casework.plan.reviewedOn')} rules={[{ required: true, message: t('common.required') }]}>
        <DatePicker
          format={DATE}
          disabledDate={(d) => afterToday(d) || d.isBefore(dayjs(plan.createdAt), 'day')}
          style={{ width: '100%' }}
          inputReadOnly={mobile}
        />
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
