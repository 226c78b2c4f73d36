/** The plan.manage forms of 任务分工: a task (drawer), its yearly targets, a new plan, plan settings. */
import { useMemo, useState } from 'react';
import { App, Button, Drawer, Empty, Flex, Form, Input, InputNumber, Modal, Popconfirm, Select, Switch, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { useApiError } from '../../hooks/useApiError';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { CADENCES, planApi, type Cadence, type PlanSummary, type PlanTarget, type PlanTask, type PlanTasks } from './api';
import { actionPrefix, dropCache, useIndicatorDefs, useLocal, useUnitList } from './shared';

interface TaskValues { summary: string; text: string; action: number; units: string[]; leadUnit: string }

/** Edit a task or add one: summary, text, action, units and the lead unit among them. A stale version (409) asks to reload. */
export function TaskDrawer({ task, plan, onClose, onSaved, onReload }: {
  task: PlanTask | null; plan: PlanTasks; onClose: () => void; onSaved: () => void; onReload: () => void;
}) {
  const t = useT();
  const local = useLocal();
  const mobile = useIsMobile();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<TaskValues>();
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const units = useUnitList();
  const chosen = Form.useWatch('units', form) ?? [];
  const unitName = useMemo(() => new Map((units.data?.items ?? []).map((u) => [u.code, local.name(u)])), [units.data, local]);
  // Units already on the task stay choosable even if the unit was since deactivated.
  const unitOptions = useMemo(() => {
    const active = (units.data?.items ?? []).filter((u) => u.active || task?.units.some((x) => x.code === u.code));
    return active.map((u) => ({ value: u.code, label: local.name(u) }));
  }, [units.data, task, local]);

  const initialValues: Partial<TaskValues> = task
    ? { summary: task.summary, text: task.text, action: task.action, units: task.units.map((u) => u.code), leadUnit: task.leadUnit }
    : { units: [] };

  const submit = async (v: TaskValues) => {
    setSaving(true);
    try {
      const body = { summary: v.summary, text: v.text, action: v.action, units: v.units, leadUnit: v.leadUnit };
      if (task) await planApi.updateTask(task.id, { ...body, version: task.version });
      else await planApi.createTask(plan.plan.id, body);
      void message.success(task ? t('supervision.tasks.saved', { no: task.no }) : t('supervision.tasks.created'));
      dropCache();
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        modal.confirm({
          title: t('supervision.conflict.title'),
          content: <><p>{err.message}</p><Typography.Text type="secondary">{t('supervision.conflict.taskHint')}</Typography.Text></>,
          okText: t('supervision.conflict.reload'),
          cancelText: t('common.cancel'),
          onOk: onReload,
        });
      } else {
        showError(err, form);
      }
    } finally {
      setSaving(false);
    }
  };

  const close = () => {
    if (!dirty) return onClose();
    modal.confirm({ title: t('supervision.leave.title'), content: t('supervision.leave.formContent'), okText: t('supervision.leave.leave'), okButtonProps: { danger: true }, cancelText: t('supervision.leave.stay'), onOk: onClose });
  };

  return (
    <Drawer
      open
      size={mobile ? '100%' : 640}
      title={task ? t('supervision.tasks.editTitle', { no: task.no }) : t('supervision.tasks.addTitle')}
      onClose={close}
      destroyOnHidden
      extra={
        <Flex gap={8}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>{t('common.save')}</Button>
        </Flex>
      }
    >
      <Form<TaskValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        onValuesChange={(changed: Partial<TaskValues>) => {
          setDirty(true);
          // The lead unit must be one of the units: drop it when it is removed, take the only one.
          if (changed.units) {
            const lead = form.getFieldValue('leadUnit') as string | undefined;
            if (lead && !changed.units.includes(lead)) form.setFieldValue('leadUnit', undefined);
            if (changed.units.length === 1) form.setFieldValue('leadUnit', changed.units[0]);
          }
        }}
        requiredMark
        disabled={saving}
      >
        <Form.Item name="summary" label={t('supervision.task.summary')} extra={t('supervision.task.summaryHint')} rules={[{ required: true, whitespace: true, message: t('supervision.task.summaryRequired') }, { min: 2, max: 40, message: t('supervision.task.summaryLength') }]}>
          <Input maxLength={40} showCount />
        </Form.Item>
        <Form.Item name="text" label={t('supervision.task.text')} rules={[{ required: true, whitespace: true, message: t('supervision.task.textRequired') }, { min: 4, message: t('supervision.task.textRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="action" label={t('supervision.task.action')} rules={[{ required: true, message: t('supervision.task.actionRequired') }]}>
          <Select options={plan.actions.map((a) => ({ value: a.no, label: `${actionPrefix(a.no, local.en)}${local.name(a)}` }))} />
        </Form.Item>
        <Form.Item name="units" label={t('supervision.task.units')} extra={t('supervision.task.unitsHint')} rules={[{ required: true, type: 'array', min: 1, message: t('supervision.task.unitsRequired') }]}>
          <Select mode="multiple" loading={units.loading} showSearch={{ optionFilterProp: 'label' }} options={unitOptions} placeholder={t('supervision.task.unitsPlaceholder')} />
        </Form.Item>
        <Form.Item name="leadUnit" label={t('supervision.task.leadUnit')} rules={[{ required: true, message: t('supervision.task.leadRequired') }]}>
          <Select
            disabled={!chosen.length}
            placeholder={chosen.length ? t('supervision.task.leadPlaceholder') : t('supervision.task.leadPickUnits')}
            options={chosen.map((c) => ({ value: c, label: unitName.get(c) ?? c }))}
          />
        </Form.Item>
        {task ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('supervision.task.targetsElsewhere')}</Typography.Text> : null}
      </Form>
    </Drawer>
  );
}

interface TargetValues { year: number; unitCode: string; text: string; indicator?: string | null; targetValue?: number | null }
const WHOLE = '__whole__';

/** A task's yearly targets: a table with edit/delete, and a form to add or change one. */
export function TargetsDrawer({ task, plan, onClose, onChanged }: { task: PlanTask; plan: PlanSummary; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const local = useLocal();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const showError = useApiError();
  const defs = useIndicatorDefs();
  const [editing, setEditing] = useState<PlanTarget | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<TargetValues>();
  const indicator = Form.useWatch('indicator', form);
  const thisYear = new Date().getFullYear();
  const defaultYear = Math.min(Math.max(thisYear, plan.periodFrom), plan.periodTo);
  const defName = (code: string | null) => (code ? local.name(defs.data?.items.find((d) => d.code === code)) || code : '—');
  const chosenDef = defs.data?.items.find((d) => d.code === indicator);

  const open = (x: PlanTarget | 'new') => {
    setEditing(x);
    form.setFieldsValue(x === 'new'
      ? { year: defaultYear, unitCode: WHOLE, text: '', indicator: null, targetValue: null }
      : { year: x.year, unitCode: x.unitCode ?? WHOLE, text: x.text, indicator: x.indicator, targetValue: x.targetValue });
  };

  const save = async (v: TargetValues) => {
    if (!editing) return;
    setSaving(true);
    try {
      const body = { year: v.year, unitCode: v.unitCode === WHOLE ? null : v.unitCode, text: v.text, indicator: v.indicator ?? null, targetValue: v.indicator ? v.targetValue ?? null : null };
      if (editing === 'new') await planApi.addTarget(task.id, body);
      else await planApi.updateTarget(editing.id, body);
      void message.success(t('supervision.targets.saved'));
      setEditing(null);
      onChanged();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  const remove = async (x: PlanTarget) => {
    try {
      await planApi.removeTarget(x.id);
      void message.success(t('supervision.targets.deleted'));
      onChanged();
    } catch (err) {
      showError(err);
    }
  };

  const sorted = [...task.targets].sort((a, b) => a.year - b.year || (a.unitName ?? '').localeCompare(b.unitName ?? ''));
  return (
    <Drawer open size={mobile ? '100%' : 760} title={t('supervision.targets.title', { no: task.no, summary: task.summary })} onClose={onClose} destroyOnHidden
      extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>{t('supervision.targets.add')}</Button>}
    >
      <Table<PlanTarget>
        rowKey="id"
        size="small"
        dataSource={sorted}
        pagination={false}
        scroll={{ x: 600 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervision.targets.none')} /> }}
        columns={[
          { title: t('supervision.target.year'), dataIndex: 'year', width: 70 },
          { title: t('supervision.target.unit'), dataIndex: 'unitName', width: 120, render: (v: string | null) => v ?? <Tag>{t('supervision.target.whole')}</Tag> },
          { title: t('supervision.target.text'), dataIndex: 'text' },
          { title: t('supervision.target.indicatorCol'), key: 'ind', width: 170, render: (_, x) => (x.indicator ? `${defName(x.indicator)}${x.targetValue !== null ? ` · ${x.targetValue}${defs.data?.items.find((d) => d.code === x.indicator)?.unit === 'percent' ? '%' : ''}` : ''}` : '—') },
          {
            title: t('common.actions'), key: 'a', width: 130, render: (_, x) => (
              <Flex gap={4}>
                <Button size="small" type="link" icon={<EditOutlined />} onClick={() => open(x)}>{t('common.edit')}</Button>
                <Popconfirm title={t('supervision.targets.confirmDelete', { year: x.year })} okText={t('common.delete')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => remove(x)}>
                  <Button size="small" type="link" danger icon={<DeleteOutlined />}>{t('common.delete')}</Button>
                </Popconfirm>
              </Flex>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('supervision.targets.add') : t('supervision.targets.edit')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        forceRender
      >
        <Form<TargetValues> form={form} layout="vertical" onFinish={save} requiredMark>
          <Flex gap={12}>
            <Form.Item name="year" label={t('supervision.target.year')} rules={[{ required: true, message: t('supervision.target.yearRequired') }]} style={{ flex: 1 }}>
              <InputNumber min={plan.periodFrom} max={plan.periodTo} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="unitCode" label={t('supervision.target.unit')} style={{ flex: 2 }}>
              <Select options={[{ value: WHOLE, label: t('supervision.target.whole') }, ...task.units.map((u) => ({ value: u.code, label: u.name }))]} />
            </Form.Item>
          </Flex>
          <Form.Item name="text" label={t('supervision.target.text')} rules={[{ required: true, whitespace: true, message: t('supervision.target.textRequired') }, { min: 2, message: t('supervision.target.textRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} showCount />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item name="indicator" label={t('supervision.target.indicator')} style={{ flex: 2 }} extra={chosenDef ? local.definition(chosenDef) : t('supervision.target.indicatorHint')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={defs.loading} options={(defs.data?.items ?? []).map((d) => ({ value: d.code, label: local.name(d) }))} placeholder={t('supervision.target.indicatorPlaceholder')} />
            </Form.Item>
            <Form.Item name="targetValue" label={t('supervision.target.valueLabel')} style={{ flex: 1 }} rules={indicator ? [{ required: true, message: t('supervision.target.valueRequired') }] : []}>
              <InputNumber disabled={!indicator} style={{ width: '100%' }} suffix={chosenDef?.unit === 'percent' ? '%' : chosenDef?.unit === 'days' ? t('supervision.unit.daysShort') : undefined} />
            </Form.Item>
          </Flex>
        </Form>
      </Modal>
    </Drawer>
  );
}

interface PlanValues { id: string; name: string; nameEn?: string; periodFrom: number; periodTo: number; cadence: Cadence; dueDays: number; source?: string; copyFrom?: string | null }

/** 新建方案: a new plan, optionally with the actions and tasks of another (targets and reports are not copied). */
export function PlanCreateModal({ plans, current, onClose, onCreated }: { plans: PlanSummary[]; current: PlanSummary | null; onClose: () => void; onCreated: (id: string) => void }) {
  const t = useT();
  const local = useLocal();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanValues>();
  const from = current ? current.periodTo + 1 : new Date().getFullYear();
  const submit = async (v: PlanValues) => {
    const created = await planApi.createPlan({
      id: v.id.trim(), name: v.name, nameEn: v.nameEn ?? '', periodFrom: v.periodFrom, periodTo: v.periodTo, cadence: v.cadence, dueDays: v.dueDays,
      source: v.source ?? '', copyFrom: v.copyFrom ?? null,
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
        <Form.Item name="name" label={t('supervision.plan.name')} rules={[{ required: true, whitespace: true, message: t('supervision.plan.nameRequired') }, { min: 4, message: t('supervision.plan.nameRequired') }]}>
          <Input maxLength={120} placeholder={t('supervision.plan.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('supervision.plan.nameEn')}>
          <Input maxLength={200} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="id" label={t('supervision.plan.id')} extra={t('supervision.plan.idHint')} style={{ flex: 2, minWidth: 200 }} rules={[{ required: true, pattern: /^[a-z0-9-]{3,40}$/, message: t('supervision.plan.idInvalid') }]}>
            <Input maxLength={40} className="mono" />
          </Form.Item>
          <Form.Item name="periodFrom" label={t('supervision.plan.from')} style={{ flex: 1 }} rules={[{ required: true, message: t('supervision.plan.yearRequired') }]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="periodTo"
            label={t('supervision.plan.to')}
            style={{ flex: 1 }}
            dependencies={['periodFrom']}
            rules={[
              { required: true, message: t('supervision.plan.yearRequired') },
              ({ getFieldValue }) => ({ validator: (_, v: number) => (v >= (getFieldValue('periodFrom') as number) ? Promise.resolve() : Promise.reject(new Error(t('supervision.plan.toBeforeFrom')))) }),
            ]}
          >
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="cadence" label={t('supervision.plan.cadence')} style={{ flex: 1, minWidth: 160 }}>
            <Select options={CADENCES.map((c) => ({ value: c, label: t(`supervision.cadence.${c}`) }))} />
          </Form.Item>
          <Form.Item name="dueDays" label={t('supervision.plan.dueDays')} extra={t('supervision.plan.dueDaysHint')} style={{ flex: 1, minWidth: 160 }} rules={[{ required: true, type: 'number', min: 0, max: 90, message: t('supervision.plan.dueDaysRange') }]}>
            <InputNumber min={0} max={90} precision={0} style={{ width: '100%' }} suffix={t('supervision.unit.daysShort')} />
          </Form.Item>
        </Flex>
        <Form.Item name="copyFrom" label={t('supervision.plan.copyFrom')} extra={t('supervision.plan.copyHint')}>
          <Select allowClear placeholder={t('supervision.plan.copyNone')} options={plans.map((p) => ({ value: p.id, label: t('supervision.plan.copyOption', { name: local.name(p), n: p.taskCount }) }))} />
        </Form.Item>
        <Form.Item name="source" label={t('supervision.plan.source')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} placeholder={t('supervision.plan.sourcePlaceholder')} />
        </Form.Item>
    </FormModal>
  );
}

interface SettingsValues { name: string; nameEn: string; cadence: Cadence; dueDays: number; active: boolean }

export function PlanSettingsModal({ plan, onClose, onSaved }: { plan: PlanSummary; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsValues>();
  const submit = async (v: SettingsValues) => {
    await planApi.updatePlan(plan.id, { ...v, nameEn: v.nameEn ?? '' });
    void message.success(t('common.saved'));
    dropCache();
    onSaved();
  };
  return (
    <FormModal<SettingsValues> form={form} width={600} title={t('supervision.plan.settings')} onClose={onClose} onSubmit={submit} layout="vertical" requiredMark
      initialValues={{ name: plan.name, nameEn: plan.nameEn, cadence: plan.cadence, dueDays: plan.dueDays, active: plan.active }}>
        <Form.Item name="name" label={t('supervision.plan.name')} rules={[{ required: true, whitespace: true, min: 4, message: t('supervision.plan.nameRequired') }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('supervision.plan.nameEn')}>
          <Input maxLength={200} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="cadence" label={t('supervision.plan.cadence')} style={{ flex: 1, minWidth: 160 }} extra={t('supervision.plan.cadenceHint')}>
            <Select options={CADENCES.map((c) => ({ value: c, label: t(`supervision.cadence.${c}`) }))} />
          </Form.Item>
          <Form.Item name="dueDays" label={t('supervision.plan.dueDays')} style={{ flex: 1, minWidth: 160 }} rules={[{ required: true, type: 'number', min: 0, max: 90, message: t('supervision.plan.dueDaysRange') }]}>
            <InputNumber min={0} max={90} precision={0} style={{ width: '100%' }} suffix={t('supervision.unit.daysShort')} />
          </Form.Item>
        </Flex>
        <Form.Item name="active" label={t('supervision.plan.active')} valuePropName="checked" extra={t('supervision.plan.activeHint')}>
          <Switch />
        </Form.Item>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('supervision.plan.periodFixed', { from: plan.periodFrom, to: plan.periodTo })}</Typography.Text>
    </FormModal>
  );
}
