import { Alert, Modal, Typography } from 'antd';
import type { AdminRequestApproved } from '../../../api/types';
import { useT } from '../../../i18n/useT';

/**
 * The one-time password after an approval, shown once to the approver (the requester never sees
 * it). Kept only in this component's state: closing the window forgets it.
 */
export function TemporaryPasswordModal({ approved, onClose }: { approved: AdminRequestApproved; onClose: () => void }) {
  const t = useT();
  return (
    <Modal
      open
      title={t('adminAccounts.approved')}
      onCancel={onClose}
      onOk={onClose}
      okText={t('adminAccounts.close')}
      cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('adminAccounts.approvedHint', { name: approved.request.target.displayName })} style={{ marginBottom: 16 }} />
      <Typography.Text type="secondary">
        {t('adminAccounts.temporaryPassword')} · <span className="mono">{approved.request.target.username}</span>
      </Typography.Text>
      <Typography.Paragraph
        copyable={{ text: approved.temporaryPassword, tooltips: [t('adminAccounts.copy'), t('adminAccounts.copied')] }}
        className="mono"
        style={{ fontSize: 20, marginTop: 8 }}
      >
        {approved.temporaryPassword}
      </Typography.Paragraph>
    </Modal>
  );
}
