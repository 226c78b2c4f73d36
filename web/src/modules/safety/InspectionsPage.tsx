/** 检查记录: inspections newest first (all, or my unit's), with each one's results and hazards in a drawer. */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Card, Checkbox, Descriptions, Drawer, Flex, List, Space, Spin, Tag, Typography, type TableColumnsType } from 'antd';
import { ErrorResult } from '../../components/ErrorResult';
import { FilterSelect } from '../../components/FilterSelect';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../components/format';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { SITE_KINDS, safetyApi, safetyKeys, type InspectionList, type InspectionQuery, type SiteKind } from './api';
import { HazardActions } from './HazardActions';
import { KindTag, SeverityTag, StatusTags } from './labels';
import { useSearchPatch } from '../../hooks/useSearchPatch';

type Row = InspectionList['items'][number];

export default function InspectionsPage() {
  const t = useT();
  const [params, set] = useSearchPatch();
  const [open, setOpen] = useState<string | null>(null);
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('size') ?? '20') || 20;
  const kind = SITE_KINDS.find((k) => k === params.get('kind'));
  const mine = params.get('mine') === 'true';
  const query: InspectionQuery = { page, pageSize, ...(kind ? { kind } : {}), ...(mine ? { mine: 'true' as const } : {}) };
  const list = useQuery({ queryKey: safetyKeys.inspections(query), queryFn: () => safetyApi.inspections(query) });
  const columns: TableColumnsType<Row> = [
    { title: t('safety.col.date'), dataIndex: 'inspectedOn', key: 'date', render: (d: string) => formatDate(d) },
    {
      title: t('safety.col.site'),
      key: 'site',
      render: (_, r) => (
        <Space size={4} wrap>
          <Typography.Link onClick={() => setOpen(r.id)}>{r.siteName}</Typography.Link>
          <KindTag kind={r.siteKind} />
        </Space>
      ),
    },
    { title: t('safety.col.street'), dataIndex: 'streetName', key: 'street' },
    { title: t('safety.col.unit'), dataIndex: 'unitName', key: 'unit' },
    {
      title: t('safety.col.checklist'),
      key: 'checklist',
      render: (_, r) => `${r.checklistName}（${t('safety.checklists.version', { n: r.checklistVersion })}）`,
    },
    { title: t('safety.col.issues'), dataIndex: 'issues', key: 'issues', render: (n: number) => (n > 0 ? <Tag color="orange">{n}</Tag> : 0) },
  ];
  return (
    <>
      <PageHeader title={t('safety.nav.inspections')} />
      {list.error ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : null}
      <ListScaffold<Row>
        filters={
          <Flex gap={8} wrap align="center">
            <FilterSelect<SiteKind>
              label={t('safety.filter.kind')}
              minWidth={150}
              value={kind}
              onChange={(v) => set({ kind: v, page: undefined })}
              options={SITE_KINDS.map((k) => ({ value: k, label: t(`safety.kind.${k}`) }))}
            />
            <Checkbox checked={mine} onChange={(e) => set({ mine: e.target.checked ? 'true' : undefined, page: undefined })}>
              {t('safety.tab.mineInspections')}
            </Checkbox>
          </Flex>
        }
        items={list.data?.items}
        total={list.data?.total}
        loading={list.isLoading}
        rowKey="id"
        columns={columns}
        emptyText={t('safety.empty.inspections')}
        paging={{ page, pageSize, onChange: (p, s) => set({ page: String(p), size: String(s) }) }}
        renderMobile={(r) => (
          <Card size="small" style={{ width: '100%' }} onClick={() => setOpen(r.id)}>
            <Flex vertical gap={4}>
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong>{r.siteName}</Typography.Text>
                <Typography.Text type="secondary">{formatDate(r.inspectedOn)}</Typography.Text>
              </Flex>
              <Typography.Text type="secondary">
                {r.unitName} · {r.checklistName}
                {r.issues > 0 ? ` · ${t('safety.col.issues')} ${r.issues}` : ''}
              </Typography.Text>
            </Flex>
          </Card>
        )}
      />
      {open ? <InspectionDrawer id={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

function InspectionDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const q = useQuery({ queryKey: safetyKeys.inspection(id), queryFn: () => safetyApi.inspection(id) });
  const d = q.data;
  return (
    <Drawer open onClose={onClose} width={mobile ? '100%' : 640} title={d ? `${d.siteName} · ${formatDate(d.inspectedOn)}` : ''}>
      {q.error ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} /> : null}
      {!d ? <Spin /> : null}
      {d ? (
        <Flex vertical gap={16}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('safety.col.unit')}>{d.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('safety.detail.inspector')}>{d.inspectorName ?? '—'}</Descriptions.Item>
            <Descriptions.Item
              label={t('safety.col.checklist')}
            >{`${d.checklistName}（${t('safety.checklists.version', { n: d.checklistVersion })}）`}</Descriptions.Item>
            <Descriptions.Item label={t('safety.inspect.findings')}>{d.findings ?? '—'}</Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Title level={5}>{t('safety.detail.results')}</Typography.Title>
            <List
              size="small"
              dataSource={d.results}
              renderItem={(r) => (
                <List.Item>
                  <Flex justify="space-between" gap={8} style={{ width: '100%' }}>
                    <span>
                      {r.text}
                      {r.note ? <Typography.Text type="secondary">{`（${r.note}）`}</Typography.Text> : null}
                    </span>
                    <Tag color={r.result === 'issue' ? 'orange' : r.result === 'ok' ? 'green' : 'default'}>{t(`safety.result.${r.result}`)}</Tag>
                  </Flex>
                </List.Item>
              )}
            />
          </div>
          {d.hazards.length ? (
            <div>
              <Typography.Title level={5}>{t('safety.detail.hazards')}</Typography.Title>
              {d.hazards.map((h) => (
                <Card key={h.id} size="small" style={{ marginBottom: 8 }}>
                  <Flex vertical gap={4}>
                    <Space size={4} wrap>
                      <SeverityTag severity={h.severity} />
                      <StatusTags hazard={h} />
                    </Space>
                    <Typography.Text>{h.description}</Typography.Text>
                    <Typography.Text type="secondary">
                      {h.responsibleUnitName} · {t('safety.col.deadline')} {formatDate(h.deadline)}
                    </Typography.Text>
                    <HazardActions hazard={h} />
                  </Flex>
                </Card>
              ))}
            </div>
          ) : null}
        </Flex>
      ) : null}
    </Drawer>
  );
}
