import { Descriptions, Typography } from 'antd';
import type { AuditEntry } from '../../api/types';
import { useT } from '../../i18n/useT';

/** The expanded row: who exactly, which request, and the recorded summary as JSON. */
export function AuditDetail({ entry }: { entry: AuditEntry }) {
  const t = useT();
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        style={{ marginBottom: 8 }}
        items={[
          { key: 'roles', label: t('audit.roles'), children: entry.roles ?? '—' },
          { key: 'entityId', label: t('audit.entityId'), children: <span className="mono">{entry.entityId ?? '—'}</span> },
          { key: 'requestId', label: t('audit.requestId'), children: <span className="mono">{entry.requestId ?? '—'}</span> },
          ...(entry.reason ? [{ key: 'reason', label: t('audit.reason'), children: entry.reason }] : []),
        ]}
      />
      {entry.summary ? (
        <pre className="summary-json mono">{JSON.stringify(entry.summary, null, 2)}</pre>
      ) : (
        <Typography.Text type="secondary">{t('audit.noSummary')}</Typography.Text>
      )}
    </>
  );
}
