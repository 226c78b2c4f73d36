import { useState } from 'react';
import { Alert, Button, Checkbox, Descriptions, Form, Input, Modal } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { api, seg } from '../../api/client';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import type { UnmaskField, UnmaskedValues } from './types';

type Values = Partial<Record<UnmaskField, string | null | undefined>>;

/**
 * "Break the glass" for masked personal data: a stated reason, which the server records in the
 * audit log with the view. Values live only in this component's state, never in storage.
 */
function UnmaskModalButton({
  fields,
  chooseFields,
  request,
  label,
}: {
  fields: UnmaskField[];
  /** Whether the user picks which fields to open (the child's file); members open both at once. */
  chooseFields: boolean;
  request: (reason: string, fields: UnmaskField[]) => Promise<Values>;
  label?: string;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Values | null>(null);
  const [form] = Form.useForm<{ reason: string; fields: UnmaskField[] }>();
  const showError = useApiError();

  const close = () => {
    setOpen(false);
    setResult(null);
    form.resetFields();
  };

  const submit = async (v: { reason: string; fields?: UnmaskField[] }) => {
    setBusy(true);
    try {
      setResult(await request(v.reason.trim(), v.fields?.length ? v.fields : fields));
    } catch (err) {
      showError(err, form);
    } finally {
      setBusy(false);
    }
  };

  const shown = (result ? (Object.keys(result) as UnmaskField[]) : []).filter((f) => fields.includes(f));
  return (
    <>
      <Button size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)}>
        {label ?? t('children.unmask.button')}
      </Button>
      <Modal
        open={open}
        title={t('children.unmask.title')}
        onCancel={close}
        destroyOnHidden
        footer={
          result
            ? [<Button key="close" type="primary" onClick={close}>{t('common.close')}</Button>]
            : [
                <Button key="cancel" onClick={close}>{t('common.cancel')}</Button>,
                <Button key="ok" type="primary" loading={busy} onClick={() => form.submit()}>{t('children.unmask.submit')}</Button>,
              ]
        }
      >
        {result ? (
          <>
            <Descriptions
              column={1}
              size="small"
              bordered
              style={{ margin: '8px 0 16px' }}
              items={shown.map((f) => ({
                key: f,
                label: t(`children.unmask.field.${f}`),
                children: <span className={f === 'idNumber' || f === 'phone' ? 'mono' : undefined} style={{ fontSize: 16 }}>{result[f] || t('children.unmask.none')}</span>,
              }))}
            />
            <Alert type="info" showIcon title={t('children.unmaskRecorded')} />
          </>
        ) : (
          <>
            <Alert type="warning" showIcon title={t('children.unmask.notice')} style={{ marginBottom: 16 }} />
            <Form form={form} layout="vertical" onFinish={submit} initialValues={{ fields: [fields[0]] }}>
              {chooseFields && fields.length > 1 ? (
                <Form.Item name="fields" label={t('children.unmask.fields')} rules={[{ required: true, type: 'array', min: 1, message: t('children.unmask.fieldsRequired') }]}>
                  <Checkbox.Group options={fields.map((f) => ({ value: f, label: t(`children.unmask.field.${f}`) }))} />
                </Form.Item>
              ) : null}
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

/** Full identity number, phone or addresses of the child (POST /api/children/:id/unmask). */
export function UnmaskButton({ childId, fields, label }: { childId: string; fields: UnmaskField[]; label?: string }) {
  return (
    <UnmaskModalButton
      fields={fields}
      chooseFields
      label={label}
      request={(reason, f) => api.post<UnmaskedValues>(`/api/children/${seg(childId)}/unmask`, { reason, fields: f })}
    />
  );
}

/** A household member's full identity number and phone (both at once, one audited view). */
export function MemberUnmaskButton({ childId, memberId }: { childId: string; memberId: string }) {
  return (
    <UnmaskModalButton
      fields={['idNumber', 'phone']}
      chooseFields={false}
      request={(reason) => api.post<{ idNumber: string | null; phone: string | null }>(`/api/children/${seg(childId)}/members/${seg(memberId)}/unmask`, { reason })}
    />
  );
}
