import { useCallback, useEffect, useRef } from 'react';
import { App, type FormInstance } from 'antd';
import dayjs from 'dayjs';
import { useAuth } from '../auth/useAuth';
import { useT } from '../i18n/useT';
import { deleteDraft, loadDraft, saveDraft, warmDraftKey } from './store';

export type DraftKind = 'visit' | 'problem' | 'child' | 'report';

const SAVE_AFTER_MS = 400;

/**
 * Keeps a long form's content in the browser as it is typed (encrypted, per user: store.ts), so it
 * survives a session timeout, a reload and a lost network; when the form opens again it offers the
 * unsent content back ("恢复未提交的走访记录？" 恢复 / 丢弃).
 *
 * `formKey` names the record (e.g. `visit:new:<childId>`, `visit:<id>`); null turns drafts off.
 * `base` is the server version the form started from: a draft from an older version is still
 * offered, with a warning. Call `onValuesChange` from the Form's onValuesChange, and `clear()`
 * once the server has the content.
 */
export function useFormDraft<V>(opts: { form: FormInstance<V>; formKey: string | null; kind: DraftKind; base?: number | null; onRestore?: () => void }): {
  onValuesChange: () => void;
  clear: () => Promise<void>;
} {
  const { form, formKey, kind } = opts;
  const base = opts.base ?? null;
  const { me } = useAuth();
  const userId = me?.user.id ?? null;
  const t = useT();
  const { modal, message } = App.useApp();
  const timer = useRef<number | null>(null);
  const onRestore = useRef(opts.onRestore);
  onRestore.current = opts.onRestore;
  // Until the restore question is answered, typing must not overwrite what is stored.
  const asking = useRef(false);
  const live = useRef({ userId, formKey, base });
  live.current = { userId, formKey, base };

  const flush = useCallback(() => {
    if (timer.current === null) return;
    window.clearTimeout(timer.current);
    timer.current = null;
    const { userId: u, formKey: k, base: b } = live.current;
    if (!u || !k || asking.current) return;
    // A draft that cannot be written (no key while offline) is retried with the next keystroke.
    void saveDraft(u, k, form.getFieldsValue(true), b).catch(() => undefined);
  }, [form]);

  const onValuesChange = useCallback(() => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      timer.current = -1; // marks "pending" for flush
      flush();
    }, SAVE_AFTER_MS);
  }, [flush]);

  // Leaving the page (tab closed, phone switching apps): write what is pending now.
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHide);
      flush();
    };
  }, [flush]);

  useEffect(() => {
    if (!userId || !formKey) return;
    warmDraftKey(userId);
    let cancelled = false;
    let dialog: { destroy: () => void } | null = null;
    void loadDraft(userId, formKey)
      .then((draft) => {
        if (cancelled || !draft) return;
        asking.current = true;
        const time = dayjs(draft.savedAt).format('YYYY-MM-DD HH:mm');
        dialog = modal.confirm({
          title: t(`drafts.restoreTitle.${kind}`),
          content: t(draft.base !== null && base !== null && draft.base !== base ? 'drafts.restoreBodyChanged' : 'drafts.restoreBody', { time }),
          okText: t('drafts.restore'),
          cancelText: t('drafts.discard'),
          keyboard: false,
          maskClosable: false,
          onOk: () => {
            asking.current = false;
            form.setFieldsValue(draft.values as Parameters<typeof form.setFieldsValue>[0]);
            onRestore.current?.();
            void message.success(t('drafts.restored'));
          },
          onCancel: () => {
            asking.current = false;
            void deleteDraft(userId, formKey);
          },
        });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      dialog?.destroy();
      asking.current = false;
    };
    // Asked once per user and form: `base`, the dialog functions and the text do not ask again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userId, formKey]);

  const clear = useCallback(async () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    const { userId: u, formKey: k } = live.current;
    if (u && k) await deleteDraft(u, k).catch(() => undefined);
  }, []);

  return { onValuesChange, clear };
}
