/** 项目详情: a programme, its sessions with places taken / capacity / waiting; sessions are added, edited and cancelled (with a reason and a confirmation) by whoever maintains it. */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { ListScaffold } from '../../components/ListScaffold';
import { formatDate } from '../../components/format';
import { useT } from '../../i18n/useT';
import type { MessageKey } from '../../locales/zh-CN';
import { servicesApi, servicesKeys, type Programme, type ProgrammeSession } from './api';
import { PlacesText, SessionStatusTag, agesText, audienceKey, kindKey } from './labels';
import { ProgrammeModal } from './ProgrammeModal';

export default function ProgrammePage() {
  const t = useT();
  const { id = '' } = useParams();
  const { me, can } = useAuth();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [session, setSession] = useState<ProgrammeSession | 'new' | null>(null);
  const [cancelling, setCancelling] = useState<ProgrammeSession | null>(null);
  const q = useQuery({ queryKey: servicesKeys.detail(id), queryFn: () => servicesApi.get(id) });
  const units = useQuery({ queryKey: servicesKeys.units, queryFn: servicesApi.units, staleTime: 600_000, enabled: editing });
  const refresh = () => qc.invalidateQueries({ queryKey: servicesKeys.all });
  if (q.error) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  if (!d) return <Card loading />;
  const p = d.programme;
  const owner = can('services.provide') && me?.unit.code === p.ownerUnitCode;

  const actions = (s: ProgrammeSession) => (
    <Space size={0} wrap>
      {owner ? (
        <Link to={`/services/sessions/${encodeURIComponent(s.id)}/roster`} data-testid="session-roster">
          <Button type="link" size="small">
            {t('services.s.roster')}
          </Button>
        </Link>
      ) : null}
      {p.canEdit && s.status !== 'cancelled' ? (
        <>
          <Button type="link" size="small" onClick={() => setSession(s)}>
            {t('services.s.edit')}
          </Button>
          <Button type="link" size="small" danger onClick={() => setCancelling(s)}>
            {t('services.s.cancel')}
          </Button>
        </>
      ) : null}
    </Space>
  );
  const columns: TableColumnsType<ProgrammeSession> = [
    { title: t('services.s.title'), dataIndex: 'title' },
    { title: t('services.s.dates'), key: 'dates', width: 200, render: (_, s) => `${formatDate(s.startsOn)} – ${formatDate(s.endsOn)}` },
    { title: t('services.s.place'), dataIndex: 'place', width: 150, render: (v: string | null) => v ?? '—' },
    { title: t('services.s.places'), key: 'places', width: 260, render: (_, s) => <PlacesText s={s} /> },
    { title: t('services.s.status'), key: 'status', width: 90, render: (_, s) => <SessionStatusTag s={s} /> },
    { title: t('services.s.actions'), key: 'actions', width: 200, render: (_, s) => actions(s) },
  ];

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Flex gap={8} wrap align="center">
            {p.name}
            <Tag>{t(kindKey(p.kind))}</Tag>
            {p.active ? null : <Tag>{t('services.inactive')}</Tag>}
          </Flex>
        }
        extra={
          p.canEdit ? (
            <Button onClick={() => setEditing(true)} data-testid="programme-edit">
              {t('services.detail.edit')}
            </Button>
          ) : null
        }
      >
        {p.mode === 'appointment' ? <Alert type="info" showIcon message={t('services.detail.appointment')} style={{ marginBottom: 12 }} /> : null}
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('services.detail.owner')}>{p.ownerUnitName}</Descriptions.Item>
          {p.providerName ? <Descriptions.Item label={t('services.detail.provider')}>{p.providerName}</Descriptions.Item> : null}
          <Descriptions.Item label={t('services.col.audience')}>{t(audienceKey(p.audience))}</Descriptions.Item>
          <Descriptions.Item label={t('services.col.ages')}>{agesText(t, p.minAge, p.maxAge)}</Descriptions.Item>
          {p.targetGroup ? <Descriptions.Item label={t('services.detail.target')}>{p.targetGroup}</Descriptions.Item> : null}
          {p.cost ? <Descriptions.Item label={t('services.detail.cost')}>{p.cost}</Descriptions.Item> : null}
          {p.contact ? <Descriptions.Item label={t('services.detail.contact')}>{p.contact}</Descriptions.Item> : null}
          <Descriptions.Item label={t('services.detail.priority')}>
            {p.priorityBooking ? t('services.detail.priorityOn') : t('services.detail.priorityOff')}
          </Descriptions.Item>
          <Descriptions.Item label={t('services.detail.confirmHours')}>{t('services.detail.hours', { n: p.confirmHours })}</Descriptions.Item>
          {p.planTasks.length ? <Descriptions.Item label={t('services.detail.tasks')}>{p.planTasks.join('、')}</Descriptions.Item> : null}
        </Descriptions>
        {p.description ? <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{p.description}</Typography.Paragraph> : null}
      </Card>
      <Card
        title={t('services.detail.sessions')}
        extra={
          p.canEdit && p.active ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setSession('new')} data-testid="session-new">
              {t('services.detail.addSession')}
            </Button>
          ) : null
        }
      >
        <ListScaffold<ProgrammeSession>
          items={d.sessions}
          loading={q.isFetching}
          rowKey="id"
          columns={columns}
          emptyText={t('services.detail.noSessions')}
          tableProps={{ scroll: { x: 900 } }}
          renderMobile={(s) => (
            <Flex vertical gap={4} data-testid="session-item">
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong>{s.title}</Typography.Text>
                <SessionStatusTag s={s} />
              </Flex>
              <Typography.Text type="secondary">
                {formatDate(s.startsOn)} – {formatDate(s.endsOn)}
                {s.place ? ` · ${s.place}` : ''}
              </Typography.Text>
              <PlacesText s={s} />
              {actions(s)}
            </Flex>
          )}
        />
      </Card>
      {editing ? (
        <ProgrammeModal
          programme={p}
          units={units.data?.items ?? [{ code: p.ownerUnitCode, name: p.ownerUnitName }]}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            void refresh();
          }}
        />
      ) : null}
      {session ? (
        <SessionModal
          programme={p}
          session={session === 'new' ? null : session}
          onClose={() => setSession(null)}
          onSaved={() => {
            setSession(null);
            void refresh();
          }}
        />
      ) : null}
      {cancelling ? (
        <CancelSessionModal
          session={cancelling}
          onClose={() => setCancelling(null)}
          onDone={() => {
            setCancelling(null);
            void refresh();
          }}
        />
      ) : null}
    </Flex>
  );
}

