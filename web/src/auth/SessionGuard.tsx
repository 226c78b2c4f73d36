import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import type { SessionStatus } from '@common/session';
import { onUserRequest } from '../api/client';
import type { Me } from '../api/types';
import { useApiError } from '../hooks/useApiError';
import { useLogout } from '../drafts/useLogout';
import { useT } from '../i18n/useT';
import { authApi } from '../modules/auth/api';
import { isMe } from './acceptMe';
import { useAuth } from './useAuth';

/** Warn this long before the idle timeout. */
const WARN_MS = 2 * 60_000;
/** Ask the server how long is left this often (a background request: it does not extend the session). */
const POLL_MS = 60_000;
/** Typing in a form extends the session, at most once per this interval. */
const TYPING_KEEPALIVE_MS = 60_000;
/** The server touches a session at most every 15 s, so its idle timer may have started that much earlier. */
const TOUCH_SLACK_MS = 15_000;

/**
 * Watches the session of a running page: warns two minutes before the idle timeout ("会话即将过期",
 * 继续 extends it), extends it while the user types, and when the server has ended it, covers the
 * page with a login dialog so that nothing navigates away and a form can be submitted again.
 */
export function SessionGuard() {
  const { me, reauth } = useAuth();
  if (!me) return null;
  return reauth ? <ReloginModal me={me} /> : <ExpiryWatch idleMinutes={me.idleTimeoutMinutes} />;
}

function ExpiryWatch({ idleMinutes }: { idleMinutes: number }) {
  const t = useT();
  const logout = useLogout();
  // When the session ends, on this browser's clock (the server's answer is converted with its `now`).
  const [endsAt, setEndsAt] = useState(() => Date.now() + idleMinutes * 60_000 - TOUCH_SLACK_MS);
  const [now, setNow] = useState(() => Date.now());
  const lastKeepAlive = useRef(0);

  const accept = useCallback((s: SessionStatus) => {
    setEndsAt(Date.now() + (Date.parse(s.expiresAt) - Date.parse(s.now)));
  }, []);

  // A 401 here ends the session through the client's handler (→ the login dialog); a network
  // failure is ignored until the next check.
  const check = useCallback(() => {
    authApi.sessionStatus().then(accept, () => undefined);
  }, [accept]);

  const keepAlive = useCallback(() => {
    lastKeepAlive.current = Date.now();
    authApi.keepAlive().then(accept, () => undefined);
  }, [accept]);

  useEffect(() => {
    check();
    const poll = window.setInterval(check, POLL_MS);
    // A phone waking up or a tab coming back: the timers may not have run meanwhile.
    const onVisible = () => {
      if (document.visibilityState === 'visible') check();
    };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', check);
    return () => {
      window.clearInterval(poll);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', check);
    };
  }, [check]);

  // Every request the user makes restarts the server's idle timer.
  useEffect(() => onUserRequest(() => setEndsAt((prev) => Math.max(prev, Date.now() + idleMinutes * 60_000 - TOUCH_SLACK_MS))), [idleMinutes]);

  // Typing is work: a visit written for 40 minutes without a request must not time out.
  useEffect(() => {
    const onTyping = () => {
      if (Date.now() - lastKeepAlive.current > TYPING_KEEPALIVE_MS) keepAlive();
    };
    document.addEventListener('input', onTyping, true);
    return () => document.removeEventListener('input', onTyping, true);
  }, [keepAlive]);

  useEffect(() => {
    const tick = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(tick);
  }, []);

  const left = endsAt - now;
  const warn = left <= WARN_MS;
  // Entering the warning zone or passing the end: ask the server first (another tab may have
  // extended the session; past the end, its 401 opens the login dialog).
  const asked = useRef<'warn' | 'end' | null>(null);
  useEffect(() => {
    const zone = left <= 0 ? 'end' : warn ? 'warn' : null;
    if (zone && asked.current !== zone) check();
    asked.current = zone;
  }, [left, warn, check]);

  const seconds = Math.max(0, Math.ceil(left / 1000));
  const time = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  return (
    <Modal
      open={warn && left > 0}
      title={t('session.warnTitle')}
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={() => void logout()}>{t('session.logout')}</Button>
          <Button type="primary" onClick={keepAlive}>
            {t('session.continue')}
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph>{t('session.warnBody', { time })}</Typography.Paragraph>
    </Modal>
  );
}

/** Login again over the page: the same user only (another user starts from a fresh page). */
function ReloginModal({ me }: { me: Me }) {
  const t = useT();
  const { setMe, logout } = useAuth();
  const showError = useApiError();
  const [form] = Form.useForm<{ password: string; code?: string }>();
  const [step, setStep] = useState<'password' | 'mfa'>('password');
  const [busy, setBusy] = useState(false);

  const done = (next: Me) => {
    // The page belongs to the previous session's user: someone else starts from the workbench.
    if (next.user.id !== me.user.id) {
      window.location.assign('/');
      return;
    }
    setMe(next);
  };

  const submit = async (values: { password: string; code?: string }) => {
    setBusy(true);
    try {
      if (step === 'password') {
        const next = await authApi.login(me.user.username, values.password);
        if (next.pending === 'mfa') {
          setStep('mfa');
          setBusy(false);
          return;
        }
        done(next);
      } else {
        const res: unknown = await authApi.verifyMfa((values.code ?? '').replace(/\s+/g, ''));
        if (isMe(res)) done(res);
        else done(await authApi.me());
      }
    } catch (err) {
      form.setFieldValue(step === 'password' ? 'password' : 'code', '');
      showError(err, form);
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('session.reloginTitle')}
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={null}
      // The page under the dialog may show a child's data: an opaque mask hides it until the login.
      styles={{ mask: { background: 'rgba(240, 242, 245, 0.97)', backdropFilter: 'blur(8px)' } }}
    >
      <Alert type="info" showIcon title={t('session.reloginHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
        {step === 'password' ? (
          <>
            <Form.Item label={t('login.username')}>
              <Input prefix={<UserOutlined />} value={me.user.username} disabled autoComplete="username" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus />
            </Form.Item>
          </>
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('login.mfaHint')}</Typography.Paragraph>
            <Form.Item name="code" label={t('login.mfaCode')} rules={[{ required: true, min: 6, message: t('login.mfaCodeRequired') }]}>
              <Input prefix={<SafetyOutlined />} autoComplete="one-time-code" maxLength={32} autoFocus className="mono" />
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('session.reloginSubmit')}
        </Button>
        <Button type="link" block onClick={() => void logout()} style={{ marginTop: 8 }}>
          {t('session.otherAccount')}
        </Button>
      </Form>
    </Modal>
  );
}
