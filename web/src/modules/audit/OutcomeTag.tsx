import { Tag } from 'antd';
import type { AuditOutcome } from '../../api/types';
import { TAG_COLOR } from '../../components/tagColors';
import { useT } from '../../i18n/useT';

export const OUTCOMES: AuditOutcome[] = ['success', 'denied', 'failed'];

/** A refusal is a warning (someone tried something not allowed); a failure is red. */
const COLOR: Record<AuditOutcome, string> = { success: TAG_COLOR.ok, denied: TAG_COLOR.warning, failed: TAG_COLOR.danger };

export function OutcomeTag({ outcome }: { outcome: AuditOutcome }) {
  const t = useT();
  return <Tag color={COLOR[outcome]}>{t(`audit.outcome.${outcome}`)}</Tag>;
}