interface SessionForm {
  title: string;
  startsOn: Dayjs;
  endsOn: Dayjs;
  place?: string | null;
  capacity: number;
  priorityUntil?: Dayjs | null;
  note?: string | null;
}

function SessionModal({
  programme,
  session,
  onClose,
  onSaved,
}: {
  programme: Programme;
  session: ProgrammeSession | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<SessionForm>();
  const req = (label: MessageKey) => [{ required: true, message: t('services.v.required', { label: t(label) }) }];
  const initial: Partial<SessionForm> = session
    ? {
        title: session.title,
        startsOn: dayjs(session.startsOn),
        endsOn: dayjs(session.endsOn),
        place: session.place,
        capacity: session.capacity,
        priorityUntil: session.priorityUntil ? dayjs(session.priorityUntil) : null,
        note: session.note,
      }
    : { capacity: 20 };
  const submit = async (v: SessionForm) => {
    const body = {
      title: v.title,
      startsOn: v.startsOn.format('YYYY-MM-DD'),
      endsOn: v.endsOn.format('YYYY-MM-DD'),
      place: v.place || null,
      capacity: v.capacity,
      priorityUntil: v.priorityUntil ? v.priorityUntil.format() : null,
      note: v.note || null,
    };
    if (session) await servicesApi.updateSession(session.id, { ...body, version: session.version });
    else await servicesApi.addSession(programme.id, body);
    void message.success(t('services.saved'));
    onSaved();
  };
  return (
    <FormModal<SessionForm>
      form={form}
      title={session ? t('services.s.edit') : t('services.detail.addSession')}
      onClose={onClose}
      onSubmit={submit}
      layout="vertical"
      initialValues={initial}
      width={560}
    >
      <Form.Item
        name="title"
        label={t('services.f.title')}
        rules={[{ required: true, whitespace: true, message: t('services.v.required', { label: t('services.f.title') }) }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item name="startsOn" label={t('services.f.startsOn')} rules={req('services.f.startsOn')} style={{ flex: 1 }}>
          <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="endsOn" label={t('services.f.endsOn')} rules={req('services.f.endsOn')} style={{ flex: 1 }}>
          <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Form.Item name="place" label={t('services.f.place')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="capacity" label={t('services.f.capacity')} rules={req('services.f.capacity')}>
        <InputNumber min={1} max={10000} />
      </Form.Item>
      {programme.priorityBooking ? (
        <Form.Item name="priorityUntil" label={t('services.f.priorityUntil')} extra={t('services.f.priorityUntilHelp')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
      ) : null}
      <Form.Item name="note" label={t('services.f.note')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}

function CancelSessionModal({ session, onClose, onDone }: { session: ProgrammeSession; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal<{ reason: string }>
      form={form}
      title={t('services.s.cancelTitle', { title: session.title })}
      intro={<Alert type="warning" showIcon message={t('services.s.cancelIntro')} style={{ marginBottom: 12 }} />}
      okText={t('services.s.cancel')}
      onClose={onClose}
      layout="vertical"
      onSubmit={async (v) => {
        await servicesApi.cancelSession(session.id, v.reason, session.version);
        void message.success(t('services.s.cancelled'));
        onDone();
      }}
    >
      <Form.Item
        name="reason"
        label={t('services.s.cancelReason')}
        rules={[{ required: true, whitespace: true, message: t('services.v.required', { label: t('services.s.cancelReason') }) }]}
      >
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
