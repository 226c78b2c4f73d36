import { useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useT } from '../../i18n/useT';
import { OVER18_REASON_LIST, type Over18Reason } from './types';

export interface Over18Answer {
  over18Reason: Over18Reason;
  over18Note: string | null;
}

/**
 * Asked before creating a file for someone 18 or older: a child file is for minors, so the
 * caseworker confirms and says why it is kept (the server refuses without the reason).
 */
export function useOver18Dialog() {
  const [ask, setAsk] = useState<{ age: number; resolve: (a: Over18Answer | null) => void } | null>(null);
  const confirm = (age: number) => new Promise<Over18Answer | null>((resolve) => setAsk({ age, resolve }));
  const dialog = ask ? (
    <Over18Modal
      age={ask.age}
      onDone={(a) => {
        ask.resolve(a);
        setAsk(null);
      }}
    />
  ) : null;
  return { confirm, dialog };
}

function Over18Modal({ age, onDone }: { age: number; onDone: (a: Over18Answer | null) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason?: Over18Reason; note?: string }>();
  const reason = Form.useWatch('reason', form);
  return (
    <Modal
      open
      title={t('children.over18.title', { age })}
      okText={t('children.over18.confirm')}
      cancelText={t('common.cancel')}
      onCancel={() => onDone(null)}
      onOk={async () => {
        const v = await form.validateFields();
        onDone({ over18Reason: v.reason!, over18Note: v.note?.trim() || null });
      }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('children.over18.content')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('children.over18.reason')} rules={[{ required: true, message: t('children.over18.reasonRequired') }]}>
          <Select data-testid="over18-reason" options={OVER18_REASON_LIST.map((r) => ({ value: r, label: t(`children.over18Reason.${r}`) }))} />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('children.over18.note')}
          rules={reason === 'other' ? [{ required: true, whitespace: true, message: t('children.over18.noteRequired') }] : []}
        >
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
