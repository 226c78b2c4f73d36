import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { useApiError } from '../../hooks/useApiError';
import { useLeaveGuard } from '../../hooks/useLeaveGuard';
import { useT } from '../../i18n/useT';
import { eligibilityApi, eligibilityKeys } from '../eligibility/api';
import { filesApi } from '../files/api';
import { CHANNEL_UNITS, URGENCIES, referralKeys, referralsApi, type Urgency } from './api';

const LEAVE = {
  title: 'referrals.form.leaveTitle',
  content: 'referrals.form.leaveContent',
  leave: 'referrals.form.leave',
  stay: 'referrals.form.stay',
} as const;

interface Values {
  kind?: string;
  toUnit?: string;
  policyId?: string;
  reason?: string;
  urgency: Urgency;
  dueOn?: dayjs.Dayjs | null;
  attachmentIds?: string[];
}

/**
 * 转介: a child referred to a unit. The kind comes first (active kinds, not the 暖杨通道 ones);
 * the units offered are the directory's for that kind and child; a kind decided by a benefit
 * decision also asks which policy. The deadline defaults to the kind's working days.
 */
export function SendReferralModal({ childId, onClose }: { childId: string; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  // A refusal of the whole referral (a social organisation without the guardian's consent), shown above the form.
  const [refusal, setRefusal] = useState<string | null>(null);
  const { release } = useLeaveGuard(dirty, LEAVE);
  const kindCode = Form.useWatch('kind', form);
  const toUnit = Form.useWatch('toUnit', form);

  const kinds = useQuery({ queryKey: referralKeys.kinds, queryFn: referralsApi.kinds });
  const kind = kinds.data?.items.find((k) => k.code === kindCode);
  const receiverQuery = { kind: kindCode, childId };
  const receivers = useQuery({
    queryKey: referralKeys.receivers(receiverQuery),
    queryFn: () => referralsApi.receivers(receiverQuery),
    enabled: Boolean(kindCode),
  });
  const files = useQuery({ queryKey: ['referrals', 'childFiles', childId], queryFn: () => filesApi.attachments(childId) });
  const needsPolicy = kind?.completion === 'entitlement';
  const policies = useQuery({ queryKey: eligibilityKeys.policies, queryFn: eligibilityApi.policies, enabled: needsPolicy });
  const allPolicies = policies.data?.items ?? [];
  const unitPolicies = allPolicies.filter((p) => p.unit === toUnit);
  const policyOptions = (unitPolicies.length ? unitPolicies : allPolicies).map((p) => ({ value: p.id, label: p.name.zh }));

  const submit = async (v: Values) => {
    if (!v.kind || !v.toUnit) return;
    setSaving(true);
    try {
      const r = await referralsApi.create({
        childId,
        kind: v.kind,
        toUnit: v.toUnit,
        policyId: needsPolicy ? (v.policyId ?? null) : null,
        reason: v.reason?.trim() ?? '',
        urgency: v.urgency,
        dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null,
        attachmentIds: v.attachmentIds?.length ? v.attachmentIds : undefined,
      });
      release();
      void message.success(t('referrals.send.done', { unit: r.toUnitName }));
      void qc.invalidateQueries({ queryKey: referralKeys.all });
      onClose();
      void navigate(`/referrals/${encodeURIComponent(r.id)}`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT') setRefusal(err.message);
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('referrals.send.title')}
      okText={t('referrals.send.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving }}
      onOk={() => form.submit()}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        name="referralSend"
        layout="vertical"
        initialValues={{ urgency: 'normal' }}
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>) => {
          setDirty(true);
          if ('toUnit' in changed || 'kind' in changed) setRefusal(null);
          if ('kind' in changed) form.setFieldsValue({ toUnit: undefined, policyId: undefined });
          if ('toUnit' in changed) form.setFieldsValue({ policyId: undefined });
        }}
      >
        {refusal ? <Alert type="error" showIcon title={refusal} style={{ marginBottom: 16 }} data-testid="referral-refusal" /> : null}
        <Form.Item name="kind" label={t('referrals.send.kind')} rules={[{ required: true, message: t('referrals.send.kindRequired') }]}>
          <Select
            loading={kinds.isLoading}
            options={(kinds.data?.items ?? []).filter((k) => k.active && !k.channel).map((k) => ({ value: k.code, label: k.name }))}
          />
        </Form.Item>
        {kind ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: -12, fontSize: 13 }}>
            {t('referrals.send.sections', { sections: kind.sections.map((s) => t(`referrals.section.${s}`)).join('、') })}
          </Typography.Paragraph>
        ) : null}
        <Form.Item name="toUnit" label={t('referrals.send.toUnit')} rules={[{ required: true, message: t('referrals.send.toUnitRequired') }]}>
          <Select
            disabled={!kindCode}
            loading={receivers.isFetching}
            notFoundContent={kindCode && !receivers.isFetching ? t('referrals.send.noReceiver') : undefined}
            options={(receivers.data?.items ?? []).filter((r) => r.active).map((r) => ({ value: r.unitCode, label: r.unitName }))}
          />
        </Form.Item>
        {needsPolicy ? (
          <Form.Item name="policyId" label={t('referrals.send.policy')} rules={[{ required: true, message: t('referrals.send.policyRequired') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={policies.isLoading} options={policyOptions} />
          </Form.Item>
        ) : null}
        <Form.Item name="reason" label={t('referrals.send.reason')} rules={[{ required: true, whitespace: true, message: t('referrals.send.reasonRequired') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="urgency" label={t('referrals.send.urgency')}>
          <Radio.Group optionType="button" options={URGENCIES.map((u) => ({ value: u, label: t(`referrals.urgency.${u}`) }))} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('referrals.send.dueOn')} extra={t('referrals.send.dueHint')}>
          <DatePicker
            style={{ width: '100%' }}
            placeholder={kind ? t('referrals.send.dueDefault', { days: kind.defaultDays }) : t('referrals.send.dueOn')}
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
          />
        </Form.Item>
        {files.data?.items.length ? (
          <Form.Item name="attachmentIds" label={t('referrals.send.attachments')} extra={t('referrals.send.attachmentsHint')}>
            <Select mode="multiple" maxCount={10} options={files.data.items.map((f) => ({ value: f.id, label: f.filename }))} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

interface ChannelValues {
  kind: 'harm' | 'guardianship_urgent';
  toUnits: string[];
  reason?: string;
}

/**
 * 暖杨通道: suspected harm or an urgent guardianship problem reported to police, procuratorate
 * and civil affairs at once, after a confirmation; the acknowledgement deadline in hours is shown.
 */
export function ChannelModal({ childId, onClose }: { childId: string; onClose: () => void }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const qc = useQueryClient();
  const [form] = Form.useForm<ChannelValues>();
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const { release } = useLeaveGuard(dirty, LEAVE);
  const kind = Form.useWatch('kind', form) ?? 'harm';
  const receiverQuery = { kind };
  const receivers = useQuery({ queryKey: referralKeys.receivers(receiverQuery), queryFn: () => referralsApi.receivers(receiverQuery) });
  // The hours to acknowledge, as configured (the kinds list carries them for every sender).
  const kinds = useQuery({ queryKey: referralKeys.kinds, queryFn: referralsApi.kinds });
  const hours = kinds.data?.channelAckHours;
  const offered = (receivers.data?.items ?? []).filter((r) => r.active && CHANNEL_UNITS.some((u) => u === r.unitCode));
  const nameOf = (code: string) => offered.find((r) => r.unitCode === code)?.unitName ?? code;

  const send = async (v: ChannelValues) => {
    setSaving(true);
    try {
      const res = await referralsApi.channel({ childId, kind: v.kind, toUnits: v.toUnits, reason: v.reason?.trim() ?? '' });
      release();
      void message.success(t('referrals.channel.done', { n: res.ids.length }));
      void qc.invalidateQueries({ queryKey: referralKeys.all });
      onClose();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };
  const confirm = (v: ChannelValues) => {
    modal.confirm({
      title: t('referrals.channel.confirmTitle'),
      content: t('referrals.channel.confirm', { units: v.toUnits.map(nameOf).join('、') }),
      okText: t('referrals.channel.submit'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => send(v),
    });
  };

  return (
    <Modal
      open
      title={t('referrals.channel.title')}
      okText={t('referrals.channel.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, loading: saving }}
      onOk={() => form.submit()}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
    >
      <Typography.Paragraph type="danger">{hours === undefined ? null : t('referrals.channel.intro', { hours })}</Typography.Paragraph>
      <Form<ChannelValues>
        form={form}
        name="referralChannel"
        layout="vertical"
        initialValues={{ kind: 'harm', toUnits: [...CHANNEL_UNITS] }}
        onFinish={confirm}
        onValuesChange={() => setDirty(true)}
      >
        <Form.Item name="kind" label={t('referrals.channel.kind')}>
          <Radio.Group
            options={[
              { value: 'harm', label: t('referrals.channel.harm') },
              { value: 'guardianship_urgent', label: t('referrals.channel.guardianship') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="toUnits"
          label={t('referrals.channel.units')}
          rules={[{ required: true, type: 'array', min: 1, message: t('referrals.channel.unitsRequired') }]}
        >
          <Checkbox.Group options={offered.map((r) => ({ value: r.unitCode, label: r.unitName }))} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('referrals.channel.reason')}
          rules={[{ required: true, whitespace: true, message: t('referrals.channel.reasonRequired') }]}
        >
          <Input.TextArea rows={5} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
