import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, List, Popconfirm, Radio, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDate } from '../../components/format';
import { FormModal } from '../../components/FormModal';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { ChildPicker } from '../casework/ChildPicker';
import { charityApi, charityKeys, type Assignment, type Worker } from './api';

type Values = { userId: string; childIds?: string[]; committeeId?: string; projectId?: string; note?: string };

/** 社工分派 (organisations.assign): the workers the street may assign, their children, assigning (several at once) and ending. */
export default function AssignmentsPage() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const qc = useQueryClient();
  const opts = useQuery({ queryKey: charityKeys.assignOptions, queryFn: charityApi.assignOptions });
  const [selected, setSelected] = useState<string | null>(null);
  const workerId = selected ?? opts.data?.workers[0]?.userId ?? null;
  const list = useQuery({
    queryKey: charityKeys.assignments(workerId ?? undefined),
    queryFn: () => charityApi.assignments(workerId ?? undefined),
    enabled: workerId !== null,
  });
  const [assigning, setAssigning] = useState(false);
  const [mode, setMode] = useState<'pick' | 'committee'>('pick');
  const [form] = Form.useForm<Values>();
  if (opts.error && !opts.data) return <ErrorResult error={opts.error} onRetry={() => void opts.refetch()} />;
  const workers = opts.data?.workers ?? [];

  const end = async (a: Assignment) => {
    try {
      await charityApi.endAssignment(a.userId, a.childId);
      void message.success(t('charity.assign.ended'));
      await qc.invalidateQueries({ queryKey: charityKeys.all });
    } catch (err) {
      showError(err);
    }
  };
  const endButton = (a: Assignment) => (
    <Popconfirm title={t('charity.assign.endConfirm', { name: a.childName })} onConfirm={() => end(a)} okText={t('charity.assign.end')}>
      <Button size="small" danger>
        {t('charity.assign.end')}
      </Button>
    </Popconfirm>
  );
  const columns: TableColumnsType<Assignment> = [
    { title: t('charity.col.child'), dataIndex: 'childName', width: 110, render: (v: string, a) => <Link to={`/children/${a.childId}`}>{v}</Link> },
    { title: t('charity.col.committee'), dataIndex: 'committeeName', width: 150 },
    { title: t('charity.assign.col.project'), dataIndex: 'projectName', width: 160, render: (v: string | null) => v ?? '—' },
    { title: t('charity.assign.col.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
    {
      title: t('charity.assign.col.assignedAt'),
      dataIndex: 'assignedAt',
      width: 150,
      render: (v: string, a) => (
        <span>
          {formatDate(v)}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {a.assignedByName ?? ''}
          </Typography.Text>
        </span>
      ),
    },
    { title: '', key: 'end', width: 100, render: (_, a) => endButton(a) },
  ];
  const workerLine = (w: Worker) => (
    <Flex gap={4} wrap align="center">
      <Tag color={w.basis === 'organisation' ? 'blue' : 'default'}>{t(`charity.assign.basis.${w.basis}`)}</Tag>
      {w.suspended ? <Tag color="red">{t('charity.assign.suspended')}</Tag> : null}
      <Typography.Text type="secondary">{w.organisation ?? ''}</Typography.Text>
    </Flex>
  );

  return (
    <>
      <PageHeader
        title={t('charity.assign.title')}
        extra={
          <Button
            type="primary"
            icon={<UserAddOutlined />}
            disabled={workers.length === 0}
            onClick={() => {
              form.setFieldsValue({ userId: workerId ?? undefined, childIds: [] });
              setMode('pick');
              setAssigning(true);
            }}
          >
            {t('charity.assign.new')}
          </Button>
        }
      />
      <Alert type="info" showIcon title={t('charity.assign.hint')} style={{ marginBottom: 12 }} />
      <List
        grid={{ gutter: 12, xs: 1, sm: 2, md: 3, lg: 4 }}
        loading={opts.isLoading}
        dataSource={workers}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('charity.assign.noWorkers')} /> }}
        renderItem={(w) => (
          <List.Item>
            <Card
              size="small"
              hoverable
              onClick={() => setSelected(w.userId)}
              style={w.userId === workerId ? { borderColor: '#1677ff' } : undefined}
              title={w.name}
              extra={<Tag color="green">{t('charity.assign.childrenCount', { n: w.children })}</Tag>}
            >
              {workerLine(w)}
            </Card>
          </List.Item>
        )}
      />
      {workerId ? (
        <ListScaffold<Assignment>
          items={list.data?.items}
          loading={list.isLoading}
          rowKey="childId"
          columns={columns}
          emptyText={t('charity.assign.noChildren')}
          renderMobile={(a) => (
            <Card size="small" title={<Link to={`/children/${a.childId}`}>{a.childName}</Link>} extra={endButton(a)}>
              <div>{a.committeeName}</div>
              <Typography.Text type="secondary">
                {formatDate(a.assignedAt)} {a.assignedByName ?? ''} {a.projectName ?? ''} {a.note ?? ''}
              </Typography.Text>
            </Card>
          )}
        />
      ) : null}
      {assigning ? (
        <FormModal<Values>
          form={form}
          title={t('charity.assign.new')}
          onClose={() => setAssigning(false)}
          layout="vertical"
          onSubmit={async (v) => {
            const childIds = mode === 'committee' && v.committeeId ? await charityApi.childrenOf(v.committeeId) : (v.childIds ?? []);
            const r = await charityApi.assign({ userId: v.userId, childIds, projectId: v.projectId ?? null, note: v.note || null });
            void message.success(r.already ? t('charity.assign.doneAlready', { n: r.assigned, m: r.already }) : t('charity.assign.done', { n: r.assigned }));
            setSelected(v.userId);
            await qc.invalidateQueries({ queryKey: charityKeys.all });
            setAssigning(false);
          }}
        >
          <Form.Item
            name="userId"
            label={t('charity.assign.worker')}
            rules={[{ required: true, message: t('charity.form.required', { label: t('charity.assign.worker') }) }]}
          >
            <Select
              options={workers.map((w) => ({ value: w.userId, label: `${w.name}${w.organisation ? `（${w.organisation}）` : ''}`, disabled: w.suspended }))}
            />
          </Form.Item>
          <Form.Item label={t('charity.assign.mode')}>
            <Radio.Group
              value={mode}
              onChange={(e) => setMode(e.target.value === 'committee' ? 'committee' : 'pick')}
              optionType="button"
              options={[
                { value: 'pick', label: t('charity.assign.mode.pick') },
                { value: 'committee', label: t('charity.assign.mode.committee') },
              ]}
            />
          </Form.Item>
          {mode === 'pick' ? (
            <Form.Item
              name="childIds"
              label={t('charity.assign.children')}
              rules={[{ required: true, type: 'array', min: 1, message: t('charity.form.required', { label: t('charity.assign.children') }) }]}
            >
              <ChildPicker />
            </Form.Item>
          ) : (
            <Form.Item
              name="committeeId"
              label={t('charity.assign.committee')}
              extra={t('charity.assign.committeeHint')}
              rules={[{ required: true, message: t('charity.form.required', { label: t('charity.assign.committee') }) }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={opts.data?.committees.map((c) => ({
                  value: c.id,
                  label: `${c.name}（${t('charity.assign.childrenCount', { n: c.children })}）`,
                  disabled: c.children === 0,
                }))}
              />
            </Form.Item>
          )}
          <Form.Item name="projectId" label={t('charity.assign.project')}>
            <Select allowClear options={opts.data?.projects.map((p) => ({ value: p.id, label: `${p.name}（${p.organisation}）` }))} />
          </Form.Item>
          <Form.Item name="note" label={t('charity.assign.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}
