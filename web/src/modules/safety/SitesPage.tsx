/**
 * 场所登记: schools, kindergartens, protection institutions, childcare, river sections. Everyone with
 * safety.read lists them (filters: kind, street, responsible unit, text; only the sites my unit may
 * inspect); safety.manage registers, edits, deactivates (with confirmation) and reactivates.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Flex, Form, Input, Popconfirm, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { FilterSelect } from '../../components/FilterSelect';
import { FormModal } from '../../components/FormModal';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../components/format';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { SITE_KINDS, safetyApi, safetyKeys, type Site, type SiteKind, type SiteQuery } from './api';
import { KindTag } from './labels';
import { useSearchPatch } from '../../hooks/useSearchPatch';

export default function SitesPage() {
  const t = useT();
  const { can } = useAuth();
  const manage = can('safety.manage');
  const navigate = useNavigate();
  const [params, set] = useSearchPatch();
  const [editing, setEditing] = useState<Site | 'new' | null>(null);
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('size') ?? '20') || 20;
  const kind = SITE_KINDS.find((k) => k === params.get('kind'));
  const street = params.get('street') ?? undefined;
  const unit = params.get('unit') ?? undefined;
  const text = params.get('q') ?? undefined;
  const mine = params.get('mine') === 'true';
  const inactive = params.get('inactive') === 'true';
  const query: SiteQuery = {
    page,
    pageSize,
    ...(kind ? { kind } : {}),
    ...(street ? { street } : {}),
    ...(unit ? { responsibleUnit: unit } : {}),
    ...(text ? { q: text } : {}),
    ...(mine ? { mine: 'true' as const } : {}),
    ...(inactive ? { includeInactive: 'true' as const } : {}),
  };
  const list = useQuery({ queryKey: safetyKeys.sites(query), queryFn: () => safetyApi.sites(query) });
  const options = useQuery({ queryKey: safetyKeys.options, queryFn: safetyApi.options, staleTime: 600_000 });

  const actions = (s: Site) => (
    <Space size={4} wrap>
      {s.canInspect ? (
        <Button size="small" type="primary" onClick={() => void navigate(`/safety/inspect/${s.id}`)}>
          {t('safety.act.inspect')}
        </Button>
      ) : null}
      {manage ? <SiteManageActions site={s} onEdit={() => setEditing(s)} /> : null}
    </Space>
  );
  const columns: TableColumnsType<Site> = [
    {
      title: t('safety.col.site'),
      key: 'name',
      render: (_, s) => (
        <Space direction="vertical" size={0}>
          <Space size={4}>
            <Typography.Text strong>{s.name}</Typography.Text>
            {!s.active ? <Tag>{t('safety.site.inactive')}</Tag> : null}
          </Space>
          <Typography.Text type="secondary">{s.address}</Typography.Text>
        </Space>
      ),
    },
    { title: t('safety.col.kind'), key: 'kind', render: (_, s) => <KindTag kind={s.kind} /> },
    { title: t('safety.col.street'), dataIndex: 'streetName', key: 'street' },
    { title: t('safety.col.responsible'), dataIndex: 'responsibleUnitName', key: 'responsible' },
    { title: t('safety.col.inspecting'), key: 'inspecting', render: (_, s) => s.inspectingUnits.map((u) => u.name).join('、') || '—' },
    { title: t('safety.col.lastInspected'), dataIndex: 'lastInspectedOn', key: 'last', render: (d: string | null) => formatDate(d) || '—' },
    {
      title: t('safety.col.openHazards'),
      dataIndex: 'openHazards',
      key: 'open',
      render: (n: number) => (n > 0 ? <Typography.Text type="warning">{n}</Typography.Text> : 0),
    },
    { title: t('safety.col.actions'), key: 'actions', render: (_, s) => actions(s) },
  ];
  return (
    <>
      <PageHeader
        title={t('safety.nav.sites')}
        extra={
          manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('safety.act.newSite')}
            </Button>
          ) : null
        }
      />
      {list.error ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : null}
      <ListScaffold<Site>
        filters={
          <Flex gap={8} wrap align="center">
            <FilterSelect<SiteKind>
              label={t('safety.filter.kind')}
              minWidth={150}
              value={kind}
              onChange={(v) => set({ kind: v, page: undefined })}
              options={SITE_KINDS.map((k) => ({ value: k, label: t(`safety.kind.${k}`) }))}
            />
            <FilterSelect<string>
              label={t('safety.filter.street')}
              minWidth={140}
              value={street}
              onChange={(v) => set({ street: v, page: undefined })}
              options={(options.data?.streets ?? []).map((s) => ({ value: s.code, label: s.name }))}
            />
            <FilterSelect<string>
              label={t('safety.filter.responsible')}
              minWidth={170}
              search
              value={unit}
              onChange={(v) => set({ unit: v, page: undefined })}
              options={(options.data?.units ?? []).map((u) => ({ value: u.code, label: u.name }))}
            />
            <Input.Search
              allowClear
              aria-label={t('safety.filter.search')}
              placeholder={t('safety.filter.search')}
              defaultValue={text}
              style={{ width: 200 }}
              onSearch={(v) => set({ q: v.trim() || undefined, page: undefined })}
            />
            {can('safety.inspect') ? (
              <Checkbox checked={mine} onChange={(e) => set({ mine: e.target.checked ? 'true' : undefined, page: undefined })}>
                {t('safety.filter.mine')}
              </Checkbox>
            ) : null}
            {manage ? (
              <Checkbox checked={inactive} onChange={(e) => set({ inactive: e.target.checked ? 'true' : undefined, page: undefined })}>
                {t('safety.filter.inactive')}
              </Checkbox>
            ) : null}
          </Flex>
        }
        items={list.data?.items}
        total={list.data?.total}
        loading={list.isLoading}
        rowKey="id"
        columns={columns}
        emptyText={t('safety.empty.sites')}
        paging={{ page, pageSize, onChange: (p, s) => set({ page: String(p), size: String(s) }) }}
        renderMobile={(s) => (
          <Card size="small" style={{ width: '100%' }} data-testid="site-card">
            <Flex vertical gap={6}>
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text strong>{s.name}</Typography.Text>
                <KindTag kind={s.kind} />
              </Flex>
              <Typography.Text type="secondary">
                {s.streetName} · {s.responsibleUnitName}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('safety.col.lastInspected')} {formatDate(s.lastInspectedOn) || '—'} · {t('safety.col.openHazards')} {s.openHazards}
              </Typography.Text>
              {actions(s)}
            </Flex>
          </Card>
        )}
      />
      {editing ? <SiteModal site={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

function SiteManageActions({ site, onEdit }: { site: Site; onEdit: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const showError = useApiError();
  const toggle = async () => {
    try {
      if (site.active) await safetyApi.deactivateSite(site.id, site.version);
      else await safetyApi.reactivateSite(site.id, site.version);
      void message.success(site.active ? t('safety.deactivate.done') : t('safety.reactivate.done'));
      await qc.invalidateQueries({ queryKey: safetyKeys.all });
    } catch (err) {
      showError(err);
    }
  };
  return (
    <>
      <Button size="small" onClick={onEdit}>
        {t('safety.act.edit')}
      </Button>
      {site.active ? (
        <Popconfirm title={t('safety.deactivate.ask', { name: site.name })} description={t('safety.deactivate.help')} onConfirm={() => void toggle()}>
          <Button size="small" danger>
            {t('safety.act.deactivate')}
          </Button>
        </Popconfirm>
      ) : (
        <Button size="small" onClick={() => void toggle()}>
          {t('safety.act.reactivate')}
        </Button>
      )}
    </>
  );
}

interface SiteForm {
  name: string;
  kind: SiteKind;
  streetCode: string;
  address?: string;
  responsibleUnitCode: string;
  inspectingUnits: string[];
  note?: string;
}

function SiteModal({ site, onClose }: { site: Site | null; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<SiteForm>();
  const options = useQuery({ queryKey: safetyKeys.options, queryFn: safetyApi.options, staleTime: 600_000 });
  const units = (options.data?.units ?? []).map((u) => ({ value: u.code, label: u.name }));
  const req = (label: string) => [{ required: true, whitespace: true, message: t('safety.required', { label }) }];
  return (
    <FormModal<SiteForm>
      form={form}
      layout="vertical"
      title={site ? `${t('safety.site.edit')} · ${site.name}` : t('safety.site.new')}
      onClose={onClose}
      initialValues={
        site
          ? {
              name: site.name,
              kind: site.kind,
              streetCode: site.streetCode ?? undefined,
              address: site.address ?? undefined,
              responsibleUnitCode: site.responsibleUnitCode,
              inspectingUnits: site.inspectingUnits.map((u) => u.code),
              note: site.note ?? undefined,
            }
          : { kind: 'school', inspectingUnits: [] }
      }
      onSubmit={async (v) => {
        const body = { ...v, address: v.address ?? null, note: v.note ?? null, inspectingUnits: v.inspectingUnits };
        if (site) await safetyApi.updateSite(site.id, { ...body, version: site.version });
        else await safetyApi.createSite(body);
        void message.success(t('safety.site.saved'));
        await qc.invalidateQueries({ queryKey: safetyKeys.all });
        onClose();
      }}
    >
      <Form.Item name="name" label={t('safety.site.name')} rules={req(t('safety.site.name'))}>
        <Input maxLength={80} />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="kind" label={t('safety.col.kind')} style={{ flex: 1, minWidth: 180 }}>
          <Select options={SITE_KINDS.map((k) => ({ value: k, label: t(`safety.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="streetCode" label={t('safety.col.street')} rules={req(t('safety.col.street'))} style={{ flex: 1, minWidth: 160 }}>
          <Select options={(options.data?.streets ?? []).map((s) => ({ value: s.code, label: s.name }))} />
        </Form.Item>
      </Flex>
      <Form.Item name="address" label={t('safety.site.address')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="responsibleUnitCode" label={t('safety.col.responsible')} rules={req(t('safety.col.responsible'))}>
        <Select showSearch={{ optionFilterProp: 'label' }} options={units} />
      </Form.Item>
      <Form.Item name="inspectingUnits" label={t('safety.col.inspecting')}>
        <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={units} />
      </Form.Item>
      <Form.Item name="note" label={t('safety.site.note')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
