/** 场次名单 for the programme's owner unit: masked labels and tiers only (every view audited), attendance once the session started, and participants not on file. */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, Popconfirm, Space, Typography, type TableColumnsType } from 'antd';
import { useParams } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { ListScaffold } from '../../components/ListScaffold';
import { formatDate, formatDateTime } from '../../components/format';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { servicesApi, servicesKeys, type Booking } from './api';
import { BookingStatusTag, PlacesText } from './labels';

export default function RosterPage() {
  const t = useT();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const showError = useApiError();
  const [adding, setAdding] = useState(false);
  const q = useQuery({ queryKey: servicesKeys.roster(id), queryFn: () => servicesApi.roster(id) });
  const refresh = () => qc.invalidateQueries({ queryKey: servicesKeys.all });
  if (q.error) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  if (!d) return <Card loading />;

  const mark = async (b: Booking, attended: boolean) => {
    try {
      await servicesApi.attendance(b.id, attended, b.version);
      void message.success(t('services.roster.attendanceSaved'));
      await refresh();
    } catch (err) {
      showError(err);
    }
  };
  const actions = (b: Booking) =>
    b.canMarkAttendance ? (
      <Space size={0}>
        <Button type="link" size="small" onClick={() => void mark(b, true)} data-testid="roster-attended">
          {t('services.roster.attended')}
        </Button>
        <Popconfirm title={t('services.roster.absent')} okText={t('services.roster.absent')} cancelText={t('common.cancel')} onConfirm={() => mark(b, false)}>
          <Button type="link" size="small" danger>
            {t('services.roster.absent')}
          </Button>
        </Popconfirm>
      </Space>
    ) : null;
  const columns: TableColumnsType<Booking> = [
    { title: t('services.roster.label'), dataIndex: 'label', render: (v: string) => <span data-testid="roster-label">{v}</span> },
    { title: t('services.roster.tier'), dataIndex: 'priorityName', width: 160 },
    { title: t('services.s.status'), key: 'status', width: 200, render: (_, b) => <BookingStatusTag status={b.status} position={b.position} /> },
    { title: t('services.roster.requested'), dataIndex: 'requestedAt', width: 160, render: (v: string) => formatDateTime(v) },
    { title: t('services.s.actions'), key: 'actions', width: 150, render: (_, b) => actions(b) },
  ];
  return (
    <Card
      title={`${t('services.roster.title')} · ${d.programme.name} · ${d.session.title}`}
      extra={
        d.session.status === 'open' && !d.session.started ? (
          <Button onClick={() => setAdding(true)} data-testid="roster-add-external">
            {t('services.roster.addExternal')}
          </Button>
        ) : null
      }
    >
      <Flex vertical gap={12}>
        <Alert type="info" showIcon message={t('services.roster.hint')} />
        <Typography.Text>
          {formatDate(d.session.startsOn)} – {formatDate(d.session.endsOn)} · <PlacesText s={d.session} />
        </Typography.Text>
        <ListScaffold<Booking>
          items={d.items}
          loading={q.isFetching}
          rowKey="id"
          columns={columns}
          emptyText={t('services.roster.empty')}
          tableProps={{ scroll: { x: 760 } }}
          renderMobile={(b) => (
            <Flex vertical gap={4} data-testid="roster-item">
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong data-testid="roster-label">
                  {b.label}
                </Typography.Text>
                <BookingStatusTag status={b.status} position={b.position} />
              </Flex>
              <Typography.Text type="secondary">
                {b.priorityName} · {formatDateTime(b.requestedAt)}
              </Typography.Text>
              {actions(b)}
            </Flex>
          )}
        />
      </Flex>
      {adding ? (
        <ExternalModal
          sessionId={id}
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            void refresh();
          }}
        />
      ) : null}
    </Card>
  );
}

function ExternalModal({ sessionId, onClose, onDone }: { sessionId: string; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  return (
    <FormModal<{ name: string }>
      form={form}
      title={t('services.roster.addExternal')}
      intro={<Alert type="info" showIcon message={t('services.roster.externalHint')} style={{ marginBottom: 12 }} />}
      onClose={onClose}
      layout="vertical"
      onSubmit={async (v) => {
        const b = await servicesApi.book(sessionId, { externalName: v.name });
        void message.success(b.status === 'waitlisted' ? t('services.b.waitlisted', { n: b.position ?? 0 }) : t('services.b.reserved'));
        onDone();
      }}
    >
      <Form.Item
        name="name"
        label={t('services.roster.externalName')}
        rules={[{ required: true, whitespace: true, message: t('services.v.required', { label: t('services.roster.externalName') }) }]}
      >
        <Input maxLength={50} />
      </Form.Item>
    </FormModal>
  );
}
