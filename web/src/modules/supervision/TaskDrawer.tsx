/** 任务分工 (plan.manage): edit a task or add one, in a drawer. */
import { useMemo, useState } from 'react';
import { App, Button, Drawer, Flex, Form, Input, Select, Typography } from 'antd';
import { ApiError } from '../../api/client';
import { useApiError } from '../../hooks/useApiError';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { planApi, type PlanTask, type PlanTasks } from './api';
import { useUnitList } from './queries';
import { actionPrefix, useLocal } from './shared';

interface TaskValues {
  summary: string;
  text: string;
  action: number;
  units: string[];
  leadUnit: string;
}

/** Edit a task or add one: summary, text, action, units and the lead unit among them. A stale version (409) asks to reload. */
export function TaskDrawer({
  task,
  plan,
  onClose,
  onSaved,
  onReload,
}: {
  task: PlanTask | null;
  plan: PlanTasks;
  onClose: () => void;
  onSaved: () => void;
  onReload: () => void;
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
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
        modal.confirm({
          title: t('supervision.conflict.title'),
          content: (
            <>
              <p>{err.message}</p>
              <Typography.Text type="secondary">{t('supervision.conflict.taskHint')}</Typography.Text>
            </>
          ),
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
    modal.confirm({
      title: t('supervision.leave.title'),
      content: t('supervision.leave.formContent'),
      okText: t('supervision.leave.leave'),
      okButtonProps: { danger: true },
      cancelText: t('supervision.leave.stay'),
      onOk: onClose,
    });
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
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
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
        <Form.Item
          name="summary"
          label={t('supervision.task.summary')}
          extra={t('supervision.task.summaryHint')}
          rules={[
            { required: true, whitespace: true, message: t('supervision.task.summaryRequired') },
            { min: 2, max: 40, message: t('supervision.task.summaryLength') },
          ]}
        >
          <Input maxLength={40} showCount />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('supervision.task.text')}
          rules={[
            { required: true, whitespace: true, message: t('supervision.task.textRequired') },
            { min: 4, message: t('supervision.task.textRequired') },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="action" label={t('supervision.task.action')} rules={[{ required: true, message: t('supervision.task.actionRequired') }]}>
          <Select options={plan.actions.map((a) => ({ value: a.no, label: `${actionPrefix(a.no, local.en)}${local.name(a)}` }))} />
        </Form.Item>
        <Form.Item
          name="units"
          label={t('supervision.task.units')}
          extra={t('supervision.task.unitsHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('supervision.task.unitsRequired') }]}
        >
          <Select
            mode="multiple"
            loading={units.isLoading}
            showSearch={{ optionFilterProp: 'label' }}
            options={unitOptions}
            placeholder={t('supervision.task.unitsPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="leadUnit" label={t('supervision.task.leadUnit')} rules={[{ required: true, message: t('supervision.task.leadRequired') }]}>
          <Select
            disabled={!chosen.length}
            placeholder={chosen.length ? t('supervision.task.leadPlaceholder') : t('supervision.task.leadPickUnits')}
            options={chosen.map((c) => ({ value: c, label: unitName.get(c) ?? c }))}
          />
        </Form.Item>
        {task ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('supervision.task.targetsElsewhere')}
          </Typography.Text>
        ) : null}
      </Form>
    </Drawer>
  );
}
