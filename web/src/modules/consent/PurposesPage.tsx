import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, List, Select, Space, Switch, Tag, Typography } from 'antd';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n/useT';
import { BASES, consentApi, consentKeys, type Purpose, type PurposeUpdate } from './api';

/**
 * 处理目的与合法性基础: the register of processing purposes, each with its lawful basis and legal
 * source; the district's civil affairs (consent.manage) correct them. Everyone else reads.
 */
export default function PurposesPage() {
  const t = useT();
  const q = useQuery({ queryKey: consentKeys.purposes, queryFn: consentApi.purposes });
  const [editing, setEditing] = useState<Purpose | null>(null);
  if (q.error && !q.data) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Card title={t('consent.purposes.title')}>
      <Typography.Paragraph type="secondary">{t('consent.purposes.intro')}</Typography.Paragraph>
      <List
        loading={q.isLoading}
        dataSource={q.data?.items}
        locale={{ emptyText: <Empty description={t('consent.purposes.empty')} /> }}
        renderItem={(p) => (
          <List.Item
            actions={
              q.data?.canManage
                ? [
                    <Button key="e" type="link" onClick={() => setEditing(p)}>
                      {t('consent.purposes.edit')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <span>{p.name}</span>
                  <Tag color={p.basis === 'consent' ? 'orange' : 'blue'}>{t(`consent.basis.${p.basis}`)}</Tag>
                  {p.defaultOnFile ? <Tag>{t('consent.purposes.defaultOnFile')}</Tag> : null}
                  {p.anonymised ? <Tag>{t('consent.purposes.anonymised')}</Tag> : null}
                  {!p.active ? <Tag color="red">{t('consent.purposes.inactive')}</Tag> : null}
                </Space>
              }
              description={p.legalText}
            />
          </List.Item>
        )}
      />
      {editing ? <PurposeModal purpose={editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}

function PurposeModal({ purpose, onClose }: { purpose: Purpose; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<PurposeUpdate>();
  return (
    <FormModal<PurposeUpdate>
      form={form}
      title={purpose.name}
      onClose={onClose}
      layout="vertical"
      name="purposeEdit"
      initialValues={{
        name: purpose.name,
        basis: purpose.basis,
        legalText: purpose.legalText,
        anonymised: purpose.anonymised,
        defaultOnFile: purpose.defaultOnFile,
        active: purpose.active,
      }}
      onSubmit={async (v) => {
        await consentApi.updatePurpose(purpose.code, { ...v, version: purpose.version });
        void message.success(t('consent.purposes.saved'));
        void qc.invalidateQueries({ queryKey: consentKeys.all });
        onClose();
      }}
    >
      <Form.Item name="name" label={t('consent.purposes.name')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="basis" label={t('consent.col.basis')} rules={[{ required: true }]}>
        <Select options={BASES.map((b) => ({ value: b, label: t(`consent.basis.${b}`) }))} />
      </Form.Item>
      <Form.Item name="legalText" label={t('consent.legalText')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea rows={4} maxLength={1000} showCount />
      </Form.Item>
      <Space wrap size="large">
        <Form.Item name="defaultOnFile" label={t('consent.purposes.defaultOnFile')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="anonymised" label={t('consent.purposes.anonymised')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="active" label={t('consent.purposes.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>
    </FormModal>
  );
}
