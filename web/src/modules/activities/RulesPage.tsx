import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, InputNumber, Select, Switch, Table, Tag, Typography } from 'antd';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { ACTIVITY_KINDS, activitiesApi, activityKeys, type ActivityKind, type CadenceRule } from './api';
import { useKindName, useOrganiserKindName } from './labels';

type Values = {
  name: string;
  activityKinds: ActivityKind[];
  period: CadenceRule['period'];
  minCount: number;
  siteKinds: ('school' | 'kindergarten')[];
  requireGuardianContact: boolean;
  active: boolean;
  note?: string;
};

/** 活动频次规则 (services.manage): the cadence rules as data — kinds that count, period, minimum, guardian contact. */
export default function RulesPage() {
  const t = useT();
  const mobile = useIsMobile();
  const kindName = useKindName();
  const orgKindName = useOrganiserKindName();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: activityKeys.rules, queryFn: activitiesApi.rules });
  const [editing, setEditing] = useState<CadenceRule | null>(null);
  const [form] = Form.useForm<Values>();

  if (q.error && !q.data) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <>
      <PageHeader title={t('activities.rules.title')} />
      <Table<CadenceRule>
        rowKey="code"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items}
        pagination={false}
        scroll={{ x: mobile ? 900 : undefined }}
        columns={[
          {
            title: t('activities.rules.col.name'),
            dataIndex: 'name',
            render: (v: string, r) => (r.planTask ? `${v}（${t('activities.planTask', { n: r.planTask })}）` : v),
          },
          { title: t('activities.rules.col.organiser'), dataIndex: 'organiserKind', width: 120, render: (k: CadenceRule['organiserKind']) => orgKindName(k) },
          { title: t('activities.rules.col.period'), dataIndex: 'period', width: 130, render: (p: CadenceRule['period']) => t(`activities.rules.period.${p}`) },
          {
            title: t('activities.rules.col.kinds'),
            dataIndex: 'activityKinds',
            render: (ks: ActivityKind[], r) => (
              <>
                {ks.map((k) => (
                  <Tag key={k}>{kindName(k)}</Tag>
                ))}
                {r.requireGuardianContact ? <Tag color="orange">{t('activities.rules.guardianContact')}</Tag> : null}
              </>
            ),
          },
          { title: t('activities.rules.col.min'), dataIndex: 'minCount', width: 80 },
          { title: t('activities.rules.col.active'), dataIndex: 'active', width: 70, render: (v: boolean) => (v ? '✓' : '—') },
          {
            title: '',
            key: 'edit',
            width: 90,
            render: (_, r) => (
              <Button
                size="small"
                onClick={() => {
                  setEditing(r);
                  form.setFieldsValue({
                    ...r,
                    siteKinds: r.siteKinds.filter((k): k is 'school' | 'kindergarten' => k === 'school' || k === 'kindergarten'),
                    note: r.note ?? undefined,
                  });
                }}
              >
                {t('activities.rules.edit')}
              </Button>
            ),
          },
        ]}
      />
      {q.data?.items.some((r) => r.note) ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {q.data.items
            .filter((r) => r.note)
            .map((r) => (
              <span key={r.code} style={{ display: 'block' }}>
                {r.name}：{r.note}
              </span>
            ))}
        </Typography.Paragraph>
      ) : null}
      {editing ? (
        <FormModal<Values>
          form={form}
          title={t('activities.rules.edit')}
          onClose={() => setEditing(null)}
          layout="vertical"
          onSubmit={async (v) => {
            await activitiesApi.updateRule(editing.code, { ...v, note: v.note || null, version: editing.version });
            void message.success(t('activities.rules.saved'));
            await qc.invalidateQueries({ queryKey: activityKeys.all });
            setEditing(null);
          }}
        >
          <Form.Item name="name" label={t('activities.rules.col.name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={80} />
          </Form.Item>
          <Form.Item name="activityKinds" label={t('activities.rules.col.kinds')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Select mode="multiple" options={ACTIVITY_KINDS.map((k) => ({ value: k, label: kindName(k) }))} />
          </Form.Item>
          <Form.Item name="period" label={t('activities.rules.col.period')}>
            <Select options={(['year', 'quarter', 'before_holiday'] as const).map((p) => ({ value: p, label: t(`activities.rules.period.${p}`) }))} />
          </Form.Item>
          <Form.Item name="minCount" label={t('activities.rules.col.min')}>
            <InputNumber min={1} max={100} precision={0} />
          </Form.Item>
          {editing.organiserKind === 'school' ? (
            <Form.Item name="siteKinds" label={t('activities.rules.siteKinds')}>
              <Checkbox.Group options={(['school', 'kindergarten'] as const).map((k) => ({ value: k, label: t(`activities.rules.siteKind.${k}`) }))} />
            </Form.Item>
          ) : null}
          <Form.Item name="requireGuardianContact" label={t('activities.rules.guardianContact')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="active" label={t('activities.rules.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="note" label={t('activities.rules.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}
