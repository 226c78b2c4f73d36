import { useState } from 'react';
import { Alert, App, Form, Modal, Select } from 'antd';
import type { Committee } from '../../../api/types';
import { useApiError } from '../../../hooks/useApiError';
import { useT } from '../../../i18n/useT';
import { adminApi } from '../api';

/** Merge a committee into another of the same street; irreversible, so it is confirmed twice. */
export function CommitteeMergeModal({
  committee,
  candidates,
  onClose,
  onSaved,
}: {
  committee: Committee;
  candidates: Committee[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const showError = useApiError();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ intoId: string }>();
  const [saving, setSaving] = useState(false);

  const merge = async (intoId: string) => {
    setSaving(true);
    try {
      await adminApi.mergeCommittee(committee.id, intoId);
      void message.success(t('areas.merged'));
      onSaved();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  const submit = ({ intoId }: { intoId: string }) => {
    const into = candidates.find((c) => c.id === intoId);
    modal.confirm({
      title: t('areas.mergeConfirm', { from: committee.name, into: into?.name ?? '' }),
      okText: t('areas.merge'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => merge(intoId),
    });
  };

  return (
    <Modal
      open
      title={t('areas.mergeTitle', { name: committee.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('areas.merge')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('areas.mergeHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="intoId" label={t('areas.mergeInto')} rules={[{ required: true, message: t('areas.mergeRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={candidates.map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
