import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { SCHOOL_STAGES } from '@common/values';
import { ASSISTANCE_KINDS } from '@common/casework';
import { ApiError } from '../../api/client';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { OUTCOME_RESULTS, referralsApi, type ReferralDetail, type ReferralStep } from './api';
import { stepBody, type StepValues as Values } from './stepBody';

/**
 * One step of a referral, confirmed in a dialog: a reason for 退回 and 撤回, the completion form for
 * 办结, a note otherwise. A stale version (someone else acted first) keeps the dialog and its input
 * open and offers to reload the referral.
 */
export function StepModal({
  referral,
  step,
  onClose,
  onDone,
  onReload,
}: {
  referral: ReferralDetail;
  step: ReferralStep;
  onClose: () => void;
  onDone: (r: ReferralDetail) => void;
  /** Fetches the referral again; false when that failed (the conflict stays, with its button). */
  onReload: () => Promise<boolean>;
}) {
  const t = useT();
  const showError = useApiError();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  /** Someone acted first: the version moved (our text), or the status did (the server's sentence). */
  const [conflict, setConflict] = useState<string | null>(null);
  const [reloading, setReloading] = useState(false);
  const stepName = t(`referrals.step.${step}`);
  const allowed = referral.can.includes(step);
  const decision = Form.useWatch('decision', form);
  const interventionResult = Form.useWatch('interventionResult', form);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const r = await referralsApi.step(referral.id, stepBody(referral, step, v));
      onDone(r);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409)
        setConflict(err.code === 'VERSION_CONFLICT' ? t('referrals.conflict') : `${err.message}${t('referrals.conflict.after')}`);
      else showError(err, form);
    } finally {
      setSaving(false);
    }
  };
  const reload = async () => {
    setReloading(true);
    try {
      if (await onReload()) setConflict(null);
      else void message.error(t('referrals.conflict.reloadFailed'));
    } finally {
      setReloading(false);
    }
  };

  const danger = step === 'decline' || step === 'withdraw';
  const completing = step === 'complete';
  return (
    <Modal
      open
      title={completing ? `${stepName} · ${t(`referrals.completion.${referral.completion}`)}` : t('referrals.step.confirm', { step: stepName })}
      okText={stepName}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger, loading: saving, disabled: conflict !== null || !allowed }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      maskClosable={false}
    >
      {conflict !== null ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={conflict}
          action={
            <Button size="small" loading={reloading} onClick={() => void reload()}>
              {t('referrals.conflict.reload')}
            </Button>
          }
        />
      ) : null}
      {!allowed && conflict === null ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('referrals.conflict.gone')} /> : null}
      {step === 'withdraw' ? <Typography.Paragraph type="secondary">{t('referrals.form.withdrawConfirm')}</Typography.Paragraph> : null}
      <Form<Values>
        form={form}
        name="referralStep"
        layout="vertical"
        onFinish={submit}
        initialValues={{
          decision: 'granted',
          fromDate: dayjs(),
          givenOn: dayjs(),
          result: 'done',
          assistanceKind: 'service',
          interventionResult: 'issued',
          decidedOn: dayjs(),
        }}
      >
        {danger ? (
          <Form.Item
            name="reason"
            label={t('referrals.form.reason')}
            rules={[{ required: true, whitespace: true, message: t('referrals.form.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        ) : null}
        {completing && referral.completion === 'entitlement' ? (
          <>
            <Form.Item name="decision" label={t('referrals.form.decision')} rules={[{ required: true, message: t('referrals.form.decisionRequired') }]}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={[
                  { value: 'granted', label: t('referrals.form.granted') },
                  { value: 'refused', label: t('referrals.form.refused') },
                ]}
              />
            </Form.Item>
            {decision === 'refused' ? (
              <Form.Item
                name="refuseReason"
                label={t('referrals.form.refuseReason')}
                rules={[{ required: true, whitespace: true, message: t('referrals.form.reasonRequired') }]}
              >
                <Input.TextArea rows={3} maxLength={500} />
              </Form.Item>
            ) : (
              <>
                <Form.Item name="fromDate" label={t('referrals.form.fromDate')} rules={[{ required: true, message: t('common.required') }]}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item name="amountYuan" label={t('referrals.form.amount')}>
                  <InputNumber min={0} precision={2} style={{ width: '100%' }} />
                </Form.Item>
              </>
            )}
          </>
        ) : null}
        {completing && referral.completion === 'school' ? (
          <>
            <Form.Item name="stage" label={t('referrals.form.stage')} rules={[{ required: true, message: t('referrals.form.stageRequired') }]}>
              <Select options={SCHOOL_STAGES.map((s) => ({ value: s, label: s }))} />
            </Form.Item>
            <Form.Item name="schoolName" label={t('referrals.form.school')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="grade" label={t('referrals.form.grade')}>
              <Input maxLength={20} />
            </Form.Item>
          </>
        ) : null}
        {completing && referral.completion === 'assistance' ? (
          <>
            <Form.Item
              name="assistanceKind"
              label={t('referrals.form.assistanceKind')}
              rules={[{ required: true, message: t('referrals.form.assistanceKindRequired') }]}
            >
              <Select options={ASSISTANCE_KINDS.map((k) => ({ value: k, label: t(`casework.assistanceKind.${k}`) }))} />
            </Form.Item>
            <Form.Item
              name="description"
              label={t('referrals.form.description')}
              rules={[{ required: true, whitespace: true, message: t('referrals.form.descriptionRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
            <Form.Item name="givenOn" label={t('referrals.form.givenOn')} rules={[{ required: true, message: t('referrals.form.givenOnRequired') }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="valueYuan" label={t('referrals.form.amount')}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </>
        ) : null}
        {completing && (referral.completion === 'problem' || referral.completion === 'response') ? (
          <>
            <Form.Item
              name="outcome"
              label={t(referral.completion === 'response' ? 'referrals.form.responseOutcome' : 'referrals.form.outcome')}
              rules={[{ required: true, whitespace: true, message: t('referrals.form.outcomeRequired') }]}
            >
              <Input.TextArea rows={4} maxLength={2000} />
            </Form.Item>
            <Form.Item name="result" label={t('referrals.form.result')}>
              <Radio.Group options={OUTCOME_RESULTS.map((r) => ({ value: r, label: t(`referrals.result.${r}`) }))} />
            </Form.Item>
          </>
        ) : null}
        {completing && referral.completion === 'intervention' ? (
          <>
            <Form.Item
              name="interventionResult"
              label={t('referrals.form.interventionResult')}
              rules={[{ required: true, message: t('referrals.form.interventionResultRequired') }]}
            >
              <Radio.Group
                options={(['issued', 'complied', 'failed'] as const).map((r) => ({ value: r, label: t(`referrals.form.interventionResult.${r}`) }))}
              />
            </Form.Item>
            <Form.Item
              name="personName"
              label={t('referrals.form.interventionPerson')}
              rules={[{ required: true, whitespace: true, message: t('referrals.form.interventionPersonRequired') }]}
            >
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="decidedOn" label={t('referrals.form.interventionDate')} rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
            {referral.kind === 'guidance_order' ? (
              <Form.Item
                name="sessionsRequired"
                label={t('referrals.form.sessionsRequired')}
                extra={t('referrals.form.sessionsRequiredHint')}
                rules={[{ required: interventionResult === 'issued', message: t('referrals.form.sessionsRequiredMissing') }]}
              >
                <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            ) : null}
            <Form.Item
              name="outcome"
              label={t('referrals.form.outcome')}
              rules={[{ required: true, whitespace: true, message: t('referrals.form.outcomeRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        ) : null}
        {completing && (referral.completion === 'entitlement' || referral.completion === 'school') ? (
          <Form.Item
            name="outcome"
            label={t('referrals.form.outcome')}
            rules={[{ required: true, whitespace: true, message: t('referrals.form.outcomeRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        ) : null}
        {!danger ? (
          <Form.Item name="note" label={t('referrals.form.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
