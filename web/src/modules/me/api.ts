/** Calls of the personal page: the user's sessions and second factor (the password change is in auth's api). */
import { call, http } from '../../api/client';
import type { RecoveryCodes, SessionList, TotpSetup } from '../../api/types';

export const meApi = {
  sessions: () => call<SessionList>(http.GET('/api/auth/sessions')),
  endSession: (id: string) => call(http.DELETE('/api/auth/sessions/{id}', { params: { path: { id } } })),
  totpSetup: () => call<TotpSetup>(http.POST('/api/auth/totp/setup')),
  totpEnable: (code: string) => call<RecoveryCodes>(http.POST('/api/auth/totp/enable', { body: { code } })),
  totpDisable: (currentPassword: string) => call(http.POST('/api/auth/totp/disable', { body: { currentPassword } })),
};
