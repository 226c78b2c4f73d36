/** Reading templates, documents and guidance sessions; every view of guardianship content is audited. */
import type { ChildDocuments, GuardianshipDocument, GuidanceChild } from '#common/guidance.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import type { FieldCrypto } from '../../crypto/fieldCrypto.js';
import { canWrite, depthFor, requireFull } from './policies.js';
import { documentOut, orderOut, sessionOut, templateOut } from './presenters.js';
import * as repo from './repo.js';

export const DOC_BODY_COLUMN = 'guardianship_documents.body';

export async function listTemplates(tx: Tx, q: { kind?: string; history?: 'true' | 'false'; includeInactive?: 'true' | 'false' }) {
  const rows = await repo.listTemplates(tx, { kind: q.kind, history: q.history === 'true', includeInactive: q.includeInactive === 'true' });
  return { items: rows.map(templateOut) };
}

export async function templateVersions(tx: Tx, code: string) {
  const rows = (await repo.listTemplates(tx, { history: true, includeInactive: true })).filter((r) => r.code === code);
  if (!rows.length) throw errors.notFound('未找到该文书模板');
  return { items: rows.map(templateOut) };
}

export async function interventionDocuments(tx: Tx, ctx: SignedInCtx, interventionId: string): Promise<{ items: GuardianshipDocument[] }> {
  const i = await repo.intervention(tx, interventionId);
  if (!i) throw errors.notFound();
  await requireFull(tx, ctx, i.child_id);
  const rows = await repo.documentsOf(tx, { interventionId });
  await tx.audit({ action: 'guardianship.document.list', entity: 'guardianship_intervention', entityId: interventionId, summary: { childId: i.child_id } });
  return { items: rows.map((r) => documentOut(r, null)) };
}

export async function childDocuments(tx: Tx, ctx: SignedInCtx, childId: string): Promise<ChildDocuments> {
  await requireFull(tx, ctx, childId);
  const [docs, interventions] = [await repo.documentsOf(tx, { childId }), await repo.childInterventions(tx, childId)];
  await tx.audit({ action: 'guardianship.document.list', entity: 'child', entityId: childId });
  return {
    items: docs.map((r) => documentOut(r, null)),
    interventions: interventions.map((i) => ({ id: i.id, kind: i.kind, status: i.status, decidedOn: i.decided_on, unitName: i.unit_name, reason: i.reason })),
  };
}

export async function documentDetail(tx: Tx, ctx: SignedInCtx, crypto: FieldCrypto, id: string): Promise<GuardianshipDocument> {
  const d = await repo.document(tx, id);
  if (!d) throw errors.notFound();
  await requireFull(tx, ctx, d.child_id);
  await tx.audit({ action: 'guardianship.document.view', entity: 'guardianship_document', entityId: id, summary: { childId: d.child_id, title: d.title } });
  return documentOut(d, crypto.decrypt(d.body, DOC_BODY_COLUMN));
}

export async function childGuidance(tx: Tx, ctx: SignedInCtx, childId: string, q: { page: number; pageSize: number }): Promise<GuidanceChild> {
  const depth = await depthFor(tx, ctx, childId);
  const { rows, total } = await repo.sessionsOf(tx, childId, q.page, q.pageSize);
  const orders = await repo.ordersOf(tx, childId);
  const full = depth === 'full';
  const members = full ? await repo.membersOf(tx, childId) : [];
  const problems = full ? await repo.problemsOf(tx, childId) : [];
  await tx.audit({ action: 'guardianship.guidance.view', entity: 'child', entityId: childId, summary: { depth } });
  return {
    depth,
    canWrite: full && (await canWrite(tx, ctx, childId)),
    sessions: rows.map((r) => sessionOut(r, depth)),
    total,
    page: q.page,
    pageSize: q.pageSize,
    orders: orders.map(orderOut),
    members,
    problems,
  };
}
