/** Changes to mentors and buddies (全员导师制) and to a child's mentor or buddy, each with its audit row. */
import type { z } from 'zod';
import type { ChildMentors, Mentor, MentorCreate, MentorKind, MentorUpdate } from '#common/casework.js';
import type { SignedInCtx, Tx } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import type { FieldCrypto } from '../../../crypto/fieldCrypto.js';
import { assignable, canEditMentor, defaultMentorStreet, enforce, mentorStreetAllowed } from '../policies.js';
import { presentMentor } from '../presenters.js';
import { childMentors, mentorRow } from '../queries.js';
import * as areas from '../repo/areas.js';
import * as repo from '../repo/mentors.js';

/** A street the caller may attach a mentor to (their own; any for district staff); none chosen: their only street, else district-wide. */
async function checkStreet(tx: Tx, me: SignedInCtx, street: string | null | undefined): Promise<string | null> {
  if (!street) return defaultMentorStreet(me);
  if (!(await areas.streetExists(tx, street))) throw errors.validation([{ path: 'streetCode', message: '街道不存在' }]);
  enforce(mentorStreetAllowed(me, street));
  return street;
}

const phoneOf = (crypto: FieldCrypto, phone: string | null | undefined) => (phone ? crypto.encrypt(phone, 'mentors.phone') : null);

export async function create(tx: Tx, me: SignedInCtx, b: z.infer<typeof MentorCreate>, crypto: FieldCrypto): Promise<Mentor> {
  const street = await checkStreet(tx, me, b.streetCode);
  const id = await repo.insertMentor(tx, { kind: b.kind, name: b.name, organisation: b.organisation, phoneEnc: phoneOf(crypto, b.phone), street });
  await tx.audit({ action: 'mentor.create', entity: 'mentor', entityId: id, summary: { kind: b.kind, organisation: b.organisation, streetCode: street } });
  return presentMentor(await mentorRow(tx, id), crypto);
}

export async function update(tx: Tx, me: SignedInCtx, id: string, b: z.infer<typeof MentorUpdate>, crypto: FieldCrypto): Promise<Mentor> {
  const old = await mentorRow(tx, id, true);
  enforce(canEditMentor(me, old));
  const street = b.streetCode === undefined ? old.street_code : await checkStreet(tx, me, b.streetCode);
  const phone = b.phone === undefined ? old.phone_enc : phoneOf(crypto, b.phone);
  await repo.updateMentor(tx, old.id, { name: b.name ?? null, organisation: b.organisation ?? null, phoneEnc: phone, street, active: b.active ?? null });
  const summary: Record<string, unknown> = {};
  if (b.name !== undefined && b.name !== old.name) summary.name = 'changed';
  if (b.organisation !== undefined && b.organisation !== old.organisation) summary.organisation = { from: old.organisation, to: b.organisation };
  if (b.phone !== undefined) summary.phone = 'changed';
  if (street !== old.street_code) summary.streetCode = { from: old.street_code, to: street };
  if (b.active !== undefined && b.active !== old.active) summary.active = { from: old.active, to: b.active };
  await tx.audit({ action: 'mentor.update', entity: 'mentor', entityId: old.id, summary });
  return presentMentor(await mentorRow(tx, old.id), crypto);
}

/** Assigns (or, with null, removes) a child's mentor or buddy; recorded in the child's history. */
export async function assign(tx: Tx, me: SignedInCtx, childId: string, kind: MentorKind, personId: string | null, crypto: FieldCrypto): Promise<ChildMentors> {
  const col = kind === 'mentor' ? 'mentor_id' : 'buddy_id';
  const child = await repo.lockChildPair(tx, childId, col);
  if (!child) throw errors.notFound('未找到该儿童档案，或不在您的辖区内');
  let next: repo.MentorRow | null = null;
  if (personId) {
    const person = await repo.findMentor(tx, personId);
    enforce(assignable(kind, person, child.street_code));
    next = person ?? null;
  }
  if ((next?.id ?? null) === child.current) return childMentors(tx, childId, crypto);
  await repo.setChildPair(tx, child.id, col, next?.id ?? null);
  const actor = me.actor;
  await repo.insertChildHistory(tx, {
    childId: child.id,
    userId: actor.userId,
    username: actor.username,
    action: `${kind}.assign`,
    field: kind,
    oldValue: child.current_name,
    newValue: next?.name ?? null,
  });
  await tx.audit({ action: `${kind}.assign`, entity: 'child', entityId: child.id, summary: { from: child.current, to: next?.id ?? null } });
  return childMentors(tx, childId, crypto);
}
