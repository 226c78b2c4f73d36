/** Pieces shared by the appointments pages and the child-file section: the status tag, the cancel and completion dialogs. */
import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Radio, Tag } from 'antd';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n/useT';
import type { MessageKey } from '../../locales/zh-CN';
import { appointmentKeys, appointmentsApi, type Appointment } from './api';

const STATUS: Record<string, { key: MessageKey; color: string } | undefined> = {
  confirmed: { key: 'appointments.status.confirmed', color: 'blue' },
  cancelled: { key: 'appointments.status.cancelled', color: 'default' },
  attended: { key: 'appointments.status.attended', color: 'green' },
  absent: { key: 'appointments.status.absent', color: 'red' },
  reserved: { key: 'appointments.status.reserved', color: 'orange' },
  waitlisted: { key: 'appointments.status.waitlisted', color: 'gold' },
  expired: { key: 'appointments.status.expired', color: 'default' },
};

export function StatusTag({ status }: { status: string }) {
  const t = useT();
  const s = STATUS[status];
  return <Tag color={s?.color ?? 'default'}>{s ? t(s.key) : status}</Tag>;
}

/** A slot's time as the district lives it (Shanghai, UTC+8 all year), whatever the browser's zone. */
export const slotTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Refreshes every appointments query and the holiday plans (bookings show under them). */
export function useRefresh() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: appointmentKeys.all }), qc.invalidateQueries({ queryKey: ['holidays'] })]);
}

export function CancelDialog({ appointment, onClose }: { appointment: Appointment; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal<{ reason: string }>
      form={form}
      title={`${t('appointments.cancelTitle')} · ${slotTime(appointment.startsAt)}`}
      okText={t('appointments.cancel')}
      onClose={onClose}
      layout="vertical"
      onSubmit={async (v) => {
        await appointmentsApi.cancel(appointment.id, { reason: v.reason, version: appointment.version });
        void message.success(t('appointments.cancelled'));
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

interface CompleteValues {
  result: 'done' | 'absent';
  completionNote?: string;
  durationMinutes?: number;
  absenceNote?: string;
}

export function CompleteDialog({ appointment, onClose }: { appointment: Appointment; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [form] = Form.useForm<CompleteValues>();
  const result = Form.useWatch('result', form);
  return (
    <FormModal<CompleteValues>
      form={form}
      title={`${t('appointments.completeTitle')} · ${appointment.displayLabel} · ${slotTime(appointment.startsAt)}`}
      onClose={onClose}
      layout="vertical"
      initialValues={{ result: 'done', durationMinutes: 60 }}
      onSubmit={async (v) => {
        const attended = v.result === 'done';
        await appointmentsApi.complete(appointment.id, {
          attended,
          completionNote: attended ? v.completionNote : null,
          durationMinutes: attended ? v.durationMinutes : null,
          absenceNote: attended ? null : v.absenceNote,
          version: appointment.version,
        });
        void message.success(t('appointments.completed'));
        await refresh();
        onClose();
      }}
    >
      <Form.Item name="result" label={t('appointments.result')}>
        <Radio.Group
          options={[
            { value: 'done', label: t('appointments.result.done') },
            { value: 'absent', label: t('appointments.result.absent') },
          ]}
        />
      </Form.Item>
      {result === 'absent' ? (
        <Form.Item
          name="absenceNote"
          label={t('appointments.absence')}
          rules={[{ required: true, whitespace: true, message: t('appointments.absenceRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      ) : (
        <>
          <Form.Item
            name="completionNote"
            label={t('appointments.note')}
            rules={[{ required: true, whitespace: true, message: t('appointments.noteRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('appointments.notePlaceholder')} />
          </Form.Item>
          <Form.Item name="durationMinutes" label={t('appointments.minutes')} rules={[{ required: true, message: t('appointments.minutesRequired') }]}>
            <InputNumber min={1} max={600} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
