/**
 * The per-user keys of the browser's form drafts (SQL of user_draft_keys). The key is random, kept
 * sealed with the field-encryption key, handed to the user's own browser after login and deleted at
 * logout, so drafts that a browser still holds after a logout become unreadable.
 */
import crypto from 'node:crypto';
import type pg from 'pg';
import type { FieldCrypto } from '../../crypto/fieldCrypto.js';

const COLUMN = 'user_draft_keys.key_sealed';

/** The user's draft key, created on first use; `created` tells whether this call made it. */
export async function draftKeyFor(client: pg.ClientBase, fc: FieldCrypto, userId: string): Promise<{ key: string; created: boolean }> {
  const fresh = crypto.randomBytes(32).toString('base64url');
  // Two tabs asking at once: the first insert wins and both read the same key back.
  const inserted = await client.query('insert into user_draft_keys (user_id, key_sealed) values ($1, $2) on conflict (user_id) do nothing', [userId, fc.encrypt(fresh, COLUMN)]);
  const { rows } = await client.query<{ key_sealed: string }>('select key_sealed from user_draft_keys where user_id = $1', [userId]);
  return { key: fc.decrypt(rows[0]!.key_sealed, COLUMN), created: (inserted.rowCount ?? 0) > 0 };
}

export async function forgetDraftKey(client: pg.ClientBase, userId: string): Promise<void> {
  await client.query('delete from user_draft_keys where user_id = $1', [userId]);
}
