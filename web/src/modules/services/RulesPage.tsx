/** 预约优先档次 (services.manage): the tiers in rank order, each editable (categories, whether it takes places during a priority window, active); changes are audited. */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, Select, Switch, Tag, Typography, type TableColumnsType } from 'antd';
import { CATEGORIES, CHILD_CATEGORIES } from '@common/values';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { ListScaffold } from '../../components/ListScaffold';
import { useT } from '../../i18n/useT';
import { servicesApi, servicesKeys, type PriorityRule } from './api';

const categoryName = (c: string) => {
  const known = CHILD_CATEGORIES.find((x) => x === c);
  return known ? CATEGORIES[known] : c;
};

export default function RulesPage() {
  const t = useT();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<PriorityRule | null>(null);
  const q = useQuery({ queryKey: servicesKeys.rules, queryFn: servicesApi.rules });
  if (q.error) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const cats = (r: PriorityRule) =>
    r.categories.length ? (
      <Flex gap={4} wrap>
        {r.categories.map((c) => (
          <Tag key={c}>{categoryName(c)}</Tag>
        ))}
      </Flex>
    ) : (
      <Typography.Text type="secondary">{t('services.rules.all')}</Typography.Text>
    );
  const columns: TableColumnsType<PriorityRule> = [
    { title: t('services.rules.rank'), dataIndex: 'rank', width: 70 },
    { title: t('services.rules.name'), dataIndex: 'name', width: 180 },
    { title: t('services.rules.categories'), key: 'categories', render: (_, r) => cats(r) },
    {
      title: t('services.rules.window'),
      dataIndex: 'duringWindow',
      width: 130,
      render: (v: boolean) => (v ? t('services.rules.yes') : t('services.rules.no')),
    },
    { title: t('services.rules.active'), dataIndex: 'active', width: 80, render: (v: boolean) => (v ? '✓' : '—') },
    {
      title: t('services.s.actions'),
      key: 'actions',
      width: 90,
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => setEditing(r)}>
          {t('services.rules.edit')}
        </Button>
      ),
    },
  ];
  return (
    <Card title={t('services.rules.title')}>
      <Flex vertical gap={12}>
        <Alert type="info" showIcon message={t('services.rules.intro')} />
        <ListScaffold<PriorityRule>
          items={q.data?.items}
          loading={q.isLoading}
          rowKey="code"
          columns={columns}
          renderMobile={(r) => (
            <Flex vertical gap={4}>
              <Flex justify="space-between">
                <Typography.Text strong>
                  {r.rank}. {r.name}
                </Typography.Text>
                <Button type="link" size="small" onClick={() => setEditing(r)}>
                  {t('services.rules.edit')}
                </Button>
              </Flex>
              {cats(r)}
              <Typography.Text type="secondary">
                {t('services.rules.window')}：{r.duringWindow ? t('services.rules.yes') : t('services.rules.no')}
              </Typography.Text>
            </Flex>
          )}
        />
      </Flex>
      {editing ? (
        <RuleModal
          rule={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void qc.invalidateQueries({ queryKey: servicesKeys.all });
          }}
        />
      ) : null}
    </Card>
  );
}

interface RuleForm {
  name: string;
  categories: string[];
  duringWindow: boolean;
  active: boolean;
  note?: string | null;
}

function RuleModal({ rule, onClose, onSaved }: { rule: PriorityRule; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleForm>();
  return (
    <FormModal<RuleForm>
      form={form}
      title={t('services.rules.editTitle', { name: rule.name })}
      onClose={onClose}
      layout="vertical"
      initialValues={{ name: rule.name, categories: rule.categories, duringWindow: rule.duringWindow, active: rule.active, note: rule.note }}
      onSubmit={async (v) => {
        await servicesApi.updateRule(rule.code, {
          name: v.name,
          nameEn: rule.nameEn,
          categories: v.categories,
          duringWindow: v.duringWindow,
          active: v.active,
          note: v.note || null,
        });
        void message.success(t('services.saved'));
        onSaved();
      }}
    >
      <Form.Item
        name="name"
        label={t('services.rules.name')}
        rules={[{ required: true, whitespace: true, message: t('services.v.required', { label: t('services.rules.name') }) }]}
      >
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="categories" label={t('services.rules.categories')} extra={t('services.rules.all')}>
        <Select mode="multiple" allowClear options={CHILD_CATEGORIES.map((c) => ({ value: c, label: CATEGORIES[c] }))} />
      </Form.Item>
      <Form.Item name="duringWindow" label={t('services.rules.window')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="active" label={t('services.rules.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="note" label={t('services.f.note')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
