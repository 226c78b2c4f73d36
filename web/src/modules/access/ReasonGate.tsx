import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Result } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { accessApi, accessKeys, REASON_MAX, REASON_MIN } from './api';

/**
 * 越权查阅: shown instead of a child's file when the server answers ACCESS_REASON_REQUIRED. The
 * dialog asks for the reason, states the duration and that the audit administrator is told; once
 * granted, `onGranted` reloads the file.
 */
export function ReasonGate({ childId, onGranted }: { childId: string; onGranted: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const showError = useApiError();
  const settings = useQuery({ queryKey: accessKeys.settings, queryFn: accessApi.settings });
  const [open, setOpen] = useState(true);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const hours = settings.data?.grantHours ?? 4;

  const submit = async () => {
    const { reason } = await form.validateFields();
    setSaving(true);
    try {
      await accessApi.openGrant(childId, reason.trim());
      setOpen(false);
      onGranted();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Result
        status="403"
        icon={<LockOutlined style={{ fontSize: 64, color: '#d4380d' }} />}
        title={t('access.reason.title')}
        subTitle={t('access.reason.refused')}
        extra={[
          <Button key="reason" type="primary" onClick={() => setOpen(true)}>
            {t('access.reason.submit')}
          </Button>,
          <Button key="back" onClick={() => navigate('/children')}>
            {t('access.reason.cancel')}
          </Button>,
        ]}
      />
      <Modal
        open={open}
        title={t('access.reason.title')}
        okText={t('access.reason.submit')}
        cancelText={t('access.reason.cancel')}
        confirmLoading={saving}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        data-testid="reason-dialog"
      >
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('access.reason.notice', { hours })} />
        <Form form={form} layout="vertical" requiredMark={false}>
          <Form.Item
            name="reason"
            label={t('access.reason.label')}
            rules={[
              { required: true, whitespace: true, message: t('access.reason.min', { min: REASON_MIN }) },
              { min: REASON_MIN, message: t('access.reason.min', { min: REASON_MIN }) },
            ]}
          >
            <Input.TextArea rows={3} maxLength={REASON_MAX} showCount placeholder={t('access.reason.placeholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
