import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { api, seg } from '../../api/client';
import type { Unmasked } from '../../api/types';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';

/**
 * "Break the glass" for the full identity number: a stated reason, recorded by the server in the
 * audit log with the view. The number lives only in this component's state, never in storage.
 */
export function UnmaskButton({ childId }: { childId: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Unmasked | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const showError = useApiError();

  const close = () => {
    setOpen(false);
    setResult(null);
    form.resetFields();
  };

  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    try {
      setResult(await api.post<Unmasked>(`/api/children/${seg(childId)}/unmask`, { reason: reason.trim() }));
    } catch (err) {
      showError(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)}>
        {t('children.unmask')}
      </Button>
      <Modal
        open={open}
        title={t('children.unmaskTitle')}
        onCancel={close}
        destroyOnHidden
        footer={
          result
            ? [<Button key="close" type="primary" onClick={close}>{t('common.close')}</Button>]
            : [
                <Button key="cancel" onClick={close}>{t('common.cancel')}</Button>,
                <Button key="ok" type="primary" loading={busy} onClick={() => form.submit()}>{t('common.confirm')}</Button>,
              ]
        }
      >
        {result ? (
          <>
            <Typography.Paragraph className="mono" style={{ fontSize: 20, margin: '8px 0 16px' }}>
              {result.idNumber ?? t('children.unmaskNone')}
            </Typography.Paragraph>
            <Alert type="info" showIcon title={t('children.unmaskRecorded')} />
          </>
        ) : (
          <>
            <Alert type="warning" showIcon title={t('children.unmaskNotice')} style={{ marginBottom: 16 }} />
            <Form form={form} layout="vertical" onFinish={submit}>
              <Form.Item
                name="reason"
                label={t('children.unmaskReason')}
                rules={[{ required: true, whitespace: true, min: 2, message: t('children.unmaskReasonRequired') }]}
              >
                <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('children.unmaskReasonPlaceholder')} autoFocus />
              </Form.Item>
            </Form>
          </>
        )}
      </Modal>
    </>
  );
}
