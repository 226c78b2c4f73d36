import { Tag } from 'antd';
import type { User } from '../../../api/types';
import { TAG_COLOR } from '../../../components/tagColors';
import { useT } from '../../../i18n/useT';

/** Disabled (grey) outranks the rest; locked is urgent (red); a pending password change is a to-do (orange). */
export function UserStatusTags({ user }: { user: User }) {
  const t = useT();
  if (user.disabled) return <Tag color={TAG_COLOR.closed}>{t('users.status.disabled')}</Tag>;
  const tags = [];
  if (user.locked)
    tags.push(
      <Tag key="locked" color={TAG_COLOR.danger}>
        {t('users.status.locked')}
      </Tag>,
    );
  if (user.mustChangePassword)
    tags.push(
      <Tag key="pw" color={TAG_COLOR.warning}>
        {t('users.status.mustChange')}
      </Tag>,
    );
  if (tags.length === 0)
    tags.push(
      <Tag key="ok" color={TAG_COLOR.ok}>
        {t('users.status.normal')}
      </Tag>,
    );
  return <>{tags}</>;
}
