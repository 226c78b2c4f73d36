/**
 * 监护指导: the family-education and psychological/behavioural guidance sessions of a child's
 * guardians, with attendance and, for each guidance order (家庭教育指导令), the sessions required,
 * attended and missed. A child director (summary depth) sees dates, kinds and attendance only.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Flex, Form, Input, Popconfirm, Radio, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorResult } from '../../../components/ErrorResult';
import { FormModal } from '../../../components/FormModal';
import { ListScaffold } from '../../../components/ListScaffold';
import { formatDate } from '../../../components/format';
import { useApiError } from '../../../hooks/useApiError';
import { useT } from '../../../i18n/useT';
import type { MessageKey } from '../../../locales/zh-CN';
import { GUIDANCE_KINDS, guidanceApi, guidanceKeys, type GuidanceChild, type GuidanceKind, type GuidanceSession } from './api';
import { GUARDIANSHIP_QUERIES } from '../keys';

const PAGE_SIZE = 10;
const KIND_KEY: Record<GuidanceKind, MessageKey> = {
  family_education: 'guardianship.guidance.kind.family_education',
  psychological: 'guardianship.guidance.kind.psychological',
  behavioural: 'guardianship.guidance.kind.behavioural',
};
const ATT_KEY: Record<GuidanceSession['attendance'], MessageKey> = {
  planned: 'guardianship.guidance.att.planned',
  attended: 'guardianship.guidance.att.attended',
  absent: 'guardianship.guidance.att.absent',
};
const kindKey = (k: GuidanceKind) => KIND_KEY[k];
const attKey = (a: GuidanceSession['attendance']) => ATT_KEY[a];
const ATT_COLOR: Record<GuidanceSession['attendance'], string> = { planned: 'blue', attended: 'green', absent: 'red' };

export function AttendanceTag({ s }: { s: GuidanceSession }) {
  const t = useT();
  const overdue = s.attendance === 'planned' && s.scheduledOn < dayjs().format('YYYY-MM-DD');
  return (
    <Space size={4} wrap>
      <Tag color={overdue ? 'orange' : ATT_COLOR[s.attendance]}>{overdue ? t('guardianship.guidance.overdue') : t(attKey(s.attendance))}</Tag>
      {s.absenceReason ? <Typography.Text type="secondary">{s.absenceReason}</Typography.Text> : null}
    </Space>
  );
}

export function GuidanceCard({ childId }: { childId: string }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const showError = useApiError();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<GuidanceSession | 'new' | null>(null);
  const [recording, setRecording] = useState<GuidanceSession | null>(null);
  const q = useQuery({ queryKey: guidanceKeys.child(childId, page), queryFn: () => guidanceApi.child(childId, page, PAGE_SIZE) });
  const refresh = () => qc.invalidateQueries({ queryKey: GUARDIANSHIP_QUERIES });

  if (q.error) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const full = d?.depth === 'full';
  const write = Boolean(d?.canWrite);

  const remove = async (s: GuidanceSession) => {
    try {
      await guidanceApi.remove(s.id, s.version);
      void message.success(t('guardianship.guidance.deleted'));
      await refresh();
    } catch (err) {
      showError(err);
    }
  };

  const actions = (s: GuidanceSession) =>
    write ? (
      <Space size={0} wrap>
        <Button type="link" size="small" onClick={() => setRecording(s)} data-testid="guidance-record">
          {t('guardianship.guidance.record')}
        </Button>
        <Button type="link" size="small" onClick={() => setEditing(s)}>
          {t('guardianship.guidance.edit')}
        </Button>
        {s.attendance === 'planned' ? (
          <Popconfirm
            title={t('guardianship.guidance.deleteConfirm')}
            okText={t('guardianship.guidance.delete')}
            cancelText={t('common.cancel')}
            onConfirm={() => remove(s)}
          >
            <Button type="link" size="small" danger>
              {t('guardianship.guidance.delete')}
            </Button>
          </Popconfirm>
        ) : null}
      </Space>
    ) : null;

  const fullColumns: TableColumnsType<GuidanceSession> = full
    ? [
        { title: t('guardianship.guidance.col.topic'), dataIndex: 'topic' },
        { title: t('guardianship.guidance.col.provider'), dataIndex: 'provider', width: 180 },
        { title: t('guardianship.guidance.col.member'), dataIndex: 'memberName', width: 100, render: (v: string | null) => v ?? '—' },
      ]
    : [];
  const actionColumns: TableColumnsType<GuidanceSession> = write
    ? [{ title: t('guardianship.guidance.col.actions'), key: 'actions', width: 240, render: (_, s) => actions(s) }]
    : [];
  const columns: TableColumnsType<GuidanceSession> = [
    { title: t('guardianship.guidance.col.date'), dataIndex: 'scheduledOn', width: 110, render: (v: string) => formatDate(v) },
    { title: t('guardianship.guidance.col.kind'), dataIndex: 'kind', width: 120, render: (v: GuidanceKind) => t(kindKey(v)) },
    ...fullColumns,
    { title: t('guardianship.guidance.col.attendance'), dataIndex: 'attendance', width: 200, render: (_, s) => <AttendanceTag s={s} /> },
    ...actionColumns,
  ];

  return (
    <Flex vertical gap={12} data-testid="guidance-card">
      {d && !full ? <Alert type="info" showIcon message={t('guardianship.guidance.summaryHint')} /> : null}
      {d?.orders.map((o) => (
        <Card key={o.id} size="small" data-testid="guidance-order">
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Text strong>{t('guardianship.guidance.order', { unit: o.unitName ?? '—', date: formatDate(o.decidedOn) || '—' })}</Typography.Text>
            <Tag color={o.complete ? 'green' : 'orange'}>{o.complete ? t('guardianship.guidance.orderComplete') : t('guardianship.guidance.orderOpen')}</Tag>
          </Flex>
          <Typography.Text type="secondary">
            {t('guardianship.guidance.orderCounts', { required: o.required, attended: o.attended, missed: o.missed, planned: o.planned })}
          </Typography.Text>
        </Card>
      ))}
      {write ? (
        <Flex justify="flex-end">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="guidance-add">
            {t('guardianship.guidance.add')}
          </Button>
        </Flex>
      ) : null}
      <ListScaffold<GuidanceSession>
        items={d?.sessions}
        total={d?.total}
        loading={q.isLoading}
        rowKey="id"
        columns={columns}
        emptyText={t('guardianship.guidance.empty')}
        paging={(d?.total ?? 0) > PAGE_SIZE || page > 1 ? { page, pageSize: PAGE_SIZE, onChange: (p) => setPage(p) } : undefined}
        renderMobile={(s) => (
          <Flex vertical gap={4} data-testid="guidance-item">
            <Flex justify="space-between" gap={8} wrap>
              <Typography.Text strong>
                {formatDate(s.scheduledOn)} · {t(kindKey(s.kind))}
              </Typography.Text>
              <AttendanceTag s={s} />
            </Flex>
            {full ? <Typography.Text type="secondary">{[s.topic, s.provider, s.memberName].filter(Boolean).join(' · ')}</Typography.Text> : null}
            {actions(s)}
          </Flex>
        )}
      />
      {editing && d ? (
        <SessionModal
          childId={childId}
          data={d}
          session={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void refresh();
          }}
        />
      ) : null}
      {recording ? (
        <AttendanceModal
          session={recording}
          onClose={() => setRecording(null)}
          onSaved={() => {
            setRecording(null);
            void refresh();
          }}
        />
      ) : null}
    </Flex>
  );
}

interface SessionForm {
  kind: GuidanceKind;
  provider: string;
  topic: string;
  scheduledOn: Dayjs;
  memberId?: string | null;
  interventionId?: string | null;
  problemId?: string | null;
  note?: string | null;
}

function SessionModal({
  childId,
  data,
  session,
  onClose,
  onSaved,
}: {
  childId: string;
  data: GuidanceChild;
  session: GuidanceSession | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<SessionForm>();
  const req = (label: MessageKey) => [{ required: true, whitespace: true, message: t('guardianship.guidance.v.required', { label: t(label) }) }];
  const initial: Partial<SessionForm> = session
    ? {
        kind: session.kind,
        provider: session.provider ?? '',
        topic: session.topic ?? '',
        scheduledOn: dayjs(session.scheduledOn),
        memberId: session.memberId,
        interventionId: session.interventionId,
        problemId: session.problemId,
        note: session.note,
      }
    : {
        kind: data.orders.length ? 'family_education' : undefined,
        memberId: data.members.find((m) => m.role === 'guardian')?.id ?? null,
        interventionId: data.orders.find((o) => !o.complete)?.id ?? null,
      };
  const submit = async (v: SessionForm) => {
    const body = {
      kind: v.kind,
      provider: v.provider,
      topic: v.topic,
      scheduledOn: v.scheduledOn.format('YYYY-MM-DD'),
      memberId: v.memberId || null,
      interventionId: v.interventionId || null,
      problemId: v.problemId || null,
      note: v.note || null,
    };
    if (session) await guidanceApi.update(session.id, { ...body, version: session.version });
    else await guidanceApi.create(childId, body);
    void message.success(t('guardianship.guidance.saved'));
    onSaved();
  };
  return (
    <FormModal<SessionForm>
      form={form}
      title={session ? t('guardianship.guidance.edit') : t('guardianship.guidance.add')}
      onClose={onClose}
      onSubmit={submit}
      layout="vertical"
      initialValues={initial}
      width={560}
    >
      <Form.Item
        name="kind"
        label={t('guardianship.guidance.f.kind')}
        rules={[{ required: true, message: t('guardianship.guidance.v.required', { label: t('guardianship.guidance.f.kind') }) }]}
      >
        <Radio.Group optionType="button" options={GUIDANCE_KINDS.map((k) => ({ value: k, label: t(kindKey(k)) }))} />
      </Form.Item>
      <Form.Item
        name="scheduledOn"
        label={t('guardianship.guidance.f.date')}
        rules={[{ required: true, message: t('guardianship.guidance.v.required', { label: t('guardianship.guidance.f.date') }) }]}
      >
        <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="provider" label={t('guardianship.guidance.f.provider')} rules={req('guardianship.guidance.f.provider')}>
        <Input maxLength={80} />
      </Form.Item>
      <Form.Item name="topic" label={t('guardianship.guidance.f.topic')} rules={req('guardianship.guidance.f.topic')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="memberId" label={t('guardianship.guidance.f.member')}>
        <Select allowClear options={data.members.map((m) => ({ value: m.id, label: `${m.name}（${m.relation}）` }))} />
      </Form.Item>
      {data.orders.length ? (
        <Form.Item name="interventionId" label={t('guardianship.guidance.f.order')}>
          <Select
            allowClear
            placeholder={t('guardianship.guidance.f.none')}
            options={data.orders.map((o) => ({
              value: o.id,
              label: t('guardianship.guidance.order', { unit: o.unitName ?? '—', date: formatDate(o.decidedOn) || '—' }),
            }))}
          />
        </Form.Item>
      ) : null}
      {data.problems.length ? (
        <Form.Item name="problemId" label={t('guardianship.guidance.f.problem')}>
          <Select allowClear placeholder={t('guardianship.guidance.f.none')} options={data.problems.map((p) => ({ value: p.id, label: p.text }))} />
        </Form.Item>
      ) : null}
      <Form.Item name="note" label={t('guardianship.guidance.f.note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}

interface AttendanceForm {
  attended: boolean;
  absenceReason?: string;
  note?: string;
}

function AttendanceModal({ session, onClose, onSaved }: { session: GuidanceSession; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<AttendanceForm>();
  const attended = Form.useWatch('attended', form);
  const submit = async (v: AttendanceForm) => {
    await guidanceApi.attendance(session.id, {
      attended: v.attended,
      absenceReason: v.attended ? null : v.absenceReason,
      note: v.note || null,
      version: session.version,
    });
    void message.success(t('guardianship.guidance.saved'));
    onSaved();
  };
  return (
    <FormModal<AttendanceForm>
      form={form}
      title={`${t('guardianship.guidance.record')} · ${formatDate(session.scheduledOn)}`}
      onClose={onClose}
      onSubmit={submit}
      layout="vertical"
      initialValues={{
        attended: session.attendance === 'absent' ? false : true,
        absenceReason: session.absenceReason ?? undefined,
        note: session.note ?? undefined,
      }}
    >
      <Form.Item name="attended" label={t('guardianship.guidance.f.attended')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          options={[
            { value: true, label: t('guardianship.guidance.att.attended') },
            { value: false, label: t('guardianship.guidance.att.absent') },
          ]}
        />
      </Form.Item>
      {attended === false ? (
        <Form.Item
          name="absenceReason"
          label={t('guardianship.guidance.f.absenceReason')}
          rules={[{ required: true, whitespace: true, message: t('guardianship.guidance.v.reason') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      ) : null}
      <Form.Item name="note" label={t('guardianship.guidance.f.note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
