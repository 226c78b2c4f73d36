import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { TAG_COLOR } from '../../components/tagColors';
import { useQuery } from '@tanstack/react-query';
import { queryClient } from '../../api/queryClient';
import { useApiError } from '../../hooks/useApiError';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { visitsApi, type ChecklistItem, type ChecklistListName, type VisitRule, type VisitRuleInput } from './api';
import { RISK_LEVELS } from './labels';

const CATEGORIES = [
  'orphan_institutional', 'orphan_scattered', 'defacto_unsupported', 'guardianship_missing', 'guardianship_improper', 'disabled', 'seriously_ill',
  'low_income_dibao', 'low_income_marginal', 'extreme_poverty', 'migrant_in_difficulty', 'left_behind', 'reunited_with_parents',
] as const;

interface RuleValues {
  rules: { by: 'risk' | 'category'; value?: string; intervalDays?: number; label?: string }[];
  highRiskFirstVisitDays?: number;
}
const toValues = (items: VisitRule[], highRiskFirstVisitDays: number): RuleValues => ({
  rules: items.map((r) => ({ by: r.riskLevel ? 'risk' : 'category', value: r.riskLevel ?? r.category ?? undefined, intervalDays: r.intervalDays, label: r.label })),
  highRiskFirstVisitDays,
});

