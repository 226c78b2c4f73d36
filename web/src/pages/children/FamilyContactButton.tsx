import { useState } from 'react';
import { Alert, Button, Form, Input, List, Modal, Typography } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import { api, seg } from '../../api/client';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { useCodeLabel } from './labels';
import type { FamilyContacts } from './types';

/** A phone number as a tap-to-call link (a landline's hyphen is dropped from the dialled number). */
export function CallLink({ phone }: { phone: string }) {
  return (
    <a className="mono" href={`tel:${phone.replace(/[^\d+]/g, '')}`} style={{ fontSize: 16 }}>
      <PhoneOutlined /> {phone}
    </a>
  );
}

/**
 * 联系家庭: the visiting caseworker (child director, street supervisor) reveals the family's phones
 * and address with a stated reason, which the server writes to the audit log. The values live only
 * in this component's state and are gone when the dialog closes.
 */
export function FamilyContactButton({ childId, block }: { childId: string; block?: boolean }) {
  const t = useT();
  const label = useCodeLabel();
  const showError = useApiError();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<FamilyContacts | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  const close = () => {
    setOpen(false);
    setResult(null);
    form.resetFields();
  };
  const submit = async (v: { reason: string }) => {
    setBusy(true);
    try {
      setResult(await api.post<FamilyContacts>(`/api/children/${seg(childId)}/contact`, { reason: v.reason.trim() }));
    } catch (err) {
      showError(err, form);
    } finally {
      setBusy(false);
    }
  };

  const rows = result
    ? [
        ...result.members.map((m) => ({ key: m.id, title: `${m.name}（${m.relation} · ${label('role', m.role)}）`, phone: m.phone })),
        { key: 'child', title: t('children.contact.childPhone'), phone: result.phone },
      ]
    : [];
  return (
    <>
      <Button icon={<PhoneOutlined />} block={block} onClick={() => setOpen(true)} data-testid="family-contact">
        {t('children.contact.button')}
      </Button>
      <Modal
        open={open}
        title={t('children.contact.title')}
        onCancel={close}
        destroyOnHidden
        footer={
          result
            ? [<Button key="close" type="primary" onClick={close}>{t('common.close')}</Button>]
            : [
                <Button key="cancel" onClick={close}>{t('common.cancel')}</Button>,
                <Button key="ok" type="primary" loading={busy} onClick={() => form.submit()}>{t('children.contact.submit')}</Button>,
              ]
        }
      >
        {result ? (
          <>
            <List
              size="small"
              dataSource={rows}
              renderItem={(r) => (
                <List.Item key={r.key}>
                  <List.Item.Meta title={r.title} description={r.phone ? <CallLink phone={r.phone} /> : t('children.contact.noPhone')} />
                </List.Item>
              )}
            />
            <Typography.Paragraph style={{ marginTop: 8 }}>
              <Typography.Text type="secondary">{t('children.contact.address')}：</Typography.Text>
              {result.residenceAddress ?? t('children.contact.noAddress')}
            </Typography.Paragraph>
            <Alert type="info" showIcon title={t('children.unmaskRecorded')} />
          </>
        ) : (
          <>
            <Alert type="warning" showIcon title={t('children.contact.notice')} style={{ marginBottom: 16 }} />
            <Form form={form} layout="vertical" onFinish={submit}>
              <Form.Item name="reason" label={t('children.unmaskReason')} rules={[{ required: true, whitespace: true, min: 2, message: t('children.unmaskReasonRequired') }]}>
                <Input.TextArea rows={2} maxLength={200} showCount placeholder={t('children.contact.reasonPlaceholder')} autoFocus />
              </Form.Item>
            </Form>
          </>
        )}
      </Modal>
    </>
  );
}
