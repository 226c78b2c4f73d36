/** The visit plan card of 走访规则与清单. */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { ErrorResult } from '../../../components/ErrorResult';
import { useQuery } from '@tanstack/react-query';
import { queryClient } from '../../../api/queryClient';
import { useApiError } from '../../../hooks/useApiError';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useT } from '../../../i18n/useT';
import { visitsApi, type VisitRule, type VisitRuleInput } from '../api';
import { RISK_LEVELS } from '../labels';

const CATEGORIES = [
  'orphan_institutional',
  'orphan_scattered',
  'defacto_unsupported',
  'guardianship_missing',
  'guardianship_improper',
  'disabled',
  'seriously_ill',
  'low_income_dibao',
  'low_income_marginal',
  'extreme_poverty',
  'migrant_in_difficulty',
  'left_behind',
  'reunited_with_parents',
] as const;

interface RuleValues {
  rules: { by: 'risk' | 'category'; value?: string; intervalDays?: number; label?: string }[];
  highRiskFirstVisitDays?: number;
}
const toValues = (items: VisitRule[], highRiskFirstVisitDays: number): RuleValues => ({
  rules: items.map((r) => ({
    by: r.riskLevel ? 'risk' : 'category',
    value: r.riskLevel ?? r.category ?? undefined,
    intervalDays: r.intervalDays,
    label: r.label,
  })),
  highRiskFirstVisitDays,
});

/** The visit plan: one row per rule (condition, interval, description); saving recomputes every due date. */
export function RulesCard() {
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
                        options={[
                          { value: 'risk', label: t('visits.rules.byRisk') },
                          { value: 'category', label: t('visits.rules.byCategory') },
                        ]}
                        onChange={() => form.setFieldValue(['rules', field.name, 'value'], undefined)}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item noStyle dependencies={[['rules', field.name, 'by']]}>
                      {({ getFieldValue }) => (
                        <Form.Item
                          name={[field.name, 'value']}
                          label={t('visits.rules.value')}
                          rules={[{ required: true, message: t('visits.rules.valueRequired') }]}
                        >
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
                      <Button
                        danger
                        type="text"
                        icon={<DeleteOutlined />}
                        aria-label={t('visits.rules.remove')}
                        onClick={() => remove(field.name)}
                        disabled={fields.length <= 1}
                      />
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
