/**
 * 项目: the commissioned, incubated and cooperation projects of the organisations (filters:
 * organisation, kind, status, street), a new project for organisations.manage holders, and a link
 * to each project's page with the children it serves.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { FilterSelect } from '../../components/FilterSelect';
import { FormModal } from '../../components/FormModal';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/useT';
import { useSearchPatch } from '../../hooks/useSearchPatch';
import {
  PROJECT_KINDS,
  PROJECT_STATUSES,
  orgApi,
  orgKeys,
  type OrganisationOptions,
  type Project,
  type ProjectKind,
  type ProjectQuery,
  type ProjectStatus,
} from './api';

export const statusColor = (s: ProjectStatus) => (s === 'running' ? 'green' : s === 'planned' ? 'blue' : s === 'cancelled' ? 'red' : 'default');

export default function ProjectsPage() {
  const t = useT();
  const { can } = useAuth();
  const manage = can('organisations.manage');
  const [params, set] = useSearchPatch();
  const [editing, setEditing] = useState<Project | 'new' | null>(null);
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('size') ?? '20') || 20;
  const kind = PROJECT_KINDS.find((k) => k === params.get('kind'));
  const status = PROJECT_STATUSES.find((k) => k === params.get('status'));
  const org = params.get('org') ?? undefined;
  const street = params.get('street') ?? undefined;
  const query: ProjectQuery = {
    page,
    pageSize,
    ...(kind ? { kind } : {}),
    ...(status ? { status } : {}),
    ...(org ? { organisationId: org } : {}),
    ...(street ? { street } : {}),
  };
  const list = useQuery({ queryKey: orgKeys.projects(query), queryFn: () => orgApi.projects(query) });
  const options = useQuery({ queryKey: orgKeys.options, queryFn: orgApi.options, staleTime: 600_000 });
  const streetName = new Map((options.data?.streets ?? []).map((s) => [s.code, s.name]));
  const streetsOf = (p: Project) => p.streets.map((s) => streetName.get(s) ?? s).join('、') || '—';
  const columns: TableColumnsType<Project> = [
    {
      title: t('organisations.project.name'),
      key: 'name',
      render: (_, p) => (
        <Space direction="vertical" size={0}>
          <Link to={`/organisations/projects/${p.id}`}>{p.name}</Link>
          <Typography.Text type="secondary">{p.organisationName}</Typography.Text>
        </Space>
      ),
    },
    { title: t('organisations.project.kind'), key: 'kind', render: (_, p) => <Tag>{t(`organisations.projectKind.${p.kind}`)}</Tag> },
    {
      title: t('organisations.project.status'),
      key: 'status',
      render: (_, p) => <Tag color={statusColor(p.status)}>{t(`organisations.status.${p.status}`)}</Tag>,
    },
    { title: t('organisations.project.period'), key: 'period', render: (_, p) => `${p.startsOn} — ${p.endsOn}` },
    { title: t('organisations.col.streets'), key: 'streets', render: (_, p) => streetsOf(p) },
    {
      title: t('organisations.project.served'),
      key: 'served',
      render: (_, p) => `${p.childrenServed}${p.childrenTarget !== null ? ` / ${p.childrenTarget}` : ''}`,
    },
    {
      title: t('organisations.col.actions'),
      key: 'a',
      render: (_, p) =>
        manage ? (
          <Button size="small" onClick={() => setEditing(p)}>
            {t('organisations.act.edit')}
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <PageHeader
        title={t('organisations.nav.projects')}
        extra={
          manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('organisations.act.newProject')}
            </Button>
          ) : null
        }
      />
      {list.error ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : null}
      <ListScaffold<Project>
        filters={
          <Flex gap={8} wrap align="center">
            <FilterSelect<string>
              label={t('organisations.project.org')}
              minWidth={200}
              search
              value={org}
              onChange={(v) => set({ org: v, page: undefined })}
              options={(options.data?.organisations ?? []).map((o) => ({ value: o.id, label: o.name }))}
            />
            <FilterSelect<ProjectKind>
              label={t('organisations.project.kind')}
              minWidth={140}
              value={kind}
              onChange={(v) => set({ kind: v, page: undefined })}
              options={PROJECT_KINDS.map((k) => ({ value: k, label: t(`organisations.projectKind.${k}`) }))}
            />
            <FilterSelect<ProjectStatus>
              label={t('organisations.project.status')}
              minWidth={120}
              value={status}
              onChange={(v) => set({ status: v, page: undefined })}
              options={PROJECT_STATUSES.map((k) => ({ value: k, label: t(`organisations.status.${k}`) }))}
            />
            <FilterSelect<string>
              label={t('organisations.col.streets')}
              minWidth={140}
              value={street}
              onChange={(v) => set({ street: v, page: undefined })}
              options={(options.data?.streets ?? []).map((s) => ({ value: s.code, label: s.name }))}
            />
          </Flex>
        }
        items={list.data?.items}
        total={list.data?.total}
        loading={list.isLoading}
        rowKey="id"
        columns={columns}
        emptyText={t('organisations.project.empty')}
        paging={{ page, pageSize, onChange: (p, s) => set({ page: String(p), size: String(s) }) }}
        renderMobile={(p) => (
          <Card size="small" style={{ width: '100%' }} data-testid="project-card">
            <Flex vertical gap={6}>
              <Flex justify="space-between" gap={8} wrap>
                <Link to={`/organisations/projects/${p.id}`}>{p.name}</Link>
                <Tag color={statusColor(p.status)}>{t(`organisations.status.${p.status}`)}</Tag>
              </Flex>
              <Typography.Text type="secondary">
                {p.organisationName} · {t(`organisations.projectKind.${p.kind}`)}
              </Typography.Text>
              <Typography.Text type="secondary">
                {p.startsOn} — {p.endsOn} · {t('organisations.project.served')} {p.childrenServed}
              </Typography.Text>
            </Flex>
          </Card>
        )}
      />
      {editing && options.data ? <ProjectModal project={editing === 'new' ? null : editing} options={options.data} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

interface ProjectForm {
  organisationId: string;
  name: string;
  kind: ProjectKind;
  commissioningUnitCode?: string;
  budget?: number;
  period: [Dayjs, Dayjs];
  deliverables?: string;
  childrenTarget?: number;
  streets: string[];
  planTasks: number[];
  status: ProjectStatus;
  note?: string;
}

export function ProjectModal({ project, options, onClose }: { project: Project | null; options: OrganisationOptions; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProjectForm>();
  const kind = Form.useWatch('kind', form);
  const today = dayjs(options.today);
  return (
    <FormModal<ProjectForm>
      form={form}
      layout="vertical"
      width={640}
      title={project ? `${t('organisations.act.edit')} · ${project.name}` : t('organisations.act.newProject')}
      onClose={onClose}
      initialValues={
        project
          ? {
              organisationId: project.organisationId,
              name: project.name,
              kind: project.kind,
              commissioningUnitCode: project.commissioningUnitCode ?? undefined,
              budget: project.budget ?? undefined,
              period: [dayjs(project.startsOn), dayjs(project.endsOn)],
              deliverables: project.deliverables ?? undefined,
              childrenTarget: project.childrenTarget ?? undefined,
              streets: project.streets,
              planTasks: project.planTasks,
              status: project.status,
              note: project.note ?? undefined,
            }
          : {
              kind: 'commissioned',
              commissioningUnitCode: 'civil-affairs',
              period: [today, today.add(1, 'year').subtract(1, 'day')],
              streets: [],
              planTasks: [40],
              status: 'running',
            }
      }
      onSubmit={async (v) => {
        const body = {
          organisationId: v.organisationId,
          name: v.name,
          kind: v.kind,
          commissioningUnitCode: v.commissioningUnitCode ?? null,
          budget: v.budget ?? null,
          startsOn: v.period[0].format('YYYY-MM-DD'),
          endsOn: v.period[1].format('YYYY-MM-DD'),
          deliverables: v.deliverables ?? null,
          childrenTarget: v.childrenTarget ?? null,
          streets: v.streets,
          planTasks: v.planTasks,
          status: v.status,
          note: v.note ?? null,
        };
        if (project) await orgApi.updateProject(project.id, { ...body, version: project.version });
        else await orgApi.createProject(body);
        void message.success(t('organisations.saved'));
        await qc.invalidateQueries({ queryKey: orgKeys.all });
        onClose();
      }}
    >
      <Form.Item
        name="organisationId"
        label={t('organisations.project.org')}
        rules={[{ required: true, message: t('organisations.required', { label: t('organisations.project.org') }) }]}
      >
        <Select showSearch={{ optionFilterProp: 'label' }} options={options.organisations.map((o) => ({ value: o.id, label: o.name }))} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('organisations.project.name')}
        rules={[{ required: true, whitespace: true, message: t('organisations.required', { label: t('organisations.project.name') }) }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="kind" label={t('organisations.project.kind')} style={{ flex: 1, minWidth: 150 }}>
          <Select options={PROJECT_KINDS.map((k) => ({ value: k, label: t(`organisations.projectKind.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="commissioningUnitCode"
          label={t('organisations.project.unit')}
          style={{ flex: 1, minWidth: 180 }}
          rules={kind === 'commissioned' ? [{ required: true, message: t('organisations.project.unitRequired') }] : []}
        >
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={options.units.map((u) => ({ value: u.code, label: u.name }))} />
        </Form.Item>
        <Form.Item name="status" label={t('organisations.project.status')} style={{ minWidth: 120 }}>
          <Select options={PROJECT_STATUSES.map((k) => ({ value: k, label: t(`organisations.status.${k}`) }))} />
        </Form.Item>
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item
          name="period"
          label={t('organisations.project.period')}
          rules={[{ required: true, message: t('organisations.required', { label: t('organisations.project.period') }) }]}
        >
          <DatePicker.RangePicker format="YYYY-MM-DD" allowClear={false} />
        </Form.Item>
        <Form.Item name="budget" label={t('organisations.project.budget')}>
          <InputNumber min={0} precision={2} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="childrenTarget" label={t('organisations.project.target')}>
          <InputNumber min={0} precision={0} />
        </Form.Item>
      </Flex>
      <Form.Item name="streets" label={t('organisations.col.streets')}>
        <Select mode="multiple" options={options.streets.map((s) => ({ value: s.code, label: s.name }))} />
      </Form.Item>
      <Form.Item name="planTasks" label={t('organisations.project.tasks')}>
        <Select mode="multiple" options={Array.from({ length: 40 }, (_, i) => ({ value: i + 1, label: t('organisations.project.task', { n: i + 1 }) }))} />
      </Form.Item>
      <Form.Item name="deliverables" label={t('organisations.project.deliverables')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="note" label={t('organisations.note')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
