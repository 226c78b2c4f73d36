import { useState } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Descriptions, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  MANDATORY_METHOD_CODES,
  MANDATORY_RECIPIENT_CODES,
  type MandatoryMethod,
  type MandatoryRecipient,
  type MandatoryReport,
  type MandatoryReportRecord,
} from '@common/casework';
import { FormModal } from '../../../components/FormModal';
import { formatDateTime } from '../../../components/format';
import { useT } from '../../../i18n/useT';
import type { MessageKey } from '../../../locales/zh-CN';
import { caseworkApi, caseworkKeys } from '../api';

interface Values {
  outcome: 'reported' | 'not_reported';
  reportedAt?: Dayjs;
  recipients?: MandatoryRecipient[];
  method?: MandatoryMethod;
  note?: string;
  reason?: string;
}

/** Records the duty: reported (when, to whom, how) or not reported with a reason. */
export function RecordMandatoryModal({ report, onClose, onSaved }: { report: MandatoryReport; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch('outcome', form);
  const submit = async (v: Values) => {
    // The form requires the time, recipients and method of a report; the server checks them again.
    const body: MandatoryReportRecord =
      v.outcome === 'reported'
        ? {
            outcome: v.outcome,
            reportedAt: v.reportedAt?.toISOString() ?? '',
            recipients: v.recipients ?? [],
            method: v.method ?? 'phone',
            note: v.note?.trim() || null,
            version: report.version,
          }
        : { outcome: v.outcome, reason: v.reason?.trim() ?? '', version: report.version };
    await caseworkApi.recordMandatoryReport(report.id, body);
    void queryClient.invalidateQueries({ queryKey: caseworkKeys.all });
    void message.success(t('casework.mandatory.saved'));
    onSaved();
  };
  return (
    <FormModal<Values>
      form={form}
      title={t('casework.mandatory.recordTitle', { name: report.childName })}
      onClose={onClose}
      onSubmit={submit}
      layout="vertical"
      initialValues={{ outcome: 'reported', reportedAt: dayjs(), recipients: ['police', 'civil_affairs'], method: 'phone' }}
    >
      <Form.Item name="outcome" label={t('casework.mandatory.outcome')}>
        <Radio.Group
          options={[
            { value: 'reported', label: t('casework.mandatory.reported') },
            { value: 'not_reported', label: t('casework.mandatory.notReported') },
          ]}
        />
      </Form.Item>
      {outcome === 'not_reported' ? (
        <Form.Item
          name="reason"
          label={t('casework.mandatory.reason')}
          rules={[{ required: true, whitespace: true, min: 4, message: t('casework.mandatory.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('casework.mandatory.reasonPlaceholder')} />
        </Form.Item>
      ) : (
        <>
          <Form.Item
            name="reportedAt"
            label={t('casework.mandatory.reportedAt')}
            rules={[{ required: true, message: t('casework.mandatory.reportedAtRequired') }]}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="recipients"
            label={t('casework.mandatory.recipients')}
            rules={[{ required: true, type: 'array', min: 1, message: t('casework.mandatory.recipientsRequired') }]}
          >
            <Checkbox.Group options={MANDATORY_RECIPIENT_CODES.map((c) => ({ value: c, label: t(`casework.mandatory.recipient.${c}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item name="method" label={t('casework.mandatory.method')} rules={[{ required: true, message: t('casework.mandatory.methodRequired') }]}>
            <Select options={MANDATORY_METHOD_CODES.map((c) => ({ value: c, label: t(`casework.mandatory.methodValue.${c}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('casework.mandatory.note')}>
            <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('casework.mandatory.notePlaceholder')} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

/** What was recorded, in one line per fact. */
export function MandatoryOutcome({ report }: { report: MandatoryReport }) {
  const t = useT();
  if (report.status === 'pending') return <Typography.Text type="danger">{t('casework.mandatory.status.pending')}</Typography.Text>;
  return (
    <Descriptions
      size="small"
      column={1}
      items={
        report.status === 'reported'
          ? [
              { key: 'at', label: t('casework.mandatory.reportedAt'), children: formatDateTime(report.reportedAt) },
              {
                key: 'to',
                label: t('casework.mandatory.recipients'),
                children: report.recipients.map((c) => t(`casework.mandatory.recipient.${c}` as MessageKey)).join('、'),
              },
              {
                key: 'how',
                label: t('casework.mandatory.method'),
                children: report.method ? t(`casework.mandatory.methodValue.${report.method}` as MessageKey) : '—',
              },
              ...(report.note ? [{ key: 'note', label: t('casework.mandatory.note'), children: report.note }] : []),
              { key: 'by', label: t('casework.mandatory.recordedBy'), children: `${report.recordedBy ?? '—'} · ${formatDateTime(report.recordedAt)}` },
            ]
          : [
              { key: 'reason', label: t('casework.mandatory.notReported'), children: report.notReportedReason },
              { key: 'by', label: t('casework.mandatory.recordedBy'), children: `${report.recordedBy ?? '—'} · ${formatDateTime(report.recordedAt)}` },
            ]
      }
    />
  );
}

/** Shown in a problem of the safety category with severity 严重: the duty, and its record. */
export function MandatoryReportPanel({ problemId, canWrite }: { problemId: string; canWrite: boolean }) {
  const t = useT();
  const query = { status: 'all' as const, problemId };
  const { data } = useQuery({ queryKey: caseworkKeys.mandatory(query), queryFn: () => caseworkApi.mandatoryReports(query) });
  const [recording, setRecording] = useState(false);
  const report = data?.items[0];
  if (!report) return null;
  return (
    <Alert
      style={{ marginTop: 16 }}
      type={report.status === 'pending' ? 'error' : 'info'}
      showIcon
      icon={<SafetyCertificateOutlined />}
      title={t('casework.mandatory.duty')}
      description={
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('casework.mandatory.dutyText')}</Typography.Text>
          <MandatoryOutcome report={report} />
          {canWrite && report.status === 'pending' ? (
            <Button type="primary" danger onClick={() => setRecording(true)} data-testid="record-mandatory">
              {t('casework.mandatory.record')}
            </Button>
          ) : null}
          {recording ? <RecordMandatoryModal report={report} onClose={() => setRecording(false)} onSaved={() => setRecording(false)} /> : null}
        </Space>
      }
    />
  );
}
