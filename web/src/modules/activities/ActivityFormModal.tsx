import { useEffect, useMemo } from 'react';
import { Alert, App, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormModal } from '../../components/FormModal';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import {
  ACTIVITY_KINDS,
  DEFAULT_PLAN_TASKS,
  ORGANISER_KINDS,
  activitiesApi,
  activityKeys,
  type ActivityCreate,
  type ActivityDetail,
  type ActivityKind,
  type OrganiserKind,
} from './api';
import { useKindName, useOrganiserKindName } from './labels';

interface Values {
  title: string;
  kind: ActivityKind;
  organiserKind: OrganiserKind;
  organiser?: string;
  heldOn: Dayjs;
  endsOn?: Dayjs | null;
  place?: string;
  status: 'planned' | 'done';
  childrenCount?: number;
  guardiansCount?: number;
  guardiansContacted?: boolean;
  description?: string;
  planTasks: number[];
}

/** What the form starts with when opened from a compliance list ("记录活动" on an overdue row). */
export interface ActivityPrefill {
  kind?: ActivityKind;
  organiserKind?: OrganiserKind;
  organiser?: string;
  title?: string;
  guardiansContacted?: boolean;
}

const TASKS = Array.from({ length: 41 }, (_, i) => i + 1);

/** Records a new activity, or edits one: organiser within the caller's remit, dates, counts, plan tasks. */
export function ActivityFormModal({
  activity,
  prefill,
  onClose,
  onSaved,
}: {
  activity?: ActivityDetail;
  prefill?: ActivityPrefill;
  onClose: () => void;
  onSaved?: (a: ActivityDetail) => void;
}) {
  const t = useT();
  const mobile = useIsMobile();
  const kindName = useKindName();
  const orgKindName = useOrganiserKindName();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const organiserKind = Form.useWatch('organiserKind', form);
  const heldOn = Form.useWatch('heldOn', form);
  const organisers = useQuery({
    queryKey: activityKeys.organisers(organiserKind),
    queryFn: () => activitiesApi.organisers(organiserKind),
    enabled: !!organiserKind,
  });
  const options = useMemo(
    () =>
      (organisers.data?.items ?? [])
        .filter((o) => o.writable || o.key === form.getFieldValue('organiser'))
        .map((o) => ({ value: o.key, label: o.streetName && o.kind !== 'station' ? `${o.name}（${o.streetName}）` : o.name })),
    [organisers.data, form],
  );

  const initial: Partial<Values> = activity
    ? {
        title: activity.title,
        kind: activity.kind,
        organiserKind: activity.organiserKind,
        organiser: activity.committeeId ?? activity.siteId ?? (activity.organiserKind === 'station' ? (activity.streetCode ?? undefined) : activity.unitCode),
        heldOn: dayjs(activity.heldOn),
        endsOn: activity.endsOn ? dayjs(activity.endsOn) : null,
        place: activity.place ?? undefined,
        status: activity.status === 'done' ? 'done' : 'planned',
        childrenCount: activity.childrenCount,
        guardiansCount: activity.guardiansCount,
        guardiansContacted: activity.guardiansContacted,
        description: activity.description ?? undefined,
        planTasks: activity.planTasks,
      }
    : {
        title: prefill?.title ?? '',
        kind: prefill?.kind ?? 'lecture',
        organiserKind: prefill?.organiserKind ?? 'station',
        organiser: prefill?.organiser,
        heldOn: dayjs(),
        status: 'done',
        childrenCount: 0,
        guardiansCount: 0,
        guardiansContacted: prefill?.guardiansContacted ?? false,
        planTasks: DEFAULT_PLAN_TASKS[prefill?.kind ?? 'lecture'],
      };

  // a single writable organiser (a street's own station) is chosen for the user
  useEffect(() => {
    if (!form.getFieldValue('organiser') && options.length === 1) form.setFieldValue('organiser', options[0]?.value);
  }, [options, form]);

  const future = heldOn ? heldOn.format('YYYY-MM-DD') > dayjs().format('YYYY-MM-DD') : false;

  const submit = async (v: Values) => {
    const body: ActivityCreate = {
      title: v.title,
      kind: v.kind,
      organiserKind: v.organiserKind,
      committeeId: v.organiserKind === 'committee' ? v.organiser : null,
      streetCode: v.organiserKind === 'station' ? v.organiser : null,
      siteId: v.organiserKind === 'school' ? v.organiser : null,
      unitCode: v.organiserKind === 'department' ? v.organiser : null,
      heldOn: v.heldOn.format('YYYY-MM-DD'),
      endsOn: v.endsOn ? v.endsOn.format('YYYY-MM-DD') : null,
      place: v.place || null,
      status: v.status,
      childrenCount: v.childrenCount ?? 0,
      guardiansCount: v.guardiansCount ?? 0,
      guardiansContacted: v.guardiansContacted ?? false,
      description: v.description || null,
      planTasks: v.planTasks,
    };
    const saved = activity ? await activitiesApi.update(activity.id, { ...body, version: activity.version }) : await activitiesApi.create(body);
    void message.success(t('activities.saved'));
    await qc.invalidateQueries({ queryKey: activityKeys.all });
    onSaved?.(saved);
    onClose();
  };

  return (
    <FormModal<Values>
      form={form}
      title={activity ? t('activities.edit') : t('activities.new')}
      onClose={onClose}
      onSubmit={submit}
      width={640}
      initialValues={initial}
      layout={mobile ? 'vertical' : 'horizontal'}
      labelCol={mobile ? undefined : { span: 7 }}
      onValuesChange={(changed: Partial<Values>) => {
        if (changed.kind) form.setFieldValue('planTasks', DEFAULT_PLAN_TASKS[changed.kind]);
        if (changed.organiserKind) form.setFieldValue('organiser', undefined);
      }}
    >
      <Form.Item
        name="title"
        label={t('activities.field.title')}
        rules={[{ required: true, whitespace: true, message: t('activities.field.required', { label: t('activities.field.title') }) }]}
      >
        <Input maxLength={80} />
      </Form.Item>
      <Form.Item name="kind" label={t('activities.field.kind')} rules={[{ required: true }]}>
        <Select data-testid="activity-kind" options={ACTIVITY_KINDS.map((k) => ({ value: k, label: kindName(k) }))} />
      </Form.Item>
      <Form.Item name="organiserKind" label={t('activities.field.organiserKind')} rules={[{ required: true }]}>
        <Select data-testid="activity-organiser-kind" options={ORGANISER_KINDS.map((k) => ({ value: k, label: orgKindName(k) }))} />
      </Form.Item>
      <Form.Item
        name="organiser"
        label={t('activities.field.organiser')}
        rules={[{ required: true, message: t('activities.field.required', { label: t('activities.field.organiser') }) }]}
      >
        <Select data-testid="activity-organiser" showSearch={{ optionFilterProp: 'label' }} loading={organisers.isLoading} options={options} />
      </Form.Item>
      <Form.Item
        name="heldOn"
        label={t('activities.field.heldOn')}
        rules={[{ required: true, message: t('activities.field.required', { label: t('activities.field.heldOn') }) }]}
      >
        <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="endsOn" label={t('activities.field.endsOn')}>
        <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="status" label={t('activities.field.status')}>
        <Radio.Group>
          <Radio value="done" disabled={future}>
            {t('activities.status.done')}
          </Radio>
          <Radio value="planned">{t('activities.status.planned')}</Radio>
        </Radio.Group>
      </Form.Item>
      {future ? <Alert type="info" showIcon title={t('activities.hint.done')} style={{ marginBottom: 16 }} /> : null}
      <Form.Item name="place" label={t('activities.field.place')}>
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item name="childrenCount" label={t('activities.field.childrenCount')}>
        <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="guardiansCount" label={t('activities.field.guardiansCount')}>
        <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="guardiansContacted" valuePropName="checked" wrapperCol={mobile ? undefined : { offset: 7 }}>
        <Checkbox>{t('activities.field.guardiansContacted')}</Checkbox>
      </Form.Item>
      <Form.Item name="planTasks" label={t('activities.field.planTasks')}>
        <Select mode="multiple" options={TASKS.map((n) => ({ value: n, label: t('activities.planTask', { n }) }))} />
      </Form.Item>
      <Form.Item name="description" label={t('activities.field.description')}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
    </FormModal>
  );
}
