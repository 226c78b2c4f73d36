/**
 * Drafts of unfinished forms in IndexedDB (idb-keyval), one entry per user and form, encrypted
 * (seal.ts). Only the user id, the form's key (record ids) and the time are readable without the
 * key; the values, names included, are inside the ciphertext.
 */
import { createStore, del, entries, get, set } from 'idb-keyval';
import { authApi } from '../modules/auth/api';
import { onSessionEnd } from '../auth/sessionEnd';
import { decodeDraft, encodeDraft } from './codec';
import { importDraftKey, seal, unseal, type Sealed } from './seal';

interface StoredDraft extends Sealed {
  v: 1;
  userId: string;
  formKey: string;
  savedAt: number;
}

export interface Draft {
  values: unknown;
  savedAt: number;
  /** The version of the server record the draft started from, when the form has one. */
  base: number | null;
}

let idb: ReturnType<typeof createStore> | null = null;
const store = () => (idb ??= createStore('nuanyang-drafts', 'drafts'));
const slot = (userId: string, formKey: string) => `${userId}|${formKey}`;
const aad = (userId: string, formKey: string) => `nuanyang-draft:v1|${userId}|${formKey}`;

// The key of the logged-in user, fetched once per page life; forgotten when the session ends.
let current: { userId: string; key: Promise<CryptoKey> } | null = null;
function keyFor(userId: string): Promise<CryptoKey> {
  if (current?.userId === userId) return current.key;
  const key = authApi.draftKey().then((r) => importDraftKey(r.key));
  current = { userId, key };
  // Offline or a refused call: ask again next time instead of keeping the failure.
  key.catch(() => {
    if (current?.key === key) current = null;
  });
  return key;
}
onSessionEnd(() => {
  current = null;
});

/** Fetches the key when a form opens, so the first keystrokes are not waiting for it (or for a network that just went away). */
export function warmDraftKey(userId: string): void {
  keyFor(userId).catch(() => undefined);
}

export async function saveDraft(userId: string, formKey: string, values: unknown, base: number | null): Promise<void> {
  const key = await keyFor(userId);
  const sealed = await seal(key, JSON.stringify({ values: encodeDraft(values), base }), aad(userId, formKey));
  const row: StoredDraft = { v: 1, userId, formKey, savedAt: Date.now(), ...sealed };
  await set(slot(userId, formKey), row, store());
}

/** The draft, or null when there is none or it can no longer be read (then it is removed). */
export async function loadDraft(userId: string, formKey: string): Promise<Draft | null> {
  const row = await get<StoredDraft>(slot(userId, formKey), store());
  if (!row) return null;
  const key = await keyFor(userId);
  try {
    const inner = JSON.parse(await unseal(key, row, aad(userId, formKey))) as { values: string; base: number | null };
    return { values: decodeDraft(inner.values), savedAt: row.savedAt, base: inner.base };
  } catch {
    // Sealed with a key the server has forgotten (a logout since): nobody can read it any more.
    await del(slot(userId, formKey), store());
    return null;
  }
}

export async function deleteDraft(userId: string, formKey: string): Promise<void> {
  await del(slot(userId, formKey), store());
}

export async function countDrafts(userId: string): Promise<number> {
  const all = await entries<string, StoredDraft>(store());
  return all.filter(([, row]) => row.userId === userId).length;
}

/** At logout: the user's drafts go with the key. */
export async function clearDrafts(userId: string): Promise<void> {
  const all = await entries<string, StoredDraft>(store());
  await Promise.all(all.filter(([, row]) => row.userId === userId).map(([k]) => del(k, store())));
}
