import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { FormModal } from '../../../components/FormModal';
import { formatDate } from '../../../components/format';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useT } from '../../../i18n/useT';
import { INTERVENTION_KINDS, INTERVENTION_KIND_DEFS, ladderApi, ladderKeys, type Intervention, type InterventionKind, type Saved } from './api';

interface NewValues {
  kind: InterventionKind;
  toUnit?: string;
  reason: string;
  personName?: string;
  decidedOn?: dayjs.Dayjs;
  sessionsRequired?: number | null;
}

const trimmed = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/**
 * 新增干预措施: the kind (pre-filled with the suggestion), the unit that takes it from the service
 * directory (劝诫: the caller's own unit), the reason, the referral's deadline shown; a 劝诫 already
 * taken may carry who and when; a guidance order may ask for its sessions.
 */
export function NewStepModal({
  childId,
  kind: initialKind,
  previousId,
  onClose,
  onSaved,
}: {
  childId: string;
  kind: InterventionKind;
  previousId: string | null;
  onClose: () => void;
  onSaved: (s: Saved) => void;
}) {
  const t = useT();
  const mobile = useIsMobile();
  const [form] = Form.useForm<NewValues>();
  const kind = Form.useWatch('kind', form) ?? initialKind;
  const toUnit = Form.useWatch('toUnit', form);
  const def = INTERVENTION_KIND_DEFS[kind];
  const units = useQuery({ queryKey: ladderKeys.units(childId, kind), queryFn: () => ladderApi.units(childId, kind) });
  const unit = units.data?.items.find((u) => u.code === toUnit);

  useEffect(() => {
    // the only unit that takes it (劝诫: one's own; 训诫: the police) is chosen for the user
    const items = units.data?.items ?? [];
    const current: unknown = form.getFieldValue('toUnit');
    if (!items.some((u) => u.code === current)) form.setFieldValue('toUnit', items.length === 1 ? items[0]?.code : undefined);
  }, [units.data, form]);

  const submit = async (v: NewValues) => {
    const saved = await ladderApi.create(childId, {
      kind: v.kind,
      toUnit: def.referralKind ? (v.toUnit ?? null) : null,
      reason: v.reason.trim(),
      personName: def.referralKind ? null : trimmed(v.personName),
      decidedOn: !def.referralKind && v.decidedOn ? v.decidedOn.format('YYYY-MM-DD') : null,
      sessionsRequired: v.kind === 'guidance_order' ? (v.sessionsRequired ?? null) : null,
      previousId,
    });
    onSaved(saved);
  };

  return (
    <FormModal<NewValues>
      form={form}
      name="ladderNewStep"
      title={t('guardianship.ladder.new.title')}
      okText={def.referralKind ? t('guardianship.ladder.new.send') : t('common.save')}
      onClose={onClose}
      onSubmit={submit}
      layout="vertical"
      width={mobile ? undefined : 560}
      initialValues={{ kind: initialKind }}
    >
      <Form.Item name="kind" label={t('guardianship.ladder.field.kind')} rules={[{ required: true, message: t('guardianship.ladder.field.kindRequired') }]}>
        <Select options={INTERVENTION_KINDS.map((k) => ({ value: k, label: t(`guardianship.ladder.kind.${k}`) }))} />
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
        {t('guardianship.ladder.field.takenBy', { who: def.takenBy })}
      </Typography.Paragraph>
      {def.referralKind ? (
        <>
          <Form.Item
            name="toUnit"
            label={t('guardianship.ladder.field.unit')}
            rules={[{ required: true, message: t('guardianship.ladder.field.unitRequired') }]}
            extra={unit && unit.defaultDays > 0 ? t('guardianship.ladder.field.due', { date: formatDate(unit.dueOn), days: unit.defaultDays }) : null}
          >
            <Select
              loading={units.isLoading}
              notFoundContent={t('guardianship.ladder.field.noUnit')}
              options={(units.data?.items ?? []).map((u) => ({ value: u.code, label: u.name }))}
            />
          </Form.Item>
          {units.data && !units.data.items.length ? (
            <Alert type="warning" showIcon title={t('guardianship.ladder.field.noUnit')} style={{ marginBottom: 12 }} />
          ) : null}
        </>
      ) : null}
      <Form.Item
        name="reason"
        label={t('guardianship.ladder.field.reason')}
        rules={[{ required: true, whitespace: true, message: t('guardianship.ladder.field.reasonRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      {!def.referralKind ? (
        <>
          <Form.Item name="personName" label={t('guardianship.ladder.field.person')} extra={t('guardianship.ladder.field.personHint')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="decidedOn" label={t('guardianship.ladder.field.decidedOn')}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </>
      ) : null}
      {kind === 'guidance_order' ? (
        <Form.Item name="sessionsRequired" label={t('guardianship.ladder.field.sessions')} extra={t('guardianship.ladder.field.sessionsHint')}>
          <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}

interface OutcomeValues {
  status: 'in_progress' | 'complied' | 'failed';
  outcomeNote: string;
  personName?: string;
  decidedOn?: dayjs.Dayjs;
  sessionsRequired?: number | null;
}

/** 记录结果: 实施中, 已履行 or 无效, what happened, who and when. */
export function OutcomeModal({ step, onClose, onSaved }: { step: Intervention; onClose: () => void; onSaved: (s: Saved) => void }) {
  const t = useT();
  const [form] = Form.useForm<OutcomeValues>();
  const submit = async (v: OutcomeValues) => {
    onSaved(
      await ladderApi.outcome(step.id, {
        version: step.version,
        status: v.status,
        outcomeNote: v.outcomeNote.trim(),
        personName: trimmed(v.personName),
        decidedOn: v.decidedOn ? v.decidedOn.format('YYYY-MM-DD') : null,
        sessionsRequired: step.kind === 'guidance_order' ? (v.sessionsRequired ?? null) : null,
      }),
    );
  };
  return (
    <FormModal<OutcomeValues>
      form={form}
      name="ladderOutcome"
      title={t('guardianship.ladder.outcome.title', { kind: t(`guardianship.ladder.kind.${step.kind}`) })}
      onClose={onClose}
      onSubmit={submit}
      layout="vertical"
      initialValues={{
        status: 'complied',
        personName: step.personName ?? undefined,
        decidedOn: step.decidedOn ? dayjs(step.decidedOn) : dayjs(),
        sessionsRequired: step.sessionsRequired,
      }}
    >
      <Form.Item
        name="status"
        label={t('guardianship.ladder.field.result')}
        rules={[{ required: true, message: t('guardianship.ladder.field.resultRequired') }]}
      >
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={(['complied', 'failed', 'in_progress'] as const).map((s) => ({ value: s, label: t(`guardianship.ladder.status.${s}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="outcomeNote"
        label={t('guardianship.ladder.field.outcome')}
        rules={[{ required: true, whitespace: true, message: t('guardianship.ladder.field.outcomeRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="personName" label={t('guardianship.ladder.field.person')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="decidedOn" label={t('guardianship.ladder.field.decidedOn')}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      {step.kind === 'guidance_order' ? (
        <Form.Item name="sessionsRequired" label={t('guardianship.ladder.field.sessions')}>
          <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}

/** 取消: with a reason, after saying that an open referral is withdrawn with it. */
export function CancelModal({ step, onClose, onSaved }: { step: Intervention; onClose: () => void; onSaved: (s: Saved) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const open = step.referral && ['sent', 'received', 'accepted', 'in_progress'].includes(step.referral.status);
  return (
    <FormModal<{ reason: string }>
      form={form}
      name="ladderCancel"
      title={t('guardianship.ladder.cancel.title', { kind: t(`guardianship.ladder.kind.${step.kind}`) })}
      okText={t('guardianship.ladder.cancel.ok')}
      onClose={onClose}
      onSubmit={async (v) => onSaved(await ladderApi.cancel(step.id, step.version, v.reason.trim()))}
      layout="vertical"
      intro={
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t(open ? 'guardianship.ladder.cancel.withReferral' : 'guardianship.ladder.cancel.confirm')}
        />
      }
    >
      <Form.Item
        name="reason"
        label={t('guardianship.ladder.field.cancelReason')}
        rules={[{ required: true, whitespace: true, message: t('guardianship.ladder.field.cancelReasonRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}

/** 重新发送 a step whose referral came back, perhaps to another unit. */
export function ResendModal({ childId, step, onClose, onSaved }: { childId: string; step: Intervention; onClose: () => void; onSaved: (s: Saved) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ toUnit: string }>();
  const units = useQuery({ queryKey: ladderKeys.units(childId, step.kind), queryFn: () => ladderApi.units(childId, step.kind) });
  return (
    <FormModal<{ toUnit: string }>
      form={form}
      name="ladderResend"
      title={t('guardianship.ladder.resend.title', { kind: t(`guardianship.ladder.kind.${step.kind}`) })}
      okText={t('guardianship.ladder.new.send')}
      onClose={onClose}
      onSubmit={async (v) => onSaved(await ladderApi.resend(step.id, step.version, v.toUnit))}
      layout="vertical"
      initialValues={{ toUnit: step.unitCode ?? undefined }}
    >
      <Form.Item name="toUnit" label={t('guardianship.ladder.field.unit')} rules={[{ required: true, message: t('guardianship.ladder.field.unitRequired') }]}>
        <Select loading={units.isLoading} options={(units.data?.items ?? []).map((u) => ({ value: u.code, label: u.name }))} />
      </Form.Item>
    </FormModal>
  );
}
