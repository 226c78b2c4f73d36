/** 任务分工 (plan.manage): a task's yearly targets, each linked to an indicator with a value or not. */
import { useState } from 'react';
import { App, Button, Drawer, Empty, Flex, Form, Input, InputNumber, Modal, Popconfirm, Select, Table, Tag } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useApiError } from '../../hooks/useApiError';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { planApi, type PlanSummary, type PlanTarget, type PlanTask } from './api';
import { useIndicatorDefs } from './queries';
import { useLocal } from './shared';

interface TargetValues {
  year: number;
  unitCode: string;
  text: string;
  indicator?: string | null;
  targetValue?: number | null;
}
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
    form.setFieldsValue(
      x === 'new'
        ? { year: defaultYear, unitCode: WHOLE, text: '', indicator: null, targetValue: null }
        : { year: x.year, unitCode: x.unitCode ?? WHOLE, text: x.text, indicator: x.indicator, targetValue: x.targetValue },
    );
  };

  const save = async (v: TargetValues) => {
    if (!editing) return;
    setSaving(true);
    try {
      const body = {
        year: v.year,
        unitCode: v.unitCode === WHOLE ? null : v.unitCode,
        text: v.text,
        indicator: v.indicator ?? null,
        targetValue: v.indicator ? (v.targetValue ?? null) : null,
      };
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
    <Drawer
      open
      size={mobile ? '100%' : 760}
      title={t('supervision.targets.title', { no: task.no, summary: task.summary })}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
          {t('supervision.targets.add')}
        </Button>
      }
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
          {
            title: t('supervision.target.unit'),
            dataIndex: 'unitName',
            width: 120,
            render: (v: string | null) => v ?? <Tag>{t('supervision.target.whole')}</Tag>,
          },
          { title: t('supervision.target.text'), dataIndex: 'text' },
          {
            title: t('supervision.target.indicatorCol'),
            key: 'ind',
            width: 170,
            render: (_, x) =>
              x.indicator
                ? `${defName(x.indicator)}${x.targetValue !== null ? ` · ${x.targetValue}${defs.data?.items.find((d) => d.code === x.indicator)?.unit === 'percent' ? '%' : ''}` : ''}`
                : '—',
          },
          {
            title: t('common.actions'),
            key: 'a',
            width: 130,
            render: (_, x) => (
              <Flex gap={4}>
                <Button size="small" type="link" icon={<EditOutlined />} onClick={() => open(x)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('supervision.targets.confirmDelete', { year: x.year })}
                  okText={t('common.delete')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove(x)}
                >
                  <Button size="small" type="link" danger icon={<DeleteOutlined />}>
                    {t('common.delete')}
                  </Button>
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
            <Form.Item
              name="year"
              label={t('supervision.target.year')}
              rules={[{ required: true, message: t('supervision.target.yearRequired') }]}
              style={{ flex: 1 }}
            >
              <InputNumber min={plan.periodFrom} max={plan.periodTo} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="unitCode" label={t('supervision.target.unit')} style={{ flex: 2 }}>
              <Select options={[{ value: WHOLE, label: t('supervision.target.whole') }, ...task.units.map((u) => ({ value: u.code, label: u.name }))]} />
            </Form.Item>
          </Flex>
          <Form.Item
            name="text"
            label={t('supervision.target.text')}
            rules={[
              { required: true, whitespace: true, message: t('supervision.target.textRequired') },
              { min: 2, message: t('supervision.target.textRequired') },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} showCount />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item
              name="indicator"
              label={t('supervision.target.indicator')}
              style={{ flex: 2 }}
              extra={chosenDef ? local.definition(chosenDef) : t('supervision.target.indicatorHint')}
            >
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                loading={defs.isLoading}
                options={(defs.data?.items ?? []).map((d) => ({ value: d.code, label: local.name(d) }))}
                placeholder={t('supervision.target.indicatorPlaceholder')}
              />
            </Form.Item>
            <Form.Item
              name="targetValue"
              label={t('supervision.target.valueLabel')}
              style={{ flex: 1 }}
              rules={indicator ? [{ required: true, message: t('supervision.target.valueRequired') }] : []}
            >
              <InputNumber
                disabled={!indicator}
                style={{ width: '100%' }}
                suffix={chosenDef?.unit === 'percent' ? '%' : chosenDef?.unit === 'days' ? t('supervision.unit.daysShort') : undefined}
              />
            </Form.Item>
          </Flex>
        </Form>
      </Modal>
    </Drawer>
  );
}