/** The visit plan: one row per rule (condition, interval, description); saving recomputes every due date. */
function RulesCard() {
  const t = useT();
  const mobile = useIsMobile();
  const { modal, message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<RuleValues>();
  const [saving, setSaving] = useState(false);
  const { data, isFetching: loading, error, refetch } = useQuery({ queryKey: ['visits', 'rules'], queryFn: visitsApi.rules });
  const reload = () => void refetch();

  useEffect(() => {
    if (data) form.setFieldsValue(toValues(data.items, data.highRiskFirstVisitDays));
  }, [data, form]);

  const save = async () => {
    let values: RuleValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const rules: VisitRuleInput[] = values.rules.map((r) => ({
      riskLevel: r.by === 'risk' ? (r.value as VisitRuleInput['riskLevel']) : null,
      category: r.by === 'category' ? (r.value as VisitRuleInput['category']) : null,
      intervalDays: r.intervalDays!,
      label: r.label!.trim(),
    }));
    modal.confirm({
      title: t('visits.rules.save'),
      content: t('visits.rules.saveConfirm'),
      okText: t('common.save'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setSaving(true);
        try {
          const res = await visitsApi.saveRules(rules, values.highRiskFirstVisitDays);
          void message.success(t('visits.rules.saved', { n: res.recomputed }));
          // Due dates moved: the rules, work lists and counts are all read again.
          void queryClient.invalidateQueries({ queryKey: ['visits'] });
        } catch (err) {
          showError(err);
        } finally {
          setSaving(false);
        }
      },
    });
  };

  if (error && !data) return <ErrorResult error={error} onRetry={reload} />;
  return (
    <Card title={t('visits.rules.plan')} loading={loading && !data} style={{ marginBottom: 16 }}>
      <Alert type="info" showIcon title={t('visits.rules.planHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" disabled={saving}>
        <Form.Item
          name="highRiskFirstVisitDays"
          label={t('visits.rules.firstVisit')}
          extra={t('visits.rules.firstVisitHint')}
          rules={[{ required: true, type: 'integer', min: 1, max: 90, message: t('visits.rules.firstVisitRequired') }]}
        >
          <InputNumber min={1} max={90} precision={0} addonAfter={t('visits.rules.days', { days: '' }).trim()} style={{ width: 180 }} />
        </Form.Item>
        <Form.List name="rules">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Row key={field.key} gutter={12} align="bottom" style={mobile ? { borderBottom: '1px solid #f0f0f0', marginBottom: 12 } : undefined}>
                  <Col xs={12} md={5}>
                    <Form.Item name={[field.name, 'by']} label={t('visits.rules.condition')}>
                      <Select
                        options={[{ value: 'risk', label: t('visits.rules.byRisk') }, { value: 'category', label: t('visits.rules.byCategory') }]}
                        onChange={() => form.setFieldValue(['rules', field.name, 'value'], undefined)}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item noStyle dependencies={[['rules', field.name, 'by']]}>
                      {({ getFieldValue }) => (
                        <Form.Item name={[field.name, 'value']} label={t('visits.rules.value')} rules={[{ required: true, message: t('visits.rules.valueRequired') }]}>
                          <Select
                            options={
                              getFieldValue(['rules', field.name, 'by']) === 'risk'
                                ? RISK_LEVELS.map((r): { value: string; label: string } => ({ value: r, label: t(`visits.risk.${r}`) }))
                                : CATEGORIES.map((c): { value: string; label: string } => ({ value: c, label: t(`visits.category.${c}`) }))
                            }
                          />
                        </Form.Item>
                      )}
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={3}>
                    <Form.Item
                      name={[field.name, 'intervalDays']}
                      label={t('visits.rules.interval')}
                      rules={[{ required: true, type: 'integer', min: 1, max: 366, message: t('visits.rules.intervalRequired') }]}
                    >
                      <InputNumber min={1} max={366} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={13} md={8}>
                    <Form.Item
                      name={[field.name, 'label']}
                      label={t('visits.rules.label')}
                      rules={[{ required: true, min: 2, max: 60, whitespace: true, message: t('visits.rules.labelRequired') }]}
                    >
                      <Input maxLength={60} />
                    </Form.Item>
                  </Col>
                  <Col xs={3} md={2}>
                    <Form.Item label=" " colon={false}>
                      <Button danger type="text" icon={<DeleteOutlined />} aria-label={t('visits.rules.remove')} onClick={() => remove(field.name)} disabled={fields.length <= 1} />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Flex gap={8} wrap>
                <Button icon={<PlusOutlined />} onClick={() => add({ by: 'risk' })}>
                  {t('visits.rules.add')}
                </Button>
                <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void save()}>
                  {t('visits.rules.save')}
                </Button>
              </Flex>
            </>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}

interface ItemValues {
  code?: string;
  label: string;
  hint?: string;
}

function ItemModal({ list, item, onClose, onSaved }: { list: ChecklistListName; item: ChecklistItem | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemValues>();

  const submit = async (v: ItemValues) => {
    if (item) await visitsApi.updateItem(item.id, { label: v.label.trim(), hint: v.hint?.trim() || null });
    else await visitsApi.addItem({ list, code: (v.code ?? '').trim(), label: v.label.trim(), hint: v.hint?.trim() || null });
    void message.success(t('visits.checklist.saved'));
    onSaved();
  };

  return (
    <FormModal form={form} title={item ? t('visits.checklist.edit') : t('visits.checklist.add')} onClose={onClose} onSubmit={submit} layout="vertical" initialValues={item ? { label: item.label, hint: item.hint ?? undefined } : {}}>
      {item ? null : (
        <Form.Item
          name="code"
          label={t('visits.checklist.code')}
          extra={t('visits.checklist.codeHint')}
          rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,31}$/, message: t('visits.checklist.codeRequired') }]}
        >
          <Input maxLength={32} className="mono" />
        </Form.Item>
      )}
      <Form.Item name="label" label={t('visits.checklist.label')} rules={[{ required: true, min: 2, max: 30, whitespace: true, message: t('visits.checklist.labelRequired') }]}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="hint" label={t('visits.checklist.hint')}>
        <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
    </FormModal>
  );
}

