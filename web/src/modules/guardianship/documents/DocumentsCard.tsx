/**
 * 文书: the letters and notices of a child's interventions (劝诫告知书, 训诫建议函, 家庭教育指导令送达
 * 与执行告知书, 撤销监护资格/支持起诉协助函), filled from the district's templates, each opened on a
 * printable A4 page. Only for guardianship.read (a child director never sees documents), and
 * `<InterventionDocuments interventionId />` for the ladder card to embed under one step.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../../auth/useAuth';
import { ErrorResult } from '../../../components/ErrorResult';
import { FormModal } from '../../../components/FormModal';
import { ListScaffold } from '../../../components/ListScaffold';
import { formatDate, formatDateTime } from '../../../components/format';
import { useT } from '../../../i18n/useT';
import { isMessageKey, type MessageKey } from '../../../locales/zh-CN';
import { documentKeys, documentsApi, type ChildDocuments, type GuardianshipDocument } from './api';

/** The label key of a template or intervention kind ('其他' for a kind this interface does not know). */
export const templateKindKey = (k: string): MessageKey => {
  const key = `guardianship.templates.kind.${k}`;
  return isMessageKey(key) ? key : 'guardianship.templates.kind.other';
};
const PAGE_SIZE = 10;

function DocLink({ d }: { d: GuardianshipDocument }) {
  return (
    <Link to={`/guardianship/documents/${encodeURIComponent(d.id)}`} data-testid="document-link">
      <FileTextOutlined /> {d.title}
    </Link>
  );
}

/** The documents of one intervention, with the button that makes one (for the ladder card). */
export function InterventionDocuments({ interventionId, kind }: { interventionId: string; kind?: string }) {
  const t = useT();
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  const allowed = can('guardianship.read');
  const q = useQuery({
    queryKey: documentKeys.intervention(interventionId),
    queryFn: () => documentsApi.interventionDocuments(interventionId),
    enabled: allowed,
  });
  if (!allowed) return null;
  if (q.error) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Flex vertical gap={4}>
      {q.data?.items.map((d) => (
        <Space key={d.id} size={8} wrap>
          <DocLink d={d} />
          <Typography.Text type="secondary">{formatDateTime(d.createdAt)}</Typography.Text>
        </Space>
      ))}
      {can('guardianship.write') ? (
        <div>
          <Button size="small" icon={<FileTextOutlined />} onClick={() => setOpen(true)}>
            {t('guardianship.documents.create')}
          </Button>
        </div>
      ) : null}
      {open ? (
        <CreateDocumentModal
          interventions={[{ id: interventionId, kind: kind ?? 'other', status: '', decidedOn: null, unitName: null, reason: '' }]}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </Flex>
  );
}

/** The child file's 文书 card. */
export function DocumentsCard({ childId }: { childId: string }) {
  const t = useT();
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  const [page, setPage] = useState(1);
  const q = useQuery({ queryKey: documentKeys.child(childId), queryFn: () => documentsApi.childDocuments(childId) });
  if (q.error) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const columns: TableColumnsType<GuardianshipDocument> = [
    { title: t('guardianship.documents.col.title'), dataIndex: 'title', render: (_, r) => <DocLink d={r} /> },
    { title: t('guardianship.documents.col.kind'), dataIndex: 'interventionKind', width: 130, render: (v: string) => t(templateKindKey(v)) },
    {
      title: t('guardianship.documents.col.version'),
      dataIndex: 'templateVersion',
      width: 90,
      render: (v: number) => t('guardianship.documents.versionN', { n: v }),
    },
    { title: t('guardianship.documents.col.createdAt'), dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
    { title: t('guardianship.documents.col.by'), dataIndex: 'createdByName', width: 100, render: (v: string | null) => v ?? '—' },
  ];
  return (
    <Flex vertical gap={12} data-testid="documents-card">
      {can('guardianship.write') ? (
        <Flex justify="flex-end" gap={8} align="center" wrap>
          {d && !d.interventions.length ? <Typography.Text type="secondary">{t('guardianship.documents.noInterventions')}</Typography.Text> : null}
          <Button type="primary" icon={<FileTextOutlined />} disabled={!d?.interventions.length} onClick={() => setOpen(true)} data-testid="document-create">
            {t('guardianship.documents.create')}
          </Button>
        </Flex>
      ) : null}
      <ListScaffold<GuardianshipDocument>
        items={d?.items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)}
        total={d?.items.length}
        loading={q.isLoading}
        rowKey="id"
        columns={columns}
        emptyText={t('guardianship.documents.empty')}
        paging={(d?.items.length ?? 0) > PAGE_SIZE ? { page, pageSize: PAGE_SIZE, onChange: (p) => setPage(p) } : undefined}
        renderMobile={(r) => (
          <Flex vertical gap={2}>
            <DocLink d={r} />
            <Typography.Text type="secondary">
              {t(templateKindKey(r.interventionKind))} · {formatDateTime(r.createdAt)}
            </Typography.Text>
          </Flex>
        )}
      />
      {open && d ? <CreateDocumentModal interventions={d.interventions} onClose={() => setOpen(false)} /> : null}
    </Flex>
  );
}

interface CreateForm {
  interventionId: string;
  templateCode: string;
}

function CreateDocumentModal({ interventions, onClose }: { interventions: ChildDocuments['interventions']; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateForm>();
  const interventionId = Form.useWatch('interventionId', form);
  const templates = useQuery({ queryKey: documentKeys.templates(false), queryFn: () => documentsApi.templates() });
  const kind = interventions.find((i) => i.id === interventionId)?.kind;
  // The templates of the intervention's kind first, then the others.
  const options = [...(templates.data?.items ?? [])]
    .sort((a, b) => Number(b.kind === kind) - Number(a.kind === kind))
    .map((tpl) => ({
      value: tpl.code,
      label: (
        <Space size={4}>
          {tpl.title}
          <Tag>{t(templateKindKey(tpl.kind))}</Tag>
        </Space>
      ),
    }));
  const submit = async (v: CreateForm) => {
    const doc = await documentsApi.create(v.interventionId, v.templateCode);
    void message.success(t('guardianship.documents.created'));
    await qc.invalidateQueries({ queryKey: documentKeys.all });
    onClose();
    void navigate(`/guardianship/documents/${encodeURIComponent(doc.id)}`);
  };
  return (
    <FormModal<CreateForm>
      form={form}
      title={t('guardianship.documents.createTitle')}
      onClose={onClose}
      onSubmit={submit}
      okText={t('guardianship.documents.create')}
      layout="vertical"
      initialValues={{ interventionId: interventions[0]?.id }}
      intro={<Typography.Paragraph type="secondary">{t('guardianship.documents.createHint')}</Typography.Paragraph>}
    >
      <Form.Item
        name="interventionId"
        label={t('guardianship.documents.intervention')}
        rules={[{ required: true, message: t('guardianship.documents.v.intervention') }]}
      >
        <Select
          data-testid="document-intervention"
          options={interventions.map((i) => ({
            value: i.id,
            label: [t(templateKindKey(i.kind)), i.unitName, formatDate(i.decidedOn), i.reason].filter(Boolean).join(' · '),
          }))}
        />
      </Form.Item>
      <Form.Item name="templateCode" label={t('guardianship.documents.template')} rules={[{ required: true, message: t('guardianship.documents.v.template') }]}>
        <Select data-testid="document-template" loading={templates.isLoading} options={options} />
      </Form.Item>
    </FormModal>
  );
}
