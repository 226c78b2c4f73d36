import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Flex, Form, InputNumber, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { eligibilityApi, eligibilityKeys, type WhatIfResult } from './api';
interface Values {
  policy: string;
  param: string;
  value: number;
  from: dayjs.Dayjs;
}

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** 政策调整测算: "if the standard were X from a date", over the caller's area; nothing is saved. */
export default function WhatIfPage() {
  const t = useT();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const policies = useQuery({ queryKey: eligibilityKeys.policies, queryFn: eligibilityApi.policies });
  const [result, setResult] = useState<WhatIfResult | null>(null);
  const [running, setRunning] = useState(false);
  const policyId = Form.useWatch('policy', form);
  // Only money standards can be tried (amounts in fen per month or year).
  const withMoney = (policies.data?.items ?? []).filter((p) => p.parameters.some((x) => x.unit.startsWith('fen')));
  const params = withMoney.find((p) => p.id === policyId)?.parameters.filter((x) => x.unit.startsWith('fen')) ?? [];

  const run = async (v: Values) => {
    setRunning(true);
    try {
      const from = v.from.format('YYYY-MM-DD');
      setResult(await eligibilityApi.whatIf({ policy: v.policy, param: v.param, from, value: Math.round(v.value * 100), asOf: from }));
    } catch (err) {
      showError(err, form);
    } finally {
      setRunning(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('eligibility.whatIf.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('eligibility.whatIf.intro')}</Typography.Text>
      <Card>
        <Form form={form} layout="vertical" onFinish={run} initialValues={{ from: dayjs().add(1, 'year').startOf('year').add(6, 'month') }}>
          <Form.Item name="policy" label={t('eligibility.whatIf.policy')} rules={[{ required: true, message: t('common.required') }]}>
            <Select
              loading={policies.isLoading}
              options={withMoney.map((p) => ({ value: p.id, label: p.name.zh }))}
              onChange={() => form.setFieldValue('param', undefined)}
            />
          </Form.Item>
          <Form.Item name="param" label={t('eligibility.whatIf.param')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={params.map((x) => ({ value: x.name, label: x.label }))} disabled={!params.length} />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item name="value" label={t('eligibility.whatIf.value')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber min={0} precision={2} addonAfter="元" style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="from" label={t('eligibility.whatIf.from')} rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker format="YYYY-MM-DD" />
            </Form.Item>
          </Flex>
          <Button type="primary" htmlType="submit" loading={running}>
            {t('eligibility.whatIf.run')}
          </Button>
        </Form>
      </Card>
      {result && (
        <Card title={result.name}>
          <Alert type="info" showIcon message={result.text} style={{ marginBottom: 16 }} />
          <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
            <Descriptions.Item label={t('eligibility.whatIf.children')}>{result.children}</Descriptions.Item>
            <Descriptions.Item label={t('eligibility.whatIf.asOf')}>{result.asOf}</Descriptions.Item>
            <Descriptions.Item label={t('eligibility.whatIf.eligibleBefore')}>{result.before.eligible}</Descriptions.Item>
            <Descriptions.Item label={t('eligibility.whatIf.eligibleAfter')}>{result.after.eligible}</Descriptions.Item>
            <Descriptions.Item label={t('eligibility.whatIf.newly')}>{result.newlyEligible.length}</Descriptions.Item>
            <Descriptions.Item label={t('eligibility.whatIf.lost')}>{result.noLongerEligible.length}</Descriptions.Item>
            <Descriptions.Item label={t('eligibility.whatIf.costBefore')}>{yuan(result.before.monthlyFen)}</Descriptions.Item>
            <Descriptions.Item label={t('eligibility.whatIf.costAfter')}>{yuan(result.after.monthlyFen)}</Descriptions.Item>
            <Descriptions.Item label={t('eligibility.whatIf.delta')}>
              <Typography.Text strong type={result.monthlyDeltaFen > 0 ? 'danger' : undefined}>
                {result.monthlyDeltaFen >= 0 ? '+' : ''}
                {yuan(result.monthlyDeltaFen)}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
    </Flex>
  );
}
