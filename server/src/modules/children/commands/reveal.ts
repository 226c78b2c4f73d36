/**
 * Looking at a file and at its sealed values: each look is an audit row in the same transaction as
 * the read (the view of a file; an unmasked identity number, phone or address with its reason; the
 * family's phones and address for 联系家庭).
 */
import type { z } from 'zod';
import type { ChildFile, ContactReveal, UnmaskFields } from '#common/children.js';
import type { Tx } from '../../../core/context.js';
import type { AppDeps } from '../../../core/deps.js';
import { errors } from '../../../core/errors.js';
import { NOT_FOUND } from '../policies.js';
import { presentContacts, presentMemberSecrets, presentUnmasked } from '../presenters.js';
import { childFile } from '../queries.js';
import * as repo from '../repo.js';

/** The file, and its view recorded. */
export async function viewChild(tx: Tx, deps: AppDeps, id: string): Promise<ChildFile> {
  const file = await childFile(tx, deps, id);
  await tx.audit({ action: 'child.view', entity: 'child', entityId: file.id });
  return file;
}

export async function unmaskChild(tx: Tx, deps: AppDeps, id: string, body: z.infer<typeof UnmaskFields>) {
  const row = await repo.childSecrets(tx, id);
  if (!row) throw errors.notFound(NOT_FOUND);
  await tx.audit({ action: 'child.unmask', entity: 'child', entityId: row.id, reason: body.reason, summary: { fields: body.fields } });
  return presentUnmasked(deps, row, body.fields);
}

export async function unmaskMember(tx: Tx, deps: AppDeps, childId: string, memberId: string, reason: string) {
  const m = await repo.memberSecrets(tx, childId, memberId);
  if (!m) throw errors.notFound('未找到该家庭成员');
  await tx.audit({ action: 'child.member.unmask', entity: 'child', entityId: childId, reason, summary: { memberId } });
  return presentMemberSecrets(deps, m);
}

/** 联系家庭: the child's phone and address and the carers' phones. RLS decides: a file outside the caller's committee or street is "not found". */
export async function revealContacts(tx: Tx, deps: AppDeps, id: string, body: z.infer<typeof ContactReveal>) {
  const child = await repo.childContact(tx, id);
  if (!child) throw errors.notFound(NOT_FOUND);
  const members = await repo.carers(tx, child.id);
  await tx.audit({ action: 'child.contact.reveal', entity: 'child', entityId: child.id, reason: body.reason, summary: { members: members.length } });
  return presentContacts(deps, child, members);
}
