import { useCallback } from 'react';
import { App } from 'antd';
import { useAuth } from '../auth/useAuth';
import { useT } from '../i18n/useT';
import { clearDrafts, countDrafts } from './store';

/**
 * An explicit logout: the server forgets the user's draft key, so unsent forms kept in this browser
 * could not be read again; say so first when there are any, then remove them.
 */
export function useLogout(): () => Promise<boolean> {
  const { me, logout } = useAuth();
  const { modal } = App.useApp();
  const t = useT();
  return useCallback(async () => {
    const userId = me?.user.id;
    const count = userId ? await countDrafts(userId).catch(() => 0) : 0;
    if (count > 0) {
      const ok = await modal.confirm({
        title: t('drafts.logoutTitle', { count }),
        content: t('drafts.logoutBody'),
        okText: t('session.logout'),
        okButtonProps: { danger: true },
        cancelText: t('common.cancel'),
      });
      if (!ok) return false;
    }
    if (userId) await clearDrafts(userId).catch(() => undefined);
    await logout();
    return true;
  }, [me, logout, modal, t]);
}
