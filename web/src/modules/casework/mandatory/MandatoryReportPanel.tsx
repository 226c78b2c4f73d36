import { useState } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Descriptions, Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { MANDATORY_METHOD_CODES, MANDATORY_RECIPIENT_CODES, type MandatoryReport } from '@common/casework';
import { api, seg } from '../../../api/client';
import { formatDateTime } from '../../../components/format';
import { useApi } from '../../../hooks/useApi';
import { useApiError } from '../../../hooks/useApiError';
import { useT } from '../../../i18n/useT';
import type { MessageKey } from '../../../locales/zh-CN';

interface Values { outcome: 'reported' | 'not_reported'; reportedAt?: Dayjs; recipients?: string[]; method?: string; note?: string; reason?: string }

/** Records the duty: reported (when, to whom, how) or not reported with a reason. */
export function RecordMandatoryModal({ report, onClose, onSaved }: { report: MandatoryReport; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const outcome = Form.useWatch('outcome', form);
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const body = v.outcome === 'reported'
        ? { outcome: v.outcome, reportedAt: v.reportedAt!.toISOString(), recipients: v.recipients ?? [], method: v.method, note: v.note?.trim() || null, version: report.version }
        : { outcome: v.outcome, reason: v.reason?.trim() ?? '', version: report.version };
      await api.post(`/api/mandatory-reports/${seg(report.id)}/record`, body);
      void message.success(t('casework.mandatory.saved'));
      onSaved();
    } catch (err) {
      showError(err, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('casework.mandatory.recordTitle', { name: report.childName })} onCancel={onClose} okText={t('common.save')} cancelText={t('common.cancel')}
      confirmLoading={busy} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ outcome: 'reported', reportedAt: dayjs(), recipients: ['police', 'civil_affairs'], method: 'phone' }}>
        <Form.Item name="outcome" label={t('casework.mandatory.outcome')}>
          <Radio.Group options={[{ value: 'reported', label: t('casework.mandatory.reported') }, { value: 'not_reported', label: t('casework.mandatory.notReported') }]} />
        </Form.Item>
        {outcome === 'not_reported' ? (
          <Form.Item name="reason" label={t('casework.mandatory.reason')} rules={[{ required: true, whitespace: true, min: 4, message: t('casework.mandatory.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('casework.mandatory.reasonPlaceholder')} />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="reportedAt" label={t('casework.mandatory.reportedAt')} rules={[{ required: true, message: t('casework.mandatory.reportedAtRequired') }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="recipients" label={t('casework.mandatory.recipients')} rules={[{ required: true, type: 'array', min: 1, message: t('casework.mandatory.recipientsRequired') }]}>
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
      </Form>
    </Modal>
  );
}

/** What was recorded, in one line per fact. */
export function MandatoryOutcome({ report }: { report: MandatoryReport }) {
  const t = useT();
  if (report.status === 'pending') return <Typography.Text type="danger">{t('casework.mandatory.status.pending')}</Typography.Text>;
  return (
    <Descriptions size="small" column={1} items={report.status === 'reported' ? [
      { key: 'at', label: t('casework.mandatory.reportedAt'), children: formatDateTime(report.reportedAt) },
      { key: 'to', label: t('casework.mandatory.recipients'), children: report.recipients.map((c) => t(`casework.mandatory.recipient.${c}` as MessageKey)).join('、') },
      { key: 'how', label: t('casework.mandatory.method'), children: report.method ? t(`casework.mandatory.methodValue.${report.method}` as MessageKey) : '—' },
      ...(report.note ? [{ key: 'note', label: t('casework.mandatory.note'), children: report.note }] : []),
      { key: 'by', label: t('casework.mandatory.recordedBy'), children: `${report.recordedBy ?? '—'} · ${formatDateTime(report.recordedAt)}` },
    ] : [
      { key: 'reason', label: t('casework.mandatory.notReported'), children: report.notReportedReason },
      { key: 'by', label: t('casework.mandatory.recordedBy'), children: `${report.recordedBy ?? '—'} · ${formatDateTime(report.recordedAt)}` },
    ]} />
  );
}

/** Shown in a problem of the safety category with severity 严重: the duty, and its record. */
export function MandatoryReportPanel({ problemId, canWrite }: { problemId: string; canWrite: boolean }) {
  const t = useT();
  const { data, reload } = useApi(() => api.get<{ items: MandatoryReport[] }>('/api/mandatory-reports', { status: 'all', problemId }), [problemId]);
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
            <Button type="primary" danger onClick={() => setRecording(true)} data-testid="record-mandatory">{t('casework.mandatory.record')}</Button>
          ) : null}
          {recording ? <RecordMandatoryModal report={report} onClose={() => setRecording(false)} onSaved={() => { setRecording(false); reload(); }} /> : null}
        </Space>
      }
    />
  );
}
