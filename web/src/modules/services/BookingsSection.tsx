/**
 * 服务预约 on the child file's 服务与活动 tab: the child's bookings with status and wait-list
 * position, confirm / cancel (with a confirmation), and the 预约 dialog listing the programmes open
 * for the child's age with their sessions and places left.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Collapse, Empty, Flex, Form, Input, Modal, Popconfirm, Select, Space, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { ListScaffold } from '../../components/ListScaffold';
import { formatDate, formatDateTime } from '../../components/format';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { servicesApi, servicesKeys, type Bookable, type Booking } from './api';
import { BookingStatusTag, PlacesText, kindKey } from './labels';

export function BookingsSection({ childId, onChanged }: { childId: string; onChanged: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const showError = useApiError();
  const [booking, setBooking] = useState(false);
  const [cancelling, setCancelling] = useState<Booking | null>(null);
  const q = useQuery({ queryKey: servicesKeys.child(childId), queryFn: () => servicesApi.childBookings(childId) });
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: servicesKeys.all });
    onChanged();
  };
  if (q.error) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;

  const confirm = async (b: Booking) => {
    try {
      await servicesApi.confirm(b.id, b.version);
      void message.success(t('services.b.confirmed'));
      await refresh();
    } catch (err) {
      showError(err);
    }
  };
  const actions = (b: Booking) =>
    b.canConfirm || b.canCancel ? (
      <Space size={0} wrap>
        {b.canConfirm ? (
          <Popconfirm title={t('services.b.confirmTitle')} okText={t('services.b.confirm')} cancelText={t('common.cancel')} onConfirm={() => confirm(b)}>
            <Button type="link" size="small" data-testid="booking-confirm">
              {t('services.b.confirm')}
            </Button>
          </Popconfirm>
        ) : null}
        {b.canCancel ? (
          <Button type="link" size="small" danger onClick={() => setCancelling(b)} data-testid="booking-cancel">
            {t('services.b.cancel')}
          </Button>
        ) : null}
      </Space>
    ) : null;
  const when = (b: Booking) => (b.status === 'reserved' && b.expiresAt ? t('services.b.expires', { time: formatDateTime(b.expiresAt) }) : null);
  const columns: TableColumnsType<Booking> = [
    {
      title: t('services.b.programme'),
      key: 'programme',
      render: (_, b) => (
        <Flex vertical>
          <Typography.Text strong>{b.programmeName}</Typography.Text>
          <Typography.Text type="secondary">
            {b.sessionTitle} · {formatDate(b.startsOn)} – {formatDate(b.endsOn)}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('services.b.tier'), dataIndex: 'priorityName', width: 150 },
    {
      title: t('services.s.status'),
      key: 'status',
      width: 220,
      render: (_, b) => (
        <Flex vertical gap={2}>
          <BookingStatusTag status={b.status} position={b.position} />
          {when(b) ? <Typography.Text type="secondary">{when(b)}</Typography.Text> : null}
        </Flex>
      ),
    },
    { title: t('services.s.actions'), key: 'actions', width: 170, render: (_, b) => actions(b) },
  ];

  return (
    <Flex vertical gap={12} data-testid="child-bookings">
      {q.data?.canBook ? (
        <Flex justify="flex-end">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setBooking(true)} data-testid="booking-open">
            {t('services.b.book')}
          </Button>
        </Flex>
      ) : null}
      <ListScaffold<Booking>
        items={q.data?.items}
        loading={q.isLoading}
        rowKey="id"
        columns={columns}
        emptyText={t('services.b.empty')}
        renderMobile={(b) => (
          <Flex vertical gap={4} data-testid="booking-item">
            <Typography.Text strong>{b.programmeName}</Typography.Text>
            <Typography.Text type="secondary">
              {b.sessionTitle} · {formatDate(b.startsOn)}
            </Typography.Text>
            <Flex gap={6} wrap align="center">
              <BookingStatusTag status={b.status} position={b.position} />
              <Typography.Text type="secondary">{b.priorityName}</Typography.Text>
            </Flex>
            {when(b) ? <Typography.Text type="secondary">{when(b)}</Typography.Text> : null}
            {actions(b)}
          </Flex>
        )}
      />
      {booking ? (
        <BookDialog
          childId={childId}
          onClose={() => setBooking(false)}
          onBooked={() => {
            setBooking(false);
            void refresh();
          }}
        />
      ) : null}
      {cancelling ? (
        <CancelBookingModal
          booking={cancelling}
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

function CancelBookingModal({ booking, onClose, onDone }: { booking: Booking; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal<{ reason: string }>
      form={form}
      title={t('services.b.cancelTitle', { name: `${booking.programmeName} · ${booking.sessionTitle}` })}
      intro={<Alert type="warning" showIcon message={t('services.b.cancelIntro')} style={{ marginBottom: 12 }} />}
      okText={t('services.b.cancel')}
      onClose={onClose}
      layout="vertical"
      onSubmit={async (v) => {
        await servicesApi.cancel(booking.id, v.reason, booking.version);
        void message.success(t('services.b.cancelled'));
        onDone();
      }}
    >
      <Form.Item
        name="reason"
        label={t('services.b.cancelReason')}
        rules={[{ required: true, whitespace: true, message: t('services.v.required', { label: t('services.b.cancelReason') }) }]}
      >
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

function BookDialog({ childId, onClose, onBooked }: { childId: string; onClose: () => void; onBooked: () => void }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [member, setMember] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<string | null>(null);
  const q = useQuery({ queryKey: servicesKeys.bookable(childId), queryFn: () => servicesApi.bookable(childId) });
  const book = (programme: Bookable['items'][number]['programme'], sessionId: string, title: string) => {
    modal.confirm({
      title: `${programme.name} · ${title}`,
      content: t('services.b.doBook'),
      okText: t('services.b.book'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setBusy(sessionId);
        try {
          const b = await servicesApi.book(sessionId, programme.audience === 'guardian' ? { childId, memberId: member } : { childId });
          void message.success(b.status === 'waitlisted' ? t('services.b.waitlisted', { n: b.position ?? 0 }) : t('services.b.reserved'));
          onBooked();
        } catch (err) {
          showError(err);
        } finally {
          setBusy(null);
        }
      },
    });
  };
  const d = q.data;
  return (
    <Modal open title={t('services.b.dialog')} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      {q.error ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} /> : null}
      {d ? (
        <Flex vertical gap={12}>
          <Alert type="info" showIcon message={t('services.b.dialogIntro', { age: d.age, tier: d.tierName })} />
          {d.items.some((i) => i.programme.audience === 'guardian') && d.members.length ? (
            <Select
              aria-label={t('services.b.member')}
              placeholder={t('services.b.member')}
              value={member}
              onChange={setMember}
              options={d.members.map((m) => ({ value: m.id, label: `${m.name}（${m.relation}）` }))}
            />
          ) : null}
          {d.items.length === 0 ? (
            <Empty description={t('services.b.noneOpen')} />
          ) : (
            <Collapse
              accordion
              items={d.items.map(({ programme, sessions }) => ({
                key: programme.id,
                label: (
                  <span data-testid="bookable-programme">
                    {programme.name}
                    <Typography.Text type="secondary">
                      {' '}
                      · {t(kindKey(programme.kind))} · {programme.ownerUnitName}
                    </Typography.Text>
                  </span>
                ),
                children: (
                  <Flex vertical gap={8}>
                    {sessions.map((s) => (
                      <Flex key={s.id} justify="space-between" align="center" gap={8} wrap data-testid="bookable-session">
                        <Flex vertical>
                          <Typography.Text strong>{s.title}</Typography.Text>
                          <Typography.Text type="secondary">
                            {formatDate(s.startsOn)} – {formatDate(s.endsOn)}
                            {s.place ? ` · ${s.place}` : ''}
                          </Typography.Text>
                          <PlacesText s={s} />
                        </Flex>
                        <Button
                          type={s.left > 0 ? 'primary' : 'default'}
                          loading={busy === s.id}
                          disabled={programme.audience === 'guardian' && !member}
                          onClick={() => book(programme, s.id, s.title)}
                          data-testid="bookable-book"
                        >
                          {s.left > 0 ? t('services.b.book') : t('services.b.full')}
                        </Button>
                      </Flex>
                    ))}
                  </Flex>
                ),
              }))}
            />
          )}
        </Flex>
      ) : null}
    </Modal>
  );
}
