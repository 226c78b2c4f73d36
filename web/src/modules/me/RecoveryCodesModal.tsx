import { Alert, Button, Modal, Typography } from 'antd';
import { useT } from '../../i18n/useT';

/** Shown exactly once after enrolment; it closes only through the explicit acknowledgement. */
export function RecoveryCodesModal({ codes, onAcknowledge }: { codes: string[] | null; onAcknowledge: () => void }) {
  const t = useT();
  return (
    <Modal
      open={codes !== null}
      title={t('me.recoveryTitle')}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onAcknowledge}>
          {t('me.recoverySaved')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('me.recoveryWarning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph copyable={{ text: (codes ?? []).join('\n') }} style={{ marginBottom: 0 }}>
        <span className="mono" style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: '6px 24px', fontSize: 15 }}>
          {(codes ?? []).map((code) => (
            <span key={code}>{code}</span>
          ))}
        </span>
      </Typography.Paragraph>
    </Modal>
  );
}
