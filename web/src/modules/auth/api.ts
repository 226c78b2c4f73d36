/**
 * Calls of signing in and of the session (/api/auth): the only place in the interface that names
 * these URLs. The session status check is a timer's call: it carries the background header, so an
 * unattended page does not keep its session alive.
 */
import { BACKGROUND, call, http } from '../../api/client';
import type { Me } from '../../api/types';
import type { SessionStatus } from '@common/session';

export const authApi = {
  me: () => call<Me>(http.GET('/api/auth/me')),
  login: (username: string, password: string) => call<Me>(http.POST('/api/auth/login', { body: { username, password } })),
  /** The second factor: a TOTP code or a recovery code (spaces removed; the server compares the characters). */
  verifyMfa: (code: string) => call<Me>(http.POST('/api/auth/mfa', { body: { code } })),
  logout: () => call(http.POST('/api/auth/logout')),
  changePassword: (currentPassword: string, newPassword: string) => call<Me>(http.POST('/api/auth/password', { body: { currentPassword, newPassword } })),
  /** When the session ends for lack of activity; a poll, so it does not extend the session. */
  sessionStatus: () => call<SessionStatus>(http.GET('/api/auth/session', { ...BACKGROUND })),
  /** The user's "继续" or typing: restarts the idle timer. */
  keepAlive: () => call<SessionStatus>(http.POST('/api/auth/keepalive')),
  /** The key of the browser's encrypted form drafts (deleted at logout). */
  draftKey: () => call<{ key: string }>(http.POST('/api/auth/draft-key')),
};
