import { Tag } from 'antd';
import type { AdminClass } from '@common/permissions';
import { useT } from '../../../i18n/useT';

/** Administrator classes get their own colours, distinct from the status colours (red/orange/green/grey). */
const CLASS_COLOR: Record<AdminClass, string> = { system: 'geekblue', security: 'purple', audit: 'cyan' };

export function AdminClassTag({ adminClass }: { adminClass: AdminClass | null }) {
  const t = useT();
  if (!adminClass) return null;
  return <Tag color={CLASS_COLOR[adminClass]}>{t(`adminClass.${adminClass}`)}</Tag>;
}
