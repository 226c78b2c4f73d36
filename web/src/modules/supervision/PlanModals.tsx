/** 任务分工 (plan.manage): a new plan (copying a plan's actions and tasks), and a plan's settings. */
import { App, Flex, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n/useT';
import { CADENCES, planApi, type Cadence, type PlanSummary } from './api';
import { useLocal } from './shared';

interface PlanValues {
  id: string;
  name: string;
  nameEn?: string;
  periodFrom: number;
  periodTo: number;
  cadence: Cadence;
  dueDays: number;
  source?: string;
  copyFrom?: string | null;
}

/** 新建方案: a new plan, optionally with the actions and tasks of another (targets and reports are not copied). */
export function PlanCreateModal({
  plans,
  current,
  onClose,
  onCreated,
}: {
  plans: PlanSummary[];
  current: PlanSummary | null;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const t = useT();
  const local = useLocal();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanValues>();
  const from = current ? current.periodTo + 1 : new Date().getFullYear();
  const submit = async (v: PlanValues) => {
    const created = await planApi.createPlan({
      id: v.id.trim(),
      name: v.name,
      nameEn: v.nameEn ?? '',
      periodFrom: v.periodFrom,
      periodTo: v.periodTo,
      cadence: v.cadence,
      dueDays: v.dueDays,
      source: v.source ?? '',
      copyFrom: v.copyFrom ?? null,
    });
    void message.success(t('supervision.plan.created', { name: created.name, n: created.taskCount }));
    onCreated(created.id);
  };
  return (
    <FormModal<PlanValues>
      form={form}
      width={640}
      title={t('supervision.plan.create')}
      okText={t('supervision.plan.createOk')}
      onClose={onClose}
      onSubmit={submit}
      layout="vertical"
      requiredMark
      initialValues={{ periodFrom: from, periodTo: from + 2, cadence: 'quarter', dueDays: 10, copyFrom: current?.id ?? null, id: `yangpu-${from}-${from + 2}` }}
    >
      <Form.Item
        name="name"
        label={t('supervision.plan.name')}
        rules={[
          { required: true, whitespace: true, message: t('supervision.plan.nameRequired') },
          { min: 4, message: t('supervision.plan.nameRequired') },
        ]}
      >
        <Input maxLength={120} placeholder={t('supervision.plan.namePlaceholder')} />
      </Form.Item>
      <Form.Item name="nameEn" label={t('supervision.plan.nameEn')}>
        <Input maxLength={200} />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item
          name="id"
          label={t('supervision.plan.id')}
          extra={t('supervision.plan.idHint')}
          style={{ flex: 2, minWidth: 200 }}
          rules={[{ required: true, pattern: /^[a-z0-9-]{3,40}$/, message: t('supervision.plan.idInvalid') }]}
        >
          <Input maxLength={40} className="mono" />
        </Form.Item>
        <Form.Item
          name="periodFrom"
          label={t('supervision.plan.from')}
          style={{ flex: 1 }}
          rules={[{ required: true, message: t('supervision.plan.yearRequired') }]}
        >
          <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="periodTo"
          label={t('supervision.plan.to')}
          style={{ flex: 1 }}
          dependencies={['periodFrom']}
          rules={[
            { required: true, message: t('supervision.plan.yearRequired') },
            ({ getFieldValue }) => ({
              validator: (_, v: number) =>
                v >= (getFieldValue('periodFrom') as number) ? Promise.resolve() : Promise.reject(new Error(t('supervision.plan.toBeforeFrom'))),
            }),
          ]}
        >
          <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item name="cadence" label={t('supervision.plan.cadence')} style={{ flex: 1, minWidth: 160 }}>
          <Select options={CADENCES.map((c) => ({ value: c, label: t(`supervision.cadence.${c}`) }))} />
        </Form.Item>
        <Form.Item
          name="dueDays"
          label={t('supervision.plan.dueDays')}
          extra={t('supervision.plan.dueDaysHint')}
          style={{ flex: 1, minWidth: 160 }}
          rules={[{ required: true, type: 'number', min: 0, max: 90, message: t('supervision.plan.dueDaysRange') }]}
        >
          <InputNumber min={0} max={90} precision={0} style={{ width: '100%' }} suffix={t('supervision.unit.daysShort')} />
        </Form.Item>
      </Flex>
      <Form.Item name="copyFrom" label={t('supervision.plan.copyFrom')} extra={t('supervision.plan.copyHint')}>
        <Select
          allowClear
          placeholder={t('supervision.plan.copyNone')}
          options={plans.map((p) => ({ value: p.id, label: t('supervision.plan.copyOption', { name: local.name(p), n: p.taskCount }) }))}
        />
      </Form.Item>
      <Form.Item name="source" label={t('supervision.plan.source')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} placeholder={t('supervision.plan.sourcePlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}

interface SettingsValues {
  name: string;
  nameEn: string;
  cadence: Cadence;
  dueDays: number;
  active: boolean;
}

export function PlanSettingsModal({ plan, onClose, onSaved }: { plan: PlanSummary; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsValues>();
  const submit = async (v: SettingsValues) => {
    await planApi.updatePlan(plan.id, { ...v, nameEn: v.nameEn ?? '' });
    void message.success(t('common.saved'));
    onSaved();
  };
  return (
    <FormModal<SettingsValues>
      form={form}
      width={600}
      title={t('supervision.plan.settings')}
      onClose={onClose}
      onSubmit={submit}
      layout="vertical"
      requiredMark
      initialValues={{ name: plan.name, nameEn: plan.nameEn, cadence: plan.cadence, dueDays: plan.dueDays, active: plan.active }}
    >
      <Form.Item
        name="name"
        label={t('supervision.plan.name')}
        rules={[{ required: true, whitespace: true, min: 4, message: t('supervision.plan.nameRequired') }]}
      >
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item name="nameEn" label={t('supervision.plan.nameEn')}>
        <Input maxLength={200} />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="cadence" label={t('supervision.plan.cadence')} style={{ flex: 1, minWidth: 160 }} extra={t('supervision.plan.cadenceHint')}>
          <Select options={CADENCES.map((c) => ({ value: c, label: t(`supervision.cadence.${c}`) }))} />
        </Form.Item>
        <Form.Item
          name="dueDays"
          label={t('supervision.plan.dueDays')}
          style={{ flex: 1, minWidth: 160 }}
          rules={[{ required: true, type: 'number', min: 0, max: 90, message: t('supervision.plan.dueDaysRange') }]}
        >
          <InputNumber min={0} max={90} precision={0} style={{ width: '100%' }} suffix={t('supervision.unit.daysShort')} />
        </Form.Item>
      </Flex>
      <Form.Item name="active" label={t('supervision.plan.active')} valuePropName="checked" extra={t('supervision.plan.activeHint')}>
        <Switch />
      </Form.Item>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('supervision.plan.periodFixed', { from: plan.periodFrom, to: plan.periodTo })}
      </Typography.Text>
    </FormModal>
  );
}
