import { Tag } from 'antd';
import { TAG_COLOR } from '../../components/tagColors';
import { useT } from '../../i18n/useT';
import type { EligibilityVerdict, EntitlementStatus } from './api';

const VERDICT_COLOR: Record<EligibilityVerdict, string> = { eligible: TAG_COLOR.ok, not_eligible: TAG_COLOR.closed, undetermined: TAG_COLOR.warning };
const STATUS_COLOR: Record<EntitlementStatus, string> = {
  suggested: TAG_COLOR.info,
  verified: TAG_COLOR.info,
  submitted: TAG_COLOR.warning,
  granted: TAG_COLOR.ok,
  refused: TAG_COLOR.danger,
  ended: TAG_COLOR.closed,
};

export function VerdictTag({ verdict }: { verdict: EligibilityVerdict }) {
  const t = useT();
  return <Tag color={VERDICT_COLOR[verdict]}>{t(`eligibility.verdict.${verdict}`)}</Tag>;
}

export function EntitlementTag({ status }: { status: EntitlementStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLOR[status]}>{t(`eligibility.status.${status}`)}</Tag>;
}
