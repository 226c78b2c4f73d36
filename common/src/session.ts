/**
 * Session keep-alive and the key of the browser's encrypted form drafts (server/src/modules/auth/sessionRoutes.ts).
 * Times are the server's ISO timestamps together with the server's `now`, so the browser can
 * count down with its own clock even when that clock is wrong.
 */
import { z } from 'zod';

export const SessionStatus = z.object({
  /** When the session ends if nothing else happens (idle timeout, or the absolute lifetime if sooner). */
  expiresAt: z.string(),
  /** The server's clock at the time of the answer. */
  now: z.string(),
  idleTimeoutMinutes: z.number(),
});
export type SessionStatus = z.infer<typeof SessionStatus>;

export { BACKGROUND_HEADER } from './sessionHeader.js';

export const DraftKey = z.object({
  /** 32 bytes, base64url: the AES-256-GCM key of this user's drafts in the browser. */
  key: z.string(),
});
export type DraftKey = z.infer<typeof DraftKey>;
