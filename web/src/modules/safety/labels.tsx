/** Tags of the safety module: site kind, hazard status (with overdue), severity. */
import { Space, Tag } from 'antd';
import { useT } from '../../i18n/useT';
import type { Hazard, Severity, SiteKind } from './api';

export function KindTag({ kind }: { kind: SiteKind }) {
  const t = useT();
  return <Tag color={kind === 'river_section' ? 'cyan' : 'blue'}>{t(`safety.kind.${kind}`)}</Tag>;
}

export function SeverityTag({ severity }: { severity: Severity }) {
  const t = useT();
  return severity === 'major' ? <Tag color="red">{t('safety.severity.major')}</Tag> : <Tag>{t('safety.severity.general')}</Tag>;
}

export function StatusTags({ hazard }: { hazard: Pick<Hazard, 'status' | 'overdue'> }) {
  const t = useT();
  const color = hazard.status === 'confirmed' ? 'green' : hazard.status === 'fix_reported' ? 'gold' : 'default';
  return (
    <Space size={4} wrap>
      <Tag color={color}>{t(`safety.status.${hazard.status}`)}</Tag>
      {hazard.overdue ? <Tag color="red">{t('safety.overdue')}</Tag> : null}
    </Space>
  );
}
