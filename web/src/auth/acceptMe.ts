import type { Me } from '../api/types';

/** Whether a response body is the Me object (login, MFA and enrolment answer with it). */
export function isMe(value: unknown): value is Me {
  const v = value as Partial<Me> | null | undefined;
  return !!v && typeof v === 'object' && typeof v.csrfToken === 'string' && !!v.user && Array.isArray(v.permissions);
}
