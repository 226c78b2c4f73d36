/**
 * 检查表 (safety.manage): the latest version of each checklist; a new version edits name, site kinds,
 * items and whether it is active. Inspections already made keep the version they used; the versions
 * before stay listed.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Drawer, Empty, Flex, Form, Input, List, Row, Select, Space, Spin, Switch, Tag, Typography } from 'antd';
import { DeleteOutlined, HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/format';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { CHECK_TOPICS, SITE_KINDS, safetyApi, safetyKeys, type CheckTopic, type Checklist, type SiteKind } from './api';

export default function ChecklistsPage() {
  const t = useT();
  const [editing, setEditing] = useState<Checklist | null>(null);
  const [history, setHistory] = useState<string | null>(null);
  const q = useQuery({ queryKey: safetyKeys.checklists({ includeInactive: 'true' }), queryFn: () => safetyApi.checklists({ includeInactive: 'true' }) });
  return (
    <>
      <PageHeader title={t('safety.checklists.title')}>
        <Typography.Paragraph type="secondary">{t('safety.checklists.intro')}</Typography.Paragraph>
      </PageHeader>
      {q.error ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isLoading ? <Spin /> : null}
      {q.data && !q.data.items.length ? <Empty /> : null}
      <Row gutter={[16, 16]}>
        {q.data?.items.map((c) => (
          <Col key={c.code} xs={24} md={12} xl={8}>
            <Card
              size="small"
              title={c.name}
              extra={<Typography.Text type="secondary">{t('safety.checklists.version', { n: c.version })}</Typography.Text>}
              actions={[
                <Button key="edit" type="link" icon={<PlusOutlined />} onClick={() => setEditing(c)}>
                  {t('safety.act.newVersion')}
                </Button>,
                <Button key="history" type="link" icon={<HistoryOutlined />} onClick={() => setHistory(c.code)}>
                  {t('safety.act.history')}
                </Button>,
              ]}
            >
              <Space size={4} wrap style={{ marginBottom: 8 }}>
                {c.siteKinds.map((k) => (
                  <Tag key={k}>{t(`safety.kind.${k}`)}</Tag>
                ))}
                {!c.active ? <Tag color="default">{t('safety.checklists.inactive')}</Tag> : null}
              </Space>
              <ol style={{ paddingLeft: 20, margin: 0 }}>
                {c.items.map((it) => (
                  <li key={it.code}>{it.text}</li>
                ))}
              </ol>
            </Card>
          </Col>
        ))}
      </Row>
      {editing ? <VersionModal checklist={editing} onClose={() => setEditing(null)} /> : null}
      {history ? <HistoryDrawer code={history} onClose={() => setHistory(null)} /> : null}
    </>
  );
}

interface VersionForm {
  name: string;
  siteKinds: SiteKind[];
  active: boolean;
  items: { code: string; text: string; topic: CheckTopic }[];
}

function VersionModal({ checklist, onClose }: { checklist: Checklist; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const [form] = Form.useForm<VersionForm>();
  const req = (label: string) => [{ required: true, whitespace: true, message: t('safety.required', { label }) }];
  return (
    <FormModal<VersionForm>
      form={form}
      layout="vertical"
      width={mobile ? undefined : 880}
      title={`${t('safety.act.newVersion')} · ${checklist.name}`}
      onClose={onClose}
      initialValues={{ name: checklist.name, siteKinds: checklist.siteKinds, active: checklist.active, items: checklist.items }}
      onSubmit={async (v) => {
        const saved = await safetyApi.newChecklistVersion(checklist.code, { ...v, version: checklist.version });
        void message.success(t('safety.checklists.saved', { n: saved.version }));
        await qc.invalidateQueries({ queryKey: safetyKeys.all });
        onClose();
      }}
    >
      <Flex gap={12} wrap>
        <Form.Item name="name" label={t('safety.checklists.name')} rules={req(t('safety.checklists.name'))} style={{ flex: 1, minWidth: 220 }}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="active" label={t('safety.checklists.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Flex>
      <Form.Item
        name="siteKinds"
        label={t('safety.checklists.kinds')}
        rules={[{ required: true, message: t('safety.required', { label: t('safety.checklists.kinds') }) }]}
      >
        <Select mode="multiple" options={SITE_KINDS.map((k) => ({ value: k, label: t(`safety.kind.${k}`) }))} />
      </Form.Item>
      <Typography.Text strong>{t('safety.checklists.items')}</Typography.Text>
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Flex key={f.key} gap={8} wrap align="start" style={{ marginTop: 8 }}>
                <Form.Item name={[f.name, 'code']} rules={req(t('safety.checklists.itemCode'))} style={{ width: 120, marginBottom: 0 }}>
                  <Input placeholder={t('safety.checklists.itemCode')} maxLength={40} />
                </Form.Item>
                <Form.Item name={[f.name, 'text']} rules={req(t('safety.checklists.itemText'))} style={{ flex: 1, minWidth: 200, marginBottom: 0 }}>
                  <Input placeholder={t('safety.checklists.itemText')} maxLength={200} />
                </Form.Item>
                <Form.Item name={[f.name, 'topic']} style={{ width: 140, marginBottom: 0 }}>
                  <Select aria-label={t('safety.checklists.itemTopic')} options={CHECK_TOPICS.map((k) => ({ value: k, label: t(`safety.topic.${k}`) }))} />
                </Form.Item>
                <Button icon={<DeleteOutlined />} aria-label="删除" onClick={() => remove(f.name)} disabled={fields.length <= 1} />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => add({ code: '', text: '', topic: 'other' })}>
              {t('safety.checklists.addItem')}
            </Button>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}

function HistoryDrawer({ code, onClose }: { code: string; onClose: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const q = useQuery({ queryKey: safetyKeys.versions(code), queryFn: () => safetyApi.checklistVersions(code) });
  return (
    <Drawer open onClose={onClose} width={mobile ? '100%' : 520} title={t('safety.act.history')}>
      {q.error ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} /> : null}
      <List
        loading={q.isLoading}
        dataSource={q.data?.items}
        renderItem={(c) => (
          <List.Item>
            <List.Item.Meta
              title={`${t('safety.checklists.version', { n: c.version })} · ${c.name}${c.active ? '' : `（${t('safety.checklists.inactive')}）`}`}
              description={`${formatDateTime(c.createdAt)} ${c.createdByName ?? ''} · ${c.items.length} ${t('safety.checklists.items')}`}
            />
          </List.Item>
        )}
      />
    </Drawer>
  );
}
