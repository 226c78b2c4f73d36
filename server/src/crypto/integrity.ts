/**
 * Integrity failures of encrypted fields. AES-GCM refuses a ciphertext that was altered (or copied
 * from another column); that is evidence of tampering with the database, not a bug to crash on.
 * Reads show the field as INTEGRITY_MARK and carry on, so the rest of the file stays readable;
 * every failure is collected for the current request (AsyncLocalStorage, entered by the HTTP layer)
 * and recorded there once: an audit event and an alert to the security administrators.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
export { INTEGRITY_MARK } from '#common/mask.js';

export class IntegrityError extends Error {
  constructor(readonly column: string) {
    super(`ciphertext of ${column} failed its integrity check`);
    this.name = 'IntegrityError';
  }
}

const failures = new AsyncLocalStorage<Set<string>>();

/** Runs `fn` collecting the columns whose ciphertext failed into `into`. */
export function collectIntegrityFailures<T>(into: Set<string>, fn: () => T): T {
  return failures.run(into, fn);
}

export function reportIntegrityFailure(column: string): void {
  failures.getStore()?.add(column);
}
