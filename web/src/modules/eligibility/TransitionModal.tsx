import { useRef, useState } from 'react';
import { App, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import dayjs from 'dayjs';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { AttachmentPicker, discardUploads } from '../files/AttachmentPicker';
import type { Attachment } from '../files/types';
import { eligibilityApi, type Entitlement, type EntitlementStatus } from './api';

interface Values {
  note?: string;
  reason?: string;
  fromDate?: dayjs.Dayjs;
  amountYuan?: number | null;
}

/**
 * Confirms one step of the entitlement workflow: a note; the reason for 未获批; date and amount for
 * 批准享受; evidence files for 核实 (uploaded as they are chosen, linked when the step is saved,
 * deleted again if the dialog is cancelled).
 */
export function TransitionModal({
  entitlement,
  to,
  onClose,
  onDone,
}: {
  entitlement: Entitlement;
  to: EntitlementStatus;
  onClose: () => void;
  onDone: (e: Entitlement) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const [uploading, setUploading] = useState(false);
  const [saving, setSaving] = useState(false);
  const files = useRef<Attachment[]>([]);
  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const e = await eligibilityApi.transition(entitlement.id, {
        to,
        version: entitlement.version,
        note: v.note?.trim() || null,
        attachmentIds: to === 'verified' && files.current.length ? files.current.map((f) => f.id) : undefined,
        reason: to === 'refused' ? (v.reason?.trim() ?? null) : undefined,
        fromDate: to === 'granted' && v.fromDate ? v.fromDate.format('YYYY-MM-DD') : undefined,
        amountFen: to === 'granted' && v.amountYuan !== undefined && v.amountYuan !== null ? Math.round(v.amountYuan * 100) : undefined,
      });
      void message.success(t('eligibility.form.done'));
      files.current = [];
      onDone(e);
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };
  const cancel = () => {
    discardUploads(files.current);
    files.current = [];
    onClose();
  };
  return (
    <Modal
      open
      title={t('eligibility.action.confirm', { policy: entitlement.policyName, status: t(`eligibility.status.${to}`) })}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: to === 'refused' || to === 'ended', disabled: uploading, loading: saving }}
      onCancel={cancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ fromDate: dayjs(), amountYuan: entitlement.amountFen !== null ? entitlement.amountFen / 100 : null }}
      >
        {to === 'granted' ? (
          <>
            <Form.Item name="fromDate" label={t('eligibility.form.fromDate')} rules={[{ required: true, message: t('eligibility.form.fromDateRequired') }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="amountYuan" label={t('eligibility.form.amount')}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </>
        ) : null}
        {to === 'refused' ? (
          <Form.Item
            name="reason"
            label={t('eligibility.form.reason')}
            rules={[{ required: true, whitespace: true, message: t('eligibility.form.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label={t('eligibility.form.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        {to === 'verified' ? (
          <Form.Item label={t('eligibility.form.evidence')} extra={t('eligibility.form.evidenceHint')}>
            <AttachmentPicker
              childId={entitlement.childId}
              entity="entitlement"
              entityId={entitlement.id}
              onChange={(list) => {
                files.current = list;
              }}
              onBusyChange={setUploading}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
