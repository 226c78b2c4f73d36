import { Tag } from 'antd';
import { TAG_COLOR } from '../../../components/tagColors';
import { useT } from '../../../i18n/useT';
import type { AssessmentStatus, GradeEffect } from './api';

const STATUS_COLOR: Record<AssessmentStatus, string> = {
  commissioned: TAG_COLOR.info,
  assessed: TAG_COLOR.warning,
  returned: TAG_COLOR.ok,
  archived: TAG_COLOR.closed,
  cancelled: TAG_COLOR.closed,
};
const EFFECT_COLOR: Record<GradeEffect, string> = {
  missing: TAG_COLOR.danger,
  improper: TAG_COLOR.danger,
  insufficient: TAG_COLOR.warning,
  normal: TAG_COLOR.ok,
};

export function AssessmentStatusTag({ status }: { status: AssessmentStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLOR[status]}>{t(`guardianship.assess.status.${status}`)}</Tag>;
}

/** The grade by its name (the instrument's), coloured by its effect. */
export function GradeTag({ name, effect }: { name: string | null; effect: GradeEffect | null }) {
  const t = useT();
  if (!effect) return <span>—</span>;
  return <Tag color={EFFECT_COLOR[effect]}>{name ?? t(`guardianship.assess.effect.${effect}`)}</Tag>;
}

export function PlaceholderTag() {
  const t = useT();
  return <Tag color={TAG_COLOR.warning}>{t('guardianship.assess.placeholder')}</Tag>;
}
