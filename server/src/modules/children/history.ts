/** The file's history: one row per changed field, who and when; sensitive values masked. */
import { HIDDEN_HISTORY_VALUE } from '#common/children.js';
import type { Tx } from '../../core/context.js';
import { insertHistory } from './repo.js';

export interface Change {
  field: string;
  old: unknown;
  new: unknown;
}

/** Fields whose values never enter the history in clear. */
const SENSITIVE = new Set(['idNumber', 'phone', 'hukouAddress', 'residenceAddress', 'mentalHealthNote', 'hivInfected', 'member.idNumber', 'member.phone']);

const show = (field: string, v: unknown): string | null => {
  if (v === null || v === undefined || v === '') return null;
  if (SENSITIVE.has(field)) return HIDDEN_HISTORY_VALUE;
  // Objects are stringified as JSON above; what is left is a number, string, boolean or bigint.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
};

export async function recordHistory(tx: Tx, childId: string, action: string, changes: Change[] = []): Promise<void> {
  const a = tx.ctx.actor;
  const rows = changes.length
    ? changes.map((c) => ({ field: c.field, old: show(c.field, c.old), new: show(c.field, c.new) }))
    : [{ field: null, old: null, new: null }];
  await insertHistory(tx, childId, { userId: a?.userId ?? null, username: a?.username ?? null }, action, rows);
}

/** The fields whose values differ, in a stable order. */
export function changesBetween(before: Record<string, unknown>, after: Record<string, unknown>): Change[] {
  const out: Change[] = [];
  for (const field of Object.keys(after)) {
    const a = before[field] ?? null;
    const b = after[field] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ field, old: a, new: b });
  }
  return out;
}