/** One checklist: ordered items, each editable, deactivatable (past visits keep their snapshot). */
function ChecklistTable({ list }: { list: ChecklistListName }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const showError = useApiError();
  const [editing, setEditing] = useState<ChecklistItem | 'new' | null>(null);
  const key = ['visits', 'checklist', list];
  const { data, isFetching: loading, error, refetch } = useQuery({ queryKey: key, queryFn: () => visitsApi.checklist(list, true) });
  const reload = () => void queryClient.invalidateQueries({ queryKey: ['visits'] });
  const items = data?.items ?? [];
  const active = items.filter((i) => i.active);

  const move = async (item: ChecklistItem, delta: -1 | 1) => {
    const ids = active.map((i) => i.id);
    const at = ids.indexOf(item.id);
    const to = at + delta;
    if (at < 0 || to < 0 || to >= ids.length) return;
    ids.splice(to, 0, ...ids.splice(at, 1)); // swaps neighbours
    try {
      queryClient.setQueryData(key, await visitsApi.reorder(list, ids));
      void queryClient.invalidateQueries({ queryKey: ['visits', 'form'] });
    } catch (err) {
      showError(err);
    }
  };

  const setActive = (item: ChecklistItem, value: boolean) => {
    const run = async () => {
      try {
        await visitsApi.updateItem(item.id, { active: value });
        void message.success(t('visits.checklist.saved'));
        reload();
      } catch (err) {
        showError(err);
      }
    };
    if (value) return void run();
    modal.confirm({
      title: t('visits.checklist.deactivateConfirm', { name: item.label }),
      okText: t('visits.checklist.deactivate'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: run,
    });
  };

  const columns: TableColumnsType<ChecklistItem> = [
    {
      title: t('visits.checklist.order'),
      key: 'order',
      width: 90,
      render: (_, item) => {
        if (!item.active) return null;
        const at = active.indexOf(item);
        return (
          <Space size={0}>
            <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={t('visits.checklist.moveUp')} disabled={at === 0} onClick={() => void move(item, -1)} />
            <Button type="text" size="small" icon={<ArrowDownOutlined />} aria-label={t('visits.checklist.moveDown')} disabled={at === active.length - 1} onClick={() => void move(item, 1)} />
          </Space>
        );
      },
    },
    {
      title: t('visits.checklist.label'),
      dataIndex: 'label',
      render: (_, item) => (
        <Flex vertical>
          <Typography.Text strong={item.active} type={item.active ? undefined : 'secondary'}>
            {item.label}
          </Typography.Text>
          {item.hint ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {item.hint}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { title: t('visits.checklist.code'), dataIndex: 'code', width: 130, render: (v: string) => <span className="mono">{v}</span> },
    {
      title: t('visits.checklist.status'),
      dataIndex: 'active',
      width: 80,
      render: (a: boolean) => <Tag color={a ? TAG_COLOR.ok : TAG_COLOR.closed}>{a ? t('common.active') : t('common.inactive')}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, item) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(item)}>
            {t('visits.checklist.edit')}
          </Button>
          <Button type="link" size="small" danger={item.active} onClick={() => setActive(item, !item.active)}>
            {item.active ? t('visits.checklist.deactivate') : t('visits.checklist.activate')}
          </Button>
        </Space>
      ),
    },
  ];

  if (error && !data) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{list === 'service' ? t('visits.checklist.serviceHint') : t('visits.checklist.dutyHint')}</Typography.Text>
        <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('visits.checklist.add')}
        </Button>
      </Flex>
      <Table<ChecklistItem> rowKey="id" size="small" loading={loading} columns={columns} dataSource={items} pagination={false} scroll={{ x: 'max-content' }} />
      {editing ? (
        <ItemModal
          list={list}
          item={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      ) : null}
    </>
  );
}

/** 走访规则与清单: administrators with checklists.manage edit the visit plan and both checklists. */
export default function VisitRulesPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('visits.rules.title')} />
      <RulesCard />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          items={[
            { key: 'service', label: t('visits.checklist.service'), children: <ChecklistTable list="service" /> },
            { key: 'duty', label: t('visits.checklist.duty'), children: <ChecklistTable list="duty" /> },
          ]}
        />
      </Card>
    </>
  );
}
