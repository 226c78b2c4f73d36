/**
 * The changes the children routes make, each in the caller's one transaction: the change itself
 * (file.ts, family.ts, lifecycle.ts, reveal.ts, savedFilters.ts) and, where the eligibility rules
 * read what changed, the file matched against every policy again (rematch.ts).
 */
import type { ChildCreate, ChildFile, ChildUpdate } from '#common/children.js';
import type { Tx } from '../../../core/context.js';
import type { AppDeps } from '../../../core/deps.js';
import { childFile } from '../queries.js';
import { addBenefit, addCategory, addMember, endCategory, removeBenefit, removeMember, updateMember } from './family.js';
import { createChild, updateChild } from './file.js';
import { ELIGIBILITY_FIELDS, rematch, type WarnLog } from './rematch.js';

/** Runs a change of a file, then matches the file again (same transaction). */
const thenRematch = async <T>(tx: Tx, deps: AppDeps, childId: string, log: WarnLog, change: Promise<T>): Promise<T> => {
  const out = await change;
  await rematch(tx, deps, childId, log);
  return out;
};

export const childCommands = {
  async create(tx: Tx, deps: AppDeps, input: ChildCreate, log: WarnLog) {
    const created = await createChild(tx, deps, input);
    await rematch(tx, deps, created.id, log);
    return created;
  },

  /**
   * PATCH: the change, the match (only when a field the eligibility rules read changed) and the
   * file as it now is, in one transaction.
   */
  async update(tx: Tx, deps: AppDeps, id: string, patch: ChildUpdate, log: WarnLog): Promise<ChildFile> {
    const { changed } = await updateChild(tx, deps, id, patch);
    if (changed.some((f) => ELIGIBILITY_FIELDS.has(f))) await rematch(tx, deps, id, log);
    return childFile(tx, deps, id);
  },

  addMember: (tx: Tx, deps: AppDeps, id: string, m: Parameters<typeof addMember>[3], log: WarnLog) =>
    thenRematch(tx, deps, id, log, addMember(tx, deps, id, m)),
  updateMember: (tx: Tx, deps: AppDeps, id: string, memberId: string, m: Parameters<typeof updateMember>[4], log: WarnLog) =>
    thenRematch(tx, deps, id, log, updateMember(tx, deps, id, memberId, m)),
  removeMember: (tx: Tx, deps: AppDeps, id: string, memberId: string, log: WarnLog) => thenRematch(tx, deps, id, log, removeMember(tx, id, memberId)),
  addCategory: (tx: Tx, deps: AppDeps, id: string, c: Parameters<typeof addCategory>[3], log: WarnLog) =>
    thenRematch(tx, deps, id, log, addCategory(tx, deps, id, c)),
  endCategory: (tx: Tx, deps: AppDeps, id: string, categoryId: string, until: string, log: WarnLog) =>
    thenRematch(tx, deps, id, log, endCategory(tx, deps, id, categoryId, until)),
  addBenefit: (tx: Tx, deps: AppDeps, id: string, b: Parameters<typeof addBenefit>[2], log: WarnLog) => thenRematch(tx, deps, id, log, addBenefit(tx, id, b)),
  removeBenefit: (tx: Tx, deps: AppDeps, id: string, benefitId: string, log: WarnLog) => thenRematch(tx, deps, id, log, removeBenefit(tx, id, benefitId)),
};

export { closeFile, reopenFile, transferFile } from './lifecycle.js';
export { revealContacts, unmaskChild, unmaskMember, viewChild } from './reveal.js';
export { deleteFilter, saveFilter } from './savedFilters.js';
