/**
 * 社会组织: the register (filters: kind, service street, text; in register or not), and for
 * organisations.manage holders registering and editing an organisation. The 统一社会信用代码 is
 * checked in the form with the same rule as the server (GB 32100-2015 check character).
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { FilterSelect } from '../../components/FilterSelect';
import { FormModal } from '../../components/FormModal';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/useT';
import { ORG_KINDS, creditCodeProblem, orgApi, orgKeys, type OrgKind, type Organisation, type OrganisationQuery } from './api';
import { useSearchPatch } from '../../hooks/useSearchPatch';

export default function OrganisationsPage() {
  const t = useT();
  const { can } = useAuth();
  const manage = can('organisations.manage');
  const navigate = useNavigate();
  const [params, set] = useSearchPatch();
  const [editing, setEditing] = useState<Organisation | 'new' | null>(null);
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('size') ?? '20') || 20;
  const kind = ORG_KINDS.find((k) => k === params.get('kind'));
  const street = params.get('street') ?? undefined;
  const text = params.get('q') ?? undefined;
  const inactive = params.get('inactive') === 'true';
  const query: OrganisationQuery = {
    page,
    pageSize,
    ...(kind ? { kind } : {}),
    ...(street ? { street } : {}),
    ...(text ? { q: text } : {}),
    ...(inactive ? {} : { active: 'true' as const }),
  };
  const list = useQuery({ queryKey: orgKeys.list(query), queryFn: () => orgApi.list(query) });
  const options = useQuery({ queryKey: orgKeys.options, queryFn: orgApi.options, staleTime: 600_000 });
  const streetName = new Map((options.data?.streets ?? []).map((s) => [s.code, s.name]));
  const streetsOf = (o: Organisation) => o.serviceStreets.map((s) => streetName.get(s) ?? s).join('、') || '—';
  const actions = (o: Organisation) => (
    <Space size={4} wrap>
      <Button size="small" onClick={() => void navigate(`/organisations/projects?org=${o.id}`)}>
        {t('organisations.act.projects')}
      </Button>
      {manage ? (
        <Button size="small" onClick={() => setEditing(o)}>
          {t('organisations.act.edit')}
        </Button>
      ) : null}
    </Space>
  );
  const columns: TableColumnsType<Organisation> = [
    {
      title: t('organisations.col.name'),
      key: 'name',
      render: (_, o) => (
        <Space direction="vertical" size={0}>
          <Space size={4} wrap>
            <Typography.Text strong>{o.name}</Typography.Text>
            {o.incubated ? <Tag color="cyan">{t('organisations.incubated')}</Tag> : null}
            {!o.active ? <Tag>{t('organisations.inactive')}</Tag> : null}
          </Space>
          <Typography.Text type="secondary">{o.creditCode ?? '—'}</Typography.Text>
        </Space>
      ),
    },
    { title: t('organisations.col.kind'), key: 'kind', render: (_, o) => <Tag color="blue">{t(`organisations.kind.${o.kind}`)}</Tag> },
    { title: t('organisations.col.streets'), key: 'streets', render: (_, o) => streetsOf(o) },
    { title: t('organisations.col.staff'), dataIndex: 'staffCount', key: 'staff', render: (n: number | null) => n ?? '—' },
    { title: t('organisations.col.contact'), key: 'contact', render: (_, o) => [o.contactName, o.contactPhone].filter(Boolean).join(' ') || '—' },
    { title: t('organisations.col.running'), dataIndex: 'projectsRunning', key: 'running' },
    { title: t('organisations.col.actions'), key: 'actions', render: (_, o) => actions(o) },
  ];
  return (
    <>
      <PageHeader
        title={t('organisations.nav.register')}
        extra={
          manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('organisations.act.new')}
            </Button>
          ) : null
        }
      />
      {list.error ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : null}
      <ListScaffold<Organisation>
        filters={
          <Flex gap={8} wrap align="center">
            <FilterSelect<OrgKind>
              label={t('organisations.col.kind')}
              minWidth={160}
              value={kind}
              onChange={(v) => set({ kind: v, page: undefined })}
              options={ORG_KINDS.map((k) => ({ value: k, label: t(`organisations.kind.${k}`) }))}
            />
            <FilterSelect<string>
              label={t('organisations.col.streets')}
              minWidth={140}
              value={street}
              onChange={(v) => set({ street: v, page: undefined })}
              options={(options.data?.streets ?? []).map((s) => ({ value: s.code, label: s.name }))}
            />
            <Input.Search
              allowClear
              aria-label={t('organisations.search')}
              placeholder={t('organisations.search')}
              defaultValue={text}
              style={{ width: 220 }}
              onSearch={(v) => set({ q: v.trim() || undefined, page: undefined })}
            />
            <Checkbox checked={inactive} onChange={(e) => set({ inactive: e.target.checked ? 'true' : undefined, page: undefined })}>
              {t('organisations.showInactive')}
            </Checkbox>
          </Flex>
        }
        items={list.data?.items}
        total={list.data?.total}
        loading={list.isLoading}
        rowKey="id"
        columns={columns}
        emptyText={t('organisations.empty')}
        paging={{ page, pageSize, onChange: (p, s) => set({ page: String(p), size: String(s) }) }}
        renderMobile={(o) => (
          <Card size="small" style={{ width: '100%' }} data-testid="org-card">
            <Flex vertical gap={6}>
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text strong>{o.name}</Typography.Text>
                <Tag color="blue">{t(`organisations.kind.${o.kind}`)}</Tag>
              </Flex>
              <Typography.Text type="secondary">{o.creditCode ?? '—'}</Typography.Text>
              <Typography.Text type="secondary">
                {streetsOf(o)} · {t('organisations.col.running')} {o.projectsRunning}
              </Typography.Text>
              {actions(o)}
            </Flex>
          </Card>
        )}
      />
      {editing ? <OrgModal org={editing === 'new' ? null : editing} streets={options.data?.streets ?? []} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

interface OrgForm {
  name: string;
  kind: OrgKind;
  creditCode?: string;
  registeredOn?: Dayjs;
  registrationAuthority?: string;
  staffCount?: number;
  capacityNote?: string;
  serviceStreets: string[];
  contactName?: string;
  contactPhone?: string;
  incubated: boolean;
  incubatedOn?: Dayjs;
  active: boolean;
  note?: string;
}

function OrgModal({ org, streets, onClose }: { org: Organisation | null; streets: { code: string; name: string }[]; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgForm>();
  const incubated = Form.useWatch('incubated', form);
  const day = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : null);
  return (
    <FormModal<OrgForm>
      form={form}
      layout="vertical"
      width={640}
      title={org ? `${t('organisations.act.edit')} · ${org.name}` : t('organisations.act.new')}
      onClose={onClose}
      initialValues={
        org
          ? {
              name: org.name,
              kind: org.kind,
              creditCode: org.creditCode ?? undefined,
              registeredOn: org.registeredOn ? dayjs(org.registeredOn) : undefined,
              registrationAuthority: org.registrationAuthority ?? undefined,
              staffCount: org.staffCount ?? undefined,
              capacityNote: org.capacityNote ?? undefined,
              serviceStreets: org.serviceStreets,
              contactName: org.contactName ?? undefined,
              contactPhone: org.contactPhone ?? undefined,
              incubated: org.incubated,
              incubatedOn: org.incubatedOn ? dayjs(org.incubatedOn) : undefined,
              active: org.active,
              note: org.note ?? undefined,
            }
          : { kind: 'social_work_agency', serviceStreets: [], incubated: false, active: true }
      }
      onSubmit={async (v) => {
        const body = {
          name: v.name,
          kind: v.kind,
          creditCode: v.creditCode?.trim() || null,
          registeredOn: day(v.registeredOn),
          registrationAuthority: v.registrationAuthority ?? null,
          staffCount: v.staffCount ?? null,
          capacityNote: v.capacityNote ?? null,
          serviceStreets: v.serviceStreets,
          contactName: v.contactName ?? null,
          contactPhone: v.contactPhone ?? null,
          incubated: v.incubated,
          incubatedOn: v.incubated ? day(v.incubatedOn) : null,
          active: v.active,
          note: v.note ?? null,
        };
        if (org) await orgApi.update(org.id, { ...body, version: org.version });
        else await orgApi.create(body);
        void message.success(t('organisations.saved'));
        await qc.invalidateQueries({ queryKey: orgKeys.all });
        onClose();
      }}
    >
      <Form.Item
        name="name"
        label={t('organisations.col.name')}
        rules={[{ required: true, whitespace: true, message: t('organisations.required', { label: t('organisations.col.name') }) }]}
      >
        <Input maxLength={80} />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="kind" label={t('organisations.col.kind')} style={{ flex: 1, minWidth: 180 }}>
          <Select options={ORG_KINDS.map((k) => ({ value: k, label: t(`organisations.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('organisations.creditCode')}
          style={{ flex: 1, minWidth: 220 }}
          normalize={(v: string) => v.toUpperCase()}
          rules={[
            {
              validator: async (_, v: string | undefined) => {
                const p = v?.trim() ? creditCodeProblem(v.trim().toUpperCase()) : null;
                if (p) throw new Error(p);
              },
            },
          ]}
        >
          <Input maxLength={18} placeholder={t('organisations.creditCode.help')} />
        </Form.Item>
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item name="registeredOn" label={t('organisations.registeredOn')} style={{ minWidth: 160 }}>
          <DatePicker format="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item name="registrationAuthority" label={t('organisations.authority')} style={{ flex: 1, minWidth: 180 }}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="staffCount" label={t('organisations.col.staff')}>
          <InputNumber min={0} precision={0} />
        </Form.Item>
      </Flex>
      <Form.Item name="serviceStreets" label={t('organisations.col.streets')}>
        <Select mode="multiple" options={streets.map((s) => ({ value: s.code, label: s.name }))} />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="contactName" label={t('organisations.contactName')} style={{ flex: 1, minWidth: 160 }}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={t('organisations.contactPhone')}
          style={{ flex: 1, minWidth: 160 }}
          rules={[{ pattern: /^[0-9-]{0,20}$/, message: t('organisations.phoneBad') }]}
        >
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
      </Flex>
      <Flex gap={12} wrap align="end">
        <Form.Item name="incubated" valuePropName="checked">
          <Checkbox>{t('organisations.incubated')}</Checkbox>
        </Form.Item>
        {incubated ? (
          <Form.Item
            name="incubatedOn"
            label={t('organisations.incubatedOn')}
            rules={[{ required: true, message: t('organisations.required', { label: t('organisations.incubatedOn') }) }]}
          >
            <DatePicker format="YYYY-MM-DD" />
          </Form.Item>
        ) : null}
        <Form.Item name="active" valuePropName="checked">
          <Checkbox>{t('organisations.active')}</Checkbox>
        </Form.Item>
      </Flex>
      <Form.Item name="capacityNote" label={t('organisations.capacity')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Form.Item name="note" label={t('organisations.note')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
