import { useState } from 'react';
import { App, Button } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../components/format';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { auditApi } from './api';

/** Recomputes the hash chain on the server; the check itself is also recorded in the log. */
export function VerifyButton() {
  const t = useT();
  const { modal } = App.useApp();
  const showError = useApiError();
  const [busy, setBusy] = useState(false);

  const verify = async () => {
    setBusy(true);
    try {
      const r = await auditApi.verify();
      if (r.ok) {
        modal.success({
          title: t('audit.verify'),
          content: (
            <>
              <p>{t('audit.verifyOk', { checked: r.checked })}</p>
              <p>
                {r.lastCheckpoint
                  ? t('audit.verifyCheckpoints', {
                      count: r.checkpoints,
                      id: r.lastCheckpoint.id,
                      at: formatDateTime(r.lastCheckpoint.at),
                      after: r.afterLastCheckpoint,
                    })
                  : t('audit.verifyNoCheckpoint')}
              </p>
            </>
          ),
          okText: t('common.close'),
        });
      } else {
        modal.error({
          title: t('audit.verify'),
          content: (
            <>
              <p>{t('audit.verifyBroken', { checked: r.checked, id: r.firstBrokenId ?? '—' })}</p>
              {r.reason ? <p>{t('audit.verifyReason', { reason: r.reason })}</p> : null}
            </>
          ),
          okText: t('common.close'),
        });
      }
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button icon={<SafetyCertificateOutlined />} loading={busy} onClick={verify}>
      {t('audit.verify')}
    </Button>
  );
}
