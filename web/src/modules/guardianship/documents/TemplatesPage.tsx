/**
 * 文书模板: the district's guardianship document templates (guardianship.manage). Each save is a new
 * version — documents already made keep theirs. The editor lists the placeholders (click to insert),
 * checks them as the server does (an unknown one is named, and not saved), and previews the text
 * filled with sample values.
 */
import { useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Drawer, Empty, Flex, Form, Input, Row, Select, Space, Spin, Switch, Tag, Tooltip, Typography } from 'antd';
import { EditOutlined, HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { ErrorResult } from '../../../components/ErrorResult';
import { FormModal } from '../../../components/FormModal';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../components/format';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useT } from '../../../i18n/useT';
import { templateKindKey } from './DocumentsCard';
import {
  documentKeys,
  documentsApi,
  fillTemplate,
  PLACEHOLDERS,
  SAMPLE_VALUES,
  TEMPLATE_KINDS,
  templateProblems,
  type GuardianshipTemplate,
  type TemplateKind,
} from './api';

export default function TemplatesPage() {
  const t = useT();
  const [editing, setEditing] = useState<GuardianshipTemplate | 'new' | null>(null);
  const [history, setHistory] = useState<string | null>(null);
  const q = useQuery({ queryKey: documentKeys.templates(true), queryFn: () => documentsApi.templates({ includeInactive: true }) });
  return (
    <>
      <PageHeader
        title={t('guardianship.templates.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('guardianship.templates.new')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('guardianship.templates.intro')}</Typography.Paragraph>
      </PageHeader>
      {q.error ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isLoading ? <Spin /> : null}
      {q.data && !q.data.items.length ? <Empty description={t('guardianship.templates.empty')} /> : null}
      <Row gutter={[16, 16]}>
        {q.data?.items.map((tpl) => (
          <Col key={tpl.code} xs={24} md={12} xl={8}>
            <Card
              size="small"
              data-testid={`template-${tpl.code}`}
              title={
                <Space size={4} wrap>
                  {tpl.title}
                  <Tag>{t(templateKindKey(tpl.kind))}</Tag>
                </Space>
              }
              extra={<Typography.Text type="secondary">v{tpl.version}</Typography.Text>}
              actions={[
                <Button key="edit" type="link" icon={<EditOutlined />} onClick={() => setEditing(tpl)}>
                  {t('guardianship.templates.edit')}
                </Button>,
                <Button key="history" type="link" icon={<HistoryOutlined />} onClick={() => setHistory(tpl.code)}>
                  {t('guardianship.templates.history')}
                </Button>,
              ]}
            >
              <Space size={4} wrap style={{ marginBottom: 8 }}>
                {tpl.isDefault ? <Tag color="gold">{t('guardianship.templates.defaultTag')}</Tag> : null}
                {!tpl.active ? <Tag>{t('guardianship.templates.inactive')}</Tag> : null}
              </Space>
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 4 }} style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {tpl.body}
              </Typography.Paragraph>
            </Card>
          </Col>
        ))}
      </Row>
      {editing ? <TemplateModal template={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
      {history ? <HistoryDrawer code={history} onClose={() => setHistory(null)} /> : null}
    </>
  );
}

interface TemplateForm {
  code?: string;
  kind: TemplateKind;
  title: string;
  body: string;
  active: boolean;
}

function TemplateModal({ template, onClose }: { template: GuardianshipTemplate | null; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const [form] = Form.useForm<TemplateForm>();
  const body = Form.useWatch('body', form) ?? template?.body ?? '';
  const area = useRef<TextAreaRef>(null);
  const problems = templateProblems(body);

  const insert = (name: string) => {
    const el = area.current?.resizableTextArea?.textArea;
    const cur = form.getFieldsValue().body ?? '';
    const at = el ? el.selectionStart : cur.length;
    const end = el ? el.selectionEnd : cur.length;
    const token = `{{${name}}}`;
    form.setFieldValue('body', cur.slice(0, at) + token + cur.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  const submit = async (v: TemplateForm) => {
    const saved = template
      ? await documentsApi.updateTemplate(template.code, { kind: v.kind, title: v.title, body: v.body, active: v.active, version: template.version })
      : await documentsApi.createTemplate({ code: v.code ?? '', kind: v.kind, title: v.title, body: v.body });
    void message.success(t('guardianship.templates.saved', { n: saved.version }));
    await qc.invalidateQueries({ queryKey: documentKeys.all });
    onClose();
  };

  return (
    <FormModal<TemplateForm>
      form={form}
      title={template ? `${t('guardianship.templates.edit')} · ${template.title}` : t('guardianship.templates.new')}
      onClose={onClose}
      onSubmit={submit}
      layout="vertical"
      width={mobile ? undefined : 1080}
      initialValues={
        template ? { kind: template.kind, title: template.title, body: template.body, active: template.active } : { kind: 'admonition', active: true, body: '' }
      }
      intro={template?.isDefault ? <Alert type="warning" showIcon message={t('guardianship.templates.defaultTag')} style={{ marginBottom: 12 }} /> : null}
    >
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          {!template ? (
            <Form.Item
              name="code"
              label={t('guardianship.templates.f.code')}
              rules={[{ required: true, message: t('guardianship.guidance.v.required', { label: t('guardianship.templates.f.code') }) }]}
            >
              <Input maxLength={40} placeholder="例如 admonition-notice-2（小写字母、数字、连字符）" />
            </Form.Item>
          ) : null}
          <Flex gap={12} wrap>
            <Form.Item name="kind" label={t('guardianship.templates.f.kind')} style={{ minWidth: 180, flex: 1 }}>
              <Select options={TEMPLATE_KINDS.map((k) => ({ value: k, label: t(templateKindKey(k)) }))} />
            </Form.Item>
            {template ? (
              <Form.Item name="active" label={t('guardianship.templates.f.active')} valuePropName="checked">
                <Switch />
              </Form.Item>
            ) : null}
          </Flex>
          <Form.Item
            name="title"
            label={t('guardianship.templates.f.title')}
            rules={[{ required: true, whitespace: true, message: t('guardianship.guidance.v.required', { label: t('guardianship.templates.f.title') }) }]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Typography.Text strong>{t('guardianship.templates.placeholders')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ margin: '2px 0 6px' }}>
            {t('guardianship.templates.placeholderHelp')}
          </Typography.Paragraph>
          <Flex wrap gap={4} style={{ marginBottom: 8 }}>
            {PLACEHOLDERS.map((p) => (
              <Tooltip key={p.name} title={p.en}>
                <Tag color="blue" style={{ cursor: 'pointer' }} onClick={() => insert(p.name)} data-testid="placeholder-tag">
                  {`{{${p.name}}}`}
                </Tag>
              </Tooltip>
            ))}
          </Flex>
          <Form.Item
            name="body"
            label={t('guardianship.templates.f.body')}
            rules={[
              { required: true, whitespace: true, message: t('guardianship.guidance.v.required', { label: t('guardianship.templates.f.body') }) },
              { validator: (_, v: string) => (templateProblems(v ?? '').length ? Promise.reject(new Error(templateProblems(v ?? '')[0])) : Promise.resolve()) },
            ]}
          >
            <Input.TextArea ref={area} rows={16} maxLength={20000} data-testid="template-body" />
          </Form.Item>
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Text strong>{t('guardianship.templates.preview')}</Typography.Text>
          {problems.length ? <Alert type="error" showIcon style={{ margin: '6px 0' }} message={problems.join('；')} /> : null}
          <div
            data-testid="template-preview"
            style={{
              whiteSpace: 'pre-wrap',
              border: '1px solid #d9d9d9',
              borderRadius: 6,
              padding: 12,
              marginTop: 6,
              maxHeight: 520,
              overflow: 'auto',
              background: '#fffdf7',
              fontFamily: '"SimSun", "Songti SC", serif',
              lineHeight: 1.8,
            }}
          >
            {fillTemplate(body, SAMPLE_VALUES)}
          </div>
        </Col>
      </Row>
    </FormModal>
  );
}

function HistoryDrawer({ code, onClose }: { code: string; onClose: () => void }) {
  const t = useT();
  const q = useQuery({ queryKey: documentKeys.versions(code), queryFn: () => documentsApi.versions(code) });
  return (
    <Drawer open onClose={onClose} title={t('guardianship.templates.history')} width={560}>
      {q.error ? <ErrorResult error={q.error} /> : null}
      <Flex vertical gap={12}>
        {q.data?.items.map((v) => (
          <Card key={v.version} size="small" title={`v${v.version} · ${v.title}`} extra={!v.active ? <Tag>{t('guardianship.templates.inactive')}</Tag> : null}>
            <Typography.Text type="secondary">
              {formatDateTime(v.createdAt)} · {v.createdByName ?? t('guardianship.templates.byDefault')}
            </Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }} ellipsis={{ rows: 6, expandable: true }}>
              {v.body}
            </Typography.Paragraph>
          </Card>
        ))}
      </Flex>
    </Drawer>
  );
}
