/**
 * 送教上门 on the child file's 服务与活动 tab: the child's appointments (booked, completed with what
 * was taught, cancelled with the reason) and, for whoever books (services.book), a 预约 dialog: the
 * appointment programmes fitting the child's age, their free slots, the guardian for a caregiver
 * programme. Cancelling asks for a reason.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Empty, Flex, Form, List, Select, Space, Spin, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n/useT';
import { appointmentKeys, appointmentsApi, type Appointment, type ChildAppointments } from './api';
import { CancelDialog, StatusTag, slotTime, useRefresh } from './parts';

export function AppointmentSection({ childId }: { childId: string }) {
  const t = useT();
  const [booking, setBooking] = useState(false);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);
  const q = useQuery({ queryKey: appointmentKeys.child(childId), queryFn: () => appointmentsApi.child(childId) });
  if (q.error) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Spin />;
  const d = q.data;
  return (
    <Flex vertical gap={8} data-testid="appointment-section">
      {d.canBook ? (
        <Flex justify="flex-end">
          <Button
            size="small"
            type="primary"
            icon={<PlusOutlined />}
            disabled={!d.programmes.length}
            onClick={() => setBooking(true)}
            data-testid="appointment-book"
          >
            {t('appointments.book')}
          </Button>
        </Flex>
      ) : null}
      {d.items.length ? (
        <List
          size="small"
          dataSource={d.items}
          renderItem={(a) => (
            <List.Item key={a.id} style={{ paddingInline: 0, display: 'block' }} data-testid="appointment-item">
              <Flex justify="space-between" align="start" wrap gap={8}>
                <Space direction="vertical" size={2}>
                  <Space size={4} wrap>
                    <Typography.Text strong>{slotTime(a.startsAt)}</Typography.Text>
                    <StatusTag status={a.status} />
                  </Space>
                  <Typography.Text type="secondary">
                    {a.programmeName} · {a.place ?? ''} · {t('appointments.requestedBy')} {a.requestedByName ?? '—'}
                    {a.requestedByUnitName ? `（${a.requestedByUnitName}）` : ''}
                  </Typography.Text>
                  {a.completionNote ? (
                    <Typography.Text>
                      {a.completionNote}
                      {a.durationMinutes ? ` · ${t('appointments.duration', { n: a.durationMinutes })}` : ''}
                    </Typography.Text>
                  ) : null}
                  {a.attendanceNote ? <Typography.Text type="secondary">{a.attendanceNote}</Typography.Text> : null}
                  {a.cancelReason ? <Typography.Text type="secondary">{a.cancelReason}</Typography.Text> : null}
                </Space>
                {a.canCancel ? (
                  <Button size="small" danger onClick={() => setCancelling(a)}>
                    {t('appointments.cancel')}
                  </Button>
                ) : null}
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={d.canBook && !d.programmes.length ? t('appointments.book.none') : t('appointments.childEmpty')}
        />
      )}
      {booking ? <BookDialog childId={childId} data={d} onClose={() => setBooking(false)} /> : null}
      {cancelling ? <CancelDialog appointment={cancelling} onClose={() => setCancelling(null)} /> : null}
    </Flex>
  );
}

interface BookValues {
  programmeId: string;
  slotId: string;
  memberId?: string;
}

function BookDialog({ childId, data, onClose }: { childId: string; data: ChildAppointments; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [form] = Form.useForm<BookValues>();
  const programmeId = Form.useWatch('programmeId', form) ?? data.programmes[0]?.id;
  const programme = data.programmes.find((p) => p.id === programmeId);
  const slots = useQuery({
    queryKey: appointmentKeys.slots(programmeId ?? '', 'free', 1),
    queryFn: () => appointmentsApi.slots(programmeId ?? '', { show: 'free', page: 1, pageSize: 100 }),
    enabled: Boolean(programmeId),
  });
  return (
    <FormModal<BookValues>
      form={form}
      title={t('appointments.bookTitle')}
      okText={t('appointments.book')}
      onClose={onClose}
      layout="vertical"
      initialValues={{ programmeId: data.programmes[0]?.id }}
      onSubmit={async (v) => {
        const a = await appointmentsApi.book(v.slotId, { childId, memberId: v.memberId ?? null });
        void message.success(t('appointments.booked', { when: slotTime(a.startsAt) }));
        await refresh();
        onClose();
      }}
    >
      <Form.Item name="programmeId" label={t('appointments.book.programme')} rules={[{ required: true }]}>
        <Select
          data-testid="appointment-programme"
          options={data.programmes.map((p) => ({ value: p.id, label: `${p.name}（${p.ownerUnitName ?? p.ownerUnitCode}）` }))}
          onChange={() => form.setFieldValue('slotId', undefined)}
        />
      </Form.Item>
      <Form.Item name="slotId" label={t('appointments.book.slot')} rules={[{ required: true, message: '请选择时段' }]}>
        <Select
          data-testid="appointment-slot"
          loading={slots.isLoading}
          notFoundContent={t('appointments.book.noSlots')}
          options={(slots.data?.items ?? []).map((s) => ({ value: s.id, label: `${slotTime(s.startsAt)} · ${s.place ?? ''}` }))}
        />
      </Form.Item>
      {programme?.audience === 'guardian' ? (
        <Form.Item name="memberId" label={t('appointments.book.member')} rules={[{ required: true, message: '请选择参加的监护人' }]}>
          <Select options={data.members.map((m) => ({ value: m.id, label: `${m.name}（${m.relation}）` }))} />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
