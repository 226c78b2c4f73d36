/**
 * The slots of one appointment programme. A booker sees which are free; the unit running it (or the
 * district) sees the masked roster (张*明 · 3岁 and who booked — never the file or the address), adds
 * slots in a batch, records each visit (what was taught, how long, or the absence) and cancels a
 * slot or a booking with a reason (the booker is told).
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Segmented, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useParams } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/useT';
import { appointmentKeys, appointmentsApi, type Appointment, type Slot, type SlotShow } from './api';
import { CancelDialog, CompleteDialog, StatusTag, slotTime, useRefresh } from './parts';

const TIME_OPTIONS = ['08:30', '09:00', '09:30', '10:00', '10:30', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '18:30', '19:00'];

export default function SlotsPage() {
  const t = useT();
  const { id = '' } = useParams();
  const [show, setShow] = useState<SlotShow>('all');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [completing, setCompleting] = useState<Appointment | null>(null);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);
  const [cancellingSlot, setCancellingSlot] = useState<Slot | null>(null);
  const programmes = useQuery({ queryKey: appointmentKeys.programmes, queryFn: appointmentsApi.programmes });
  const programme = programmes.data?.items.find((p) => p.id === id);
  const q = useQuery({ queryKey: appointmentKeys.slots(id, show, page), queryFn: () => appointmentsApi.slots(id, { show, page, pageSize: 20 }) });
  const provider = Boolean(q.data?.canProvide);

  const state = (s: Slot) =>
    s.status === 'cancelled' ? (
      <Tag>{t('appointments.slots.cancelled')}</Tag>
    ) : s.appointment ? (
      <StatusTag status={s.appointment.status} />
    ) : s.taken ? (
      <Tag color="blue">{t('appointments.slots.taken')}</Tag>
    ) : s.past ? (
      <Tag>{t('appointments.slots.past')}</Tag>
    ) : (
      <Tag color="green">{t('appointments.slots.free')}</Tag>
    );

  const who = (s: Slot) =>
    s.appointment ? (
      <Space direction="vertical" size={0}>
        <Typography.Text data-testid="roster-label">{s.appointment.displayLabel}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('appointments.requestedBy')} {s.appointment.requestedByName ?? '—'}
          {s.appointment.requestedByUnitName ? `（${s.appointment.requestedByUnitName}）` : ''}
        </Typography.Text>
        {s.appointment.completionNote ? (
          <Typography.Text style={{ fontSize: 12 }}>
            {s.appointment.completionNote}
            {s.appointment.durationMinutes ? ` · ${t('appointments.duration', { n: s.appointment.durationMinutes })}` : ''}
          </Typography.Text>
        ) : null}
      </Space>
    ) : s.cancelReason ? (
      <Typography.Text type="secondary">{s.cancelReason}</Typography.Text>
    ) : null;

  const actions = (s: Slot) => (
    <Space size={0} wrap>
      {s.appointment?.canComplete ? (
        <Button type="link" size="small" onClick={() => setCompleting(s.appointment)} data-testid="appointment-complete">
          {t('appointments.complete')}
        </Button>
      ) : null}
      {s.appointment?.canCancel ? (
        <Button type="link" size="small" danger onClick={() => setCancelling(s.appointment)}>
          {t('appointments.cancel')}
        </Button>
      ) : null}
      {provider && s.status === 'open' && !s.past ? (
        <Button type="link" size="small" danger onClick={() => setCancellingSlot(s)}>
          {t('appointments.slots.cancel')}
        </Button>
      ) : null}
    </Space>
  );

  const columns: TableColumnsType<Slot> = [
    { title: t('appointments.slots.time'), key: 'time', render: (_, s) => slotTime(s.startsAt) },
    { title: t('appointments.slots.place'), dataIndex: 'place', key: 'place' },
    { title: t('appointments.slots.state'), key: 'state', render: (_, s) => state(s) },
    { title: t('appointments.slots.who'), key: 'who', render: (_, s) => who(s) },
    { title: t('common.actions'), key: 'actions', render: (_, s) => actions(s) },
  ];

  return (
    <>
      <PageHeader
        title={`${programme?.name ?? t('appointments.title')} · ${t('appointments.slots.title')}`}
        extra={
          provider ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="slots-create">
              {t('appointments.slots.create')}
            </Button>
          ) : null
        }
      >
        {provider ? <Alert type="info" showIcon message={t('appointments.slots.addressHint')} style={{ marginTop: 8 }} /> : null}
      </PageHeader>
      {q.error ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} /> : null}
      <ListScaffold<Slot>
        filters={
          <Segmented<SlotShow>
            style={{ marginBottom: 12 }}
            value={show}
            onChange={(v) => {
              setShow(v);
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('appointments.slots.show.all') },
              { value: 'free', label: t('appointments.slots.show.free') },
              { value: 'booked', label: t('appointments.slots.show.booked') },
            ]}
          />
        }
        items={q.data?.items}
        total={q.data?.total}
        loading={q.isLoading}
        rowKey="id"
        columns={columns}
        emptyText={t('appointments.slots.empty')}
        paging={{ page, pageSize: 20, onChange: (p) => setPage(p) }}
        renderMobile={(s) => (
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Space size={4} wrap>
              <Typography.Text strong>{slotTime(s.startsAt)}</Typography.Text>
              {state(s)}
              <Typography.Text type="secondary">{s.place}</Typography.Text>
            </Space>
            {who(s)}
            {actions(s)}
          </Space>
        )}
      />
      {creating ? <CreateSlots programmeId={id} onClose={() => setCreating(false)} /> : null}
      {completing ? <CompleteDialog appointment={completing} onClose={() => setCompleting(null)} /> : null}
      {cancelling ? <CancelDialog appointment={cancelling} onClose={() => setCancelling(null)} /> : null}
      {cancellingSlot ? <CancelSlot slot={cancellingSlot} onClose={() => setCancellingSlot(null)} /> : null}
    </>
  );
}

/** Cancelling a slot asks for the reason and says that its booking goes with it (the booker is told). */
function CancelSlot({ slot, onClose }: { slot: Slot; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal<{ reason: string }>
      form={form}
      title={`${t('appointments.slots.cancel')} · ${slotTime(slot.startsAt)}`}
      okText={t('appointments.slots.cancel')}
      onClose={onClose}
      layout="vertical"
      intro={<Alert type="warning" showIcon message={t('appointments.slots.cancelTitle')} style={{ marginBottom: 12 }} />}
      onSubmit={async (v) => {
        await appointmentsApi.cancelSlot(slot.id, { reason: v.reason, version: slot.version });
        void message.success(t('appointments.slots.cancelDone'));
        await refresh();
        onClose();
      }}
    >
      <Form.Item name="reason" label={t('appointments.reason')} rules={[{ required: true, whitespace: true, message: t('appointments.reasonRequired') }]}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}

interface CreateValues {
  days: Dayjs[];
  times: string[];
  place: string;
}

function CreateSlots({ programmeId, onClose }: { programmeId: string; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [form] = Form.useForm<CreateValues>();
  return (
    <FormModal<CreateValues>
      form={form}
      title={t('appointments.slots.createTitle')}
      onClose={onClose}
      layout="vertical"
      initialValues={{ times: ['09:30', '14:30'], place: '家中' }}
      onSubmit={async (v) => {
        const r = await appointmentsApi.createSlots(programmeId, { days: v.days.map((d) => d.format('YYYY-MM-DD')), times: v.times, place: v.place });
        void message.success(t('appointments.slots.created', r));
        await refresh();
        onClose();
      }}
    >
      <Form.Item name="days" label={t('appointments.slots.days')} rules={[{ required: true, message: '请至少选择一天' }]}>
        <DatePicker multiple style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="times" label={t('appointments.slots.times')} rules={[{ required: true, message: '请至少选择一个时间' }]}>
        <Select mode="multiple" options={TIME_OPTIONS.map((x) => ({ value: x, label: x }))} />
      </Form.Item>
      <Form.Item name="place" label={t('appointments.slots.place')} rules={[{ required: true, whitespace: true, message: '请填写地点' }]}>
        <Input maxLength={60} />
      </Form.Item>
    </FormModal>
  );
}
