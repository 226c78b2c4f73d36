/** One-time passwords given to administrators always satisfy the password rules they will be checked against. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPassword } from '#common/password.js';
import { newOneTimePassword } from './passwords.js';

describe('newOneTimePassword', () => {
  it('is 16 url-safe characters that pass the password rules for any username', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9][a-z0-9._-]{2,20}$/), (username) => {
        const p = newOneTimePassword(username);
        expect(p).toMatch(/^[A-Za-z0-9_-]{16}$/);
        expect(checkPassword(p, username).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('does not repeat', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => newOneTimePassword('admin')));
    expect(seen.size).toBe(1000);
  });
});
