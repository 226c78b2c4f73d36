import { useState, type ReactNode } from 'react';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';

/**
 * "Break the glass" for masked personal data: a stated reason, which the server records in the
 * audit log with the view, then the values. They live only in this dialog's state, never in storage,
 * and are gone when it closes. Shared by 查看完整 (identity numbers, phones, addresses) and 联系家庭.
 */
export function RevealModal<V extends { reason: string }, R>({
  open,
  onClose,
  title,
  notice,
  submitLabel,
  placeholder,
  rows = 3,
  initialValues,
  extraFields,
  request,
  renderResult,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  notice: ReactNode;
  submitLabel: ReactNode;
  placeholder: string;
  rows?: number;
  initialValues?: Partial<V>;
  /** Form items shown above the reason (e.g. which fields to open). */
  extraFields?: ReactNode;
  request: (values: V) => Promise<R>;
  renderResult: (result: R) => ReactNode;
}) {
  const t = useT();
  const showError = useApiError();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<R | null>(null);
  const [form] = Form.useForm<V>();

  const close = () => {
    setResult(null);
    form.resetFields();
    onClose();
  };
  const submit = async (v: V) => {
    setBusy(true);
    try {
      setResult(await request({ ...v, reason: v.reason.trim() }));
    } catch (err) {
      showError(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={close}
      destroyOnHidden
      footer={
        result !== null
          ? [
              <Button key="close" type="primary" onClick={close}>
                {t('common.close')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={close}>
                {t('common.cancel')}
              </Button>,
              <Button key="ok" type="primary" loading={busy} onClick={() => form.submit()}>
                {submitLabel}
              </Button>,
            ]
      }
    >
      {result !== null ? (
        <>
          {renderResult(result)}
          <Alert type="info" showIcon title={t('children.unmaskRecorded')} />
        </>
      ) : (
        <>
          <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />
          <Form form={form} layout="vertical" onFinish={submit} initialValues={initialValues}>
            {extraFields}
            <Form.Item
              name="reason"
              label={t('children.unmaskReason')}
              rules={[{ required: true, whitespace: true, min: 2, message: t('children.unmaskReasonRequired') }]}
            >
              <Input.TextArea rows={rows} maxLength={200} showCount placeholder={placeholder} autoFocus />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
