import { useCallback, useEffect, useRef } from 'react';
import { App } from 'antd';
import { useBlocker } from 'react-router';
import { useT } from '../i18n/useT';
import type { MessageKey } from '../locales/zh-CN';

/** The question's texts; a page with its own wording passes them (the visit form's by default). */
export interface LeaveTexts {
  title: MessageKey;
  content: MessageKey;
  leave: MessageKey;
  stay: MessageKey;
}

const VISIT_TEXTS: LeaveTexts = { title: 'visits.form.leaveTitle', content: 'visits.form.leaveContent', leave: 'visits.form.leave', stay: 'visits.form.stay' };

/**
 * A draft is never lost on navigation (ui.md): while `dirty`, leaving through the app asks first,
 * and closing or reloading the tab triggers the browser's own warning. `release()` lets the page
 * navigate away right after a successful save, before the next render clears `dirty`.
 */
export function useLeaveGuard(dirty: boolean, texts: LeaveTexts = VISIT_TEXTS): { release: () => void } {
  const t = useT();
  const { modal } = App.useApp();
  const guarded = useRef(dirty);
  guarded.current = dirty;
  const blocker = useBlocker(({ currentLocation, nextLocation }) => guarded.current && currentLocation.pathname !== nextLocation.pathname);

  // One question per blocked navigation (the blocker object changes identity between renders).
  const asking = useRef(false);
  useEffect(() => {
    if (blocker.state !== 'blocked' || asking.current) return;
    asking.current = true;
    modal.confirm({
      title: t(texts.title),
      content: t(texts.content),
      okText: t(texts.leave),
      okButtonProps: { danger: true },
      cancelText: t(texts.stay),
      onOk: () => {
        asking.current = false;
        blocker.proceed();
      },
      onCancel: () => {
        asking.current = false;
        blocker.reset();
      },
    });
  }, [blocker, modal, t, texts]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const release = useCallback(() => {
    guarded.current = false;
  }, []);
  return { release };
}
