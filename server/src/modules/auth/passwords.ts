/** argon2id password hashing (OWASP-recommended parameters: 19 MiB, 2 iterations). */
import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { checkPassword } from '#common/password.js';

const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummyHash: Promise<string> | null = null;

/**
 * Verifies a password; for an unknown user it still spends the time of a real verification, so the
 * answer time does not reveal whether the account exists.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword('nuanyang-timing-equaliser');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}

/**
 * A random one-time password (16 characters of base64url, 96 bits) that passes the password rules,
 * for an account whose holder must choose their own at the next login.
 */
export function newOneTimePassword(username: string): string {
  for (;;) {
    const candidate = crypto.randomBytes(12).toString('base64url');
    if (checkPassword(candidate, username).ok) return candidate;
  }
}
