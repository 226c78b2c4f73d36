/** Small shared pieces of the training pages: a share as "n / d（p%）" and the tags of kinds and grades. */
import { Tag, Typography } from 'antd';
import { useT } from '../../i18n/useT';
import type { Grade, TrainingKind } from './api';

const KIND_COLORS: Record<TrainingKind, string> = { induction: 'blue', annual: 'green', specialised: 'purple', social_work: 'gold' };
const GRADE_COLORS: Record<Grade, string> = { excellent: 'green', good: 'blue', pass: 'default', fail: 'red' };

export function KindTag({ kind }: { kind: TrainingKind }) {
  const t = useT();
  return <Tag color={KIND_COLORS[kind]}>{t(`training.kind.${kind}`)}</Tag>;
}

export function GradeTag({ grade }: { grade: Grade | null }) {
  const t = useT();
  return grade ? <Tag color={GRADE_COLORS[grade]}>{t(`training.grade.${grade}`)}</Tag> : <Typography.Text type="secondary">—</Typography.Text>;
}

export function Share({ num, den }: { num: number; den: number }) {
  const t = useT();
  if (den === 0) return <Typography.Text type="secondary">{t('training.share.none')}</Typography.Text>;
  return (
    <span>
      {num} / {den}（{Math.round((num / den) * 1000) / 10}%）
    </span>
  );
}
