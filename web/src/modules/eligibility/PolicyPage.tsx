import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Collapse,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type dayjs from 'dayjs';
import { useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { eligibilityApi, eligibilityKeys, type PolicyDetail } from './api';

interface Values {
  param: string;
  from: dayjs.Dayjs;
  to?: dayjs.Dayjs | null;
  value: number;
  source: string;
  verified?: boolean;
  note?: string;
}

function AddValueModal({ policy, onClose, onSaved }: { policy: PolicyDetail; onClose: () => void; onSaved: (p: PolicyDetail) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const submit = async (v: Values) => {
    try {
      const r = await eligibilityApi.addValue(policy.id, {
        param: v.param,
        from: v.from.format('YYYY-MM-DD'),
        to: v.to ? v.to.format('YYYY-MM-DD') : null,
        value: v.value,
        source: v.source,
        verified: v.verified ?? false,
        note: v.note?.trim() || null,
      });
      void message.success(`${t('eligibility.policy.saved')}：${r.message}`);
      onSaved(r.policy);
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Modal
      open
      title={t('eligibility.policy.addValue')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ param: policy.parameters[0]?.name, verified: false }}>
        <Form.Item name="param" label={t('eligibility.policy.param')} rules={[{ required: true }]}>
          <Select options={policy.parameters.map((p) => ({ value: p.name, label: `${p.label}（${p.unit}）` }))} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="from" label={t('eligibility.policy.from')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="to" label={t('eligibility.policy.to')} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="value" label={t('eligibility.policy.value')} rules={[{ required: true }]}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="source"
          label={t('eligibility.policy.source')}
          rules={[{ required: true, whitespace: true, message: t('eligibility.policy.sourceRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="verified" valuePropName="checked">
          <Checkbox>{t('eligibility.policy.verified')}</Checkbox>
        </Form.Item>
        <Form.Item name="note" label={t('eligibility.form.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One policy: basis, dated standards (未核实 marked), logic versions with their clauses, test cases. */
export default function PolicyPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const { data, isLoading: loading, error, refetch } = useQuery({ queryKey: eligibilityKeys.policy(id), queryFn: () => eligibilityApi.policy(id) });
  const [adding, setAdding] = useState(false);
  // A new value changes this policy (answered with the save) and the library's list of standards.
  const saved = (next: PolicyDetail) => {
    setAdding(false);
    queryClient.setQueryData(eligibilityKeys.policy(id), next);
    void queryClient.invalidateQueries({ queryKey: eligibilityKeys.policies, exact: true });
  };
  if (error && !data) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  if (!data) return <Spin spinning={loading} />;
  const p = data;
  return (
    <Flex vertical gap={16}>
      <Card title={p.name.zh}>
        {p.summary ? <Typography.Paragraph>{p.summary}</Typography.Paragraph> : null}
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'unit', label: t('eligibility.policy.unit'), children: p.unitLabel },
            { key: 'kind', label: t('eligibility.policy.kind'), children: p.kindLabel },
            { key: 'issuer', label: t('eligibility.policy.issuer'), children: p.issuer },
            { key: 'amount', label: t('eligibility.policy.amount'), children: p.amount },
          ]}
        />
        <Typography.Text strong>{t('eligibility.policy.legalBasis')}</Typography.Text>
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
          {p.legalBasis.map((b, i) => (
            <li key={i}>
              {b.doc}
              {b.title ? `《${b.title}》` : ''}
              {b.article ? ` ${b.article}` : ''}
              {b.date ? `（${b.date}）` : ''}
              {b.note ? <Typography.Text type="secondary">：{b.note}</Typography.Text> : null}
            </li>
          ))}
        </ul>
      </Card>
      <Card
        title={t('eligibility.policy.params')}
        extra={
          can('policies.manage') && p.parameters.length ? (
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('eligibility.policy.addValue')}
            </Button>
          ) : null
        }
      >
        {p.parameters.map((d) => (
          <div key={d.name}>
            <Typography.Text strong>{d.label}</Typography.Text>
            <Timeline
              style={{ marginTop: 8 }}
              items={d.values.map((v) => ({
                color: v.verified ? 'green' : 'orange',
                children: (
                  <Flex vertical>
                    <Flex gap={8} wrap>
                      <span>
                        {v.from} – {v.to ?? t('eligibility.policy.open')}：{v.text}
                      </span>
                      {!v.verified ? <Tag color="orange">{t('eligibility.policy.unverified')}</Tag> : null}
                      {v.maintained ? <Tag color="blue">{t('eligibility.policy.maintained')}</Tag> : null}
                    </Flex>
                    <Typography.Text type="secondary">
                      {v.source}
                      {v.note ? `；${v.note}` : ''}
                    </Typography.Text>
                  </Flex>
                ),
              }))}
            />
          </div>
        ))}
      </Card>
      <Card title={t('eligibility.policy.logic')}>
        <Collapse
          items={p.logic.map((l) => ({
            key: l.version,
            label: (
              <Flex gap={8} wrap>
                <span>
                  {l.version} · {l.from} – {l.to ?? t('eligibility.policy.open')} · {l.basis}
                </span>
                {!l.fromVerified ? <Tag color="orange">{t('eligibility.policy.dateUnverified')}</Tag> : null}
              </Flex>
            ),
            children: (
              <Flex vertical gap={8}>
                {l.note ? <Typography.Text type="secondary">{l.note}</Typography.Text> : null}
                {l.criteria.map((c) => (
                  <div key={c.id}>
                    <Typography.Text strong>{c.label}</Typography.Text>
                    <div>
                      <Typography.Text type="secondary">{c.clause}</Typography.Text>
                    </div>
                    <Typography.Text code>{c.expr}</Typography.Text>
                    {c.note ? (
                      <div>
                        <Typography.Text type="secondary">{c.note}</Typography.Text>
                      </div>
                    ) : null}
                  </div>
                ))}
              </Flex>
            ),
          }))}
        />
      </Card>
      <Card title={t('eligibility.policy.tests')}>
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {p.tests.map((c, i) => (
            <li key={i}>
              {c.name}（{c.date}）<Typography.Text type="secondary"> → {c.expect}</Typography.Text>
            </li>
          ))}
        </ul>
      </Card>
      {adding ? <AddValueModal policy={p} onClose={() => setAdding(false)} onSaved={saved} /> : null}
    </Flex>
  );
}
