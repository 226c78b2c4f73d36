/**
 * 配备情况: the committees of the caller's area breaking the staffing rule (children in difficulty
 * vs. serving child directors), counts per street, a drill to a committee's directors, and the
 * rules themselves (editable with workforce.configure: the thresholds are data).
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, List, Modal, Space, Statistic, Switch, Table, Tag, Typography } from 'antd';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { FilterSelect } from '../../components/FilterSelect';
import { FormModal } from '../../components/FormModal';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/useT';
import { staffingApi, staffingKeys, type StaffingRule, type Violation } from './api';

export default function OverviewPage() {
  const t = useT();
  const { can } = useAuth();
  const [street, setStreet] = useState<string | undefined>();
  const [drill, setDrill] = useState<Violation | null>(null);
  const [editing, setEditing] = useState<StaffingRule | null>(null);
  const all = useQuery({ queryKey: staffingKeys.overview(), queryFn: () => staffingApi.overview() });
  const data = useQuery({ queryKey: staffingKeys.overview(street), queryFn: () => staffingApi.overview(street), enabled: street !== undefined });
  const rules = useQuery({ queryKey: staffingKeys.rules, queryFn: staffingApi.rules });
  const shown = street === undefined ? all.data : data.data;
  const error = all.error ?? data.error;
  const streets = all.data?.streets ?? [];
  return (
    <>
      <PageHeader title={t('staffing.nav.overview')} />
      {error ? <ErrorResult error={error} onRetry={() => void all.refetch()} /> : null}
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <Card size="small" style={{ minWidth: 150 }}>
          <Statistic title={t('staffing.stat.committees')} value={all.data?.committees ?? '—'} />
        </Card>
        <Card size="small" style={{ minWidth: 150 }}>
          <Statistic title={t('staffing.stat.meeting')} value={all.data?.meeting ?? '—'} valueStyle={{ color: '#389e0d' }} />
        </Card>
        <Card size="small" style={{ minWidth: 150 }}>
          <Statistic
            title={t('staffing.stat.violations')}
            value={all.data ? all.data.committees - all.data.meeting : '—'}
            valueStyle={{ color: all.data && all.data.committees > all.data.meeting ? '#cf1322' : undefined }}
          />
        </Card>
      </Flex>
      {streets.length > 1 ? (
        <Card size="small" title={t('staffing.byStreet')} style={{ marginBottom: 12 }}>
          <Table
            size="small"
            rowKey="streetCode"
            pagination={false}
            scroll={{ x: true }}
            dataSource={streets}
            onRow={(s) => ({ onClick: () => setStreet(s.streetCode), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('staffing.col.street'), dataIndex: 'streetName', key: 'street' },
              { title: t('staffing.stat.committees'), dataIndex: 'committees', key: 'c' },
              { title: t('staffing.stat.meeting'), dataIndex: 'meeting', key: 'm' },
              {
                title: t('staffing.stat.violations'),
                dataIndex: 'violations',
                key: 'v',
                render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : 0),
              },
            ]}
          />
        </Card>
      ) : null}
      <ListScaffold<Violation & { key: string }>
        filters={
          <FilterSelect<string>
            label={t('staffing.col.street')}
            minWidth={150}
            value={street}
            onChange={(v) => setStreet(v)}
            options={streets.map((s) => ({ value: s.streetCode, label: s.streetName }))}
          />
        }
        items={shown?.items.map((v) => ({ ...v, key: `${v.ruleCode}:${v.committeeId}` }))}
        loading={all.isLoading || data.isLoading}
        rowKey="key"
        // a violation's `children` is a count, not nested rows
        tableProps={{ expandable: { childrenColumnName: 'nestedRows' } }}
        emptyText={t('staffing.empty.violations')}
        columns={[
          { title: t('staffing.col.committee'), dataIndex: 'committeeName', key: 'committee' },
          { title: t('staffing.col.street'), dataIndex: 'streetName', key: 'street' },
          { title: t('staffing.col.rule'), dataIndex: 'ruleName', key: 'rule' },
          { title: t('staffing.col.children'), dataIndex: 'children', key: 'children' },
          { title: t('staffing.col.directors'), key: 'directors', render: (_, v) => `${v.directors} / ${v.required}` },
          {
            title: t('staffing.col.shortfall'),
            dataIndex: 'shortfall',
            key: 'shortfall',
            render: (n: number) => <Tag color="red">{t('staffing.short', { n })}</Tag>,
          },
          {
            title: t('staffing.col.actions'),
            key: 'a',
            render: (_, v) => (
              <Button size="small" onClick={() => setDrill(v)}>
                {t('staffing.act.directors')}
              </Button>
            ),
          },
        ]}
        renderMobile={(v) => (
          <Card size="small" style={{ width: '100%' }} data-testid="violation-card">
            <Flex vertical gap={4}>
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text strong>{v.committeeName}</Typography.Text>
                <Tag color="red">{t('staffing.short', { n: v.shortfall })}</Tag>
              </Flex>
              <Typography.Text type="secondary">
                {v.streetName} · {t('staffing.col.children')} {v.children} · {t('staffing.col.directors')} {v.directors}/{v.required}
              </Typography.Text>
              <Typography.Text type="secondary">{v.ruleName}</Typography.Text>
              <Button size="small" onClick={() => setDrill(v)} style={{ alignSelf: 'flex-start' }}>
                {t('staffing.act.directors')}
              </Button>
            </Flex>
          </Card>
        )}
      />
      <Card size="small" title={t('staffing.rules')} style={{ marginTop: 12 }}>
        <List
          dataSource={rules.data?.items ?? []}
          renderItem={(r) => (
            <List.Item
              actions={
                can('workforce.configure')
                  ? [
                      <Button key="e" size="small" onClick={() => setEditing(r)}>
                        {t('staffing.act.editRule')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    {r.name}
                    {r.active ? <Tag color="green">{t('staffing.rule.active')}</Tag> : <Tag>{t('staffing.rule.inactive')}</Tag>}
                  </Space>
                }
                description={`${t('staffing.rule.summary', { over: r.childrenOver, min: r.minDirectors })}${r.note ? ` · ${r.note}` : ''}`}
              />
            </List.Item>
          )}
        />
      </Card>
      {drill ? <DirectorsModal violation={drill} onClose={() => setDrill(null)} /> : null}
      {editing ? <RuleModal rule={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

function DirectorsModal({ violation, onClose }: { violation: Violation; onClose: () => void }) {
  const t = useT();
  const q = useQuery({ queryKey: staffingKeys.directors(violation.committeeId), queryFn: () => staffingApi.directors(violation.committeeId) });
  return (
    <Modal open title={`${violation.committeeName} · ${t('staffing.act.directors')}`} onCancel={onClose} footer={null}>
      {q.error ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Typography.Paragraph>
        {t('staffing.drill.summary', { children: q.data?.children ?? violation.children, required: violation.required })}
      </Typography.Paragraph>
      <List
        loading={q.isLoading}
        locale={{ emptyText: t('staffing.drill.none') }}
        dataSource={q.data?.directors ?? []}
        renderItem={(d) => (
          <List.Item>
            <List.Item.Meta
              title={d.name}
              description={`${t('staffing.drill.since')} ${d.since}${d.otherCommittees ? ` · ${t('staffing.drill.others', { n: d.otherCommittees })}` : ''}`}
            />
          </List.Item>
        )}
      />
      {violation.directors < violation.required ? <Alert type="warning" showIcon message={t('staffing.drill.hint')} /> : null}
    </Modal>
  );
}

interface RuleForm {
  name: string;
  childrenOver: number;
  minDirectors: number;
  active: boolean;
  note?: string;
}

function RuleModal({ rule, onClose }: { rule: StaffingRule; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleForm>();
  return (
    <FormModal<RuleForm>
      form={form}
      layout="vertical"
      title={t('staffing.act.editRule')}
      onClose={onClose}
      initialValues={{ name: rule.name, childrenOver: rule.childrenOver, minDirectors: rule.minDirectors, active: rule.active, note: rule.note ?? undefined }}
      onSubmit={async (v) => {
        await staffingApi.updateRule(rule.code, { ...v, note: v.note ?? null, updatedAt: rule.updatedAt });
        void message.success(t('staffing.saved'));
        await qc.invalidateQueries({ queryKey: staffingKeys.all });
        onClose();
      }}
    >
      <Form.Item
        name="name"
        label={t('staffing.rule.name')}
        rules={[{ required: true, whitespace: true, message: t('staffing.required', { label: t('staffing.rule.name') }) }]}
      >
        <Input maxLength={80} />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item
          name="childrenOver"
          label={t('staffing.rule.over')}
          rules={[{ required: true, message: t('staffing.required', { label: t('staffing.rule.over') }) }]}
        >
          <InputNumber min={0} max={10000} precision={0} />
        </Form.Item>
        <Form.Item
          name="minDirectors"
          label={t('staffing.rule.min')}
          rules={[{ required: true, message: t('staffing.required', { label: t('staffing.rule.min') }) }]}
        >
          <InputNumber min={1} max={50} precision={0} />
        </Form.Item>
        <Form.Item name="active" label={t('staffing.rule.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Flex>
      <Form.Item name="note" label={t('staffing.rule.note')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
