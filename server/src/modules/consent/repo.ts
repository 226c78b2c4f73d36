/**
 * The SQL of the consent module: the processing purposes (reference data), the bases and consents
 * on a child's file (the child's area, by row-level security), what a withdrawal ends (the child's
 * open referrals to organisations, the publicity flags of the photos showing the child), and the
 * publicity flag of an activity photo.
 */
import type { Basis, ChildAgreement, ConsentMethod } from '#common/consent.js';
import type { Tx } from '../../core/context.js';

export interface PurposeRow {
  code: string;
  name: string;
  basis: Basis;
  legal_text: string;
  consent_required: boolean;
  anonymised: boolean;
  default_on_file: boolean;
  active: boolean;
  version: number;
}

const PURPOSE_COLS = 'code, name, basis, legal_text, consent_required, anonymised, default_on_file, active, version';

export async function purposes(tx: Tx): Promise<PurposeRow[]> {
  return (await tx.client.query<PurposeRow>(`select ${PURPOSE_COLS} from processing_purposes order by sort, code`)).rows;
}

export async function purpose(tx: Tx, code: string, lock = false): Promise<PurposeRow | null> {
  const sql = `select ${PURPOSE_COLS} from processing_purposes where code = $1` + (lock ? ' for update' : '');
  return (await tx.client.query<PurposeRow>(sql, [code])).rows[0] ?? null;
}

export async function updatePurpose(
  tx: Tx,
  code: string,
  version: number,
  w: { name: string; basis: Basis; legalText: string; anonymised: boolean; defaultOnFile: boolean; active: boolean },
  by: string,
): Promise<boolean> {
  const r = await tx.client.query(
    `update processing_purposes set name = $3, basis = $4, legal_text = $5, consent_required = ($4 = 'consent'), anonymised = $6,
            default_on_file = $7, active = $8, updated_by = $9, updated_at = now(), version = version + 1
      where code = $1 and version = $2`,
    [code, version, w.name, w.basis, w.legalText, w.anonymised, w.defaultOnFile, w.active, by],
  );
  return r.rowCount === 1;
}

export async function nameTaken(tx: Tx, code: string, name: string): Promise<boolean> {
  return (await tx.client.query('select 1 from processing_purposes where name = $1 and code <> $2', [name, code])).rowCount === 1;
}

/** The child as the caller sees it (null: outside the caller's scope). */
export async function child(tx: Tx, id: string, lock = false): Promise<{ id: string; birth_date: string; street_code: string } | null> {
  const sql = 'select id, birth_date::text, street_code from children where id = $1' + (lock ? ' for update' : '');
  return (await tx.client.query<{ id: string; birth_date: string; street_code: string }>(sql, [id])).rows[0] ?? null;
}

export interface GuardianRow {
  id: string;
  name: string;
  relation: string;
}

export async function guardians(tx: Tx, childId: string): Promise<GuardianRow[]> {
  return (
    await tx.client.query<GuardianRow>(`select id, name, relation from household_members where child_id = $1 and role = 'guardian' order by created_at, id`, [
      childId,
    ])
  ).rows;
}

export interface BasisRow {
  id: string;
  purpose_code: string;
  purpose_name: string;
  basis: Basis;
  source: 'file_created' | 'recorded';
  note: string | null;
  recorded_at: Date;
  recorded_by_name: string | null;
}

export async function bases(tx: Tx, childId: string): Promise<BasisRow[]> {
  return (
    await tx.client.query<BasisRow>(
      `select b.id, b.purpose_code, p.name as purpose_name, b.basis, b.source, b.note, b.recorded_at, u.display_name as recorded_by_name
         from child_processing_bases b join processing_purposes p on p.code = b.purpose_code left join users u on u.id = b.recorded_by
        where b.child_id = $1 and b.ended_at is null order by p.sort, p.code`,
      [childId],
    )
  ).rows;
}

/** Records the basis of a purpose on the file (an open basis of the same purpose is ended first). Returns the id. */
export async function recordBasis(tx: Tx, w: { childId: string; purposeCode: string; basis: Basis; note: string | null }, by: string): Promise<string> {
  await tx.client.query(
    `update child_processing_bases set ended_at = now(), ended_by = $3, end_reason = '重新记录'
      where child_id = $1 and purpose_code = $2 and ended_at is null`,
    [w.childId, w.purposeCode, by],
  );
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into child_processing_bases (child_id, purpose_code, basis, source, note, recorded_by) values ($1, $2, $3, 'recorded', $4, $5) returning id`,
    [w.childId, w.purposeCode, w.basis, w.note, by],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('insert child_processing_bases returned nothing');
  return id;
}

export interface ConsentRow {
  id: string;
  child_id: string;
  purpose_code: string;
  purpose_name: string;
  guardian_name: string;
  guardian_relation: string;
  child_agreement: ChildAgreement | null;
  given_on: string;
  method: ConsentMethod;
  scope_note: string | null;
  evidence_note: string | null;
  valid_until: string | null;
  recorded_by_name: string | null;
  withdrawn_on: string | null;
  withdrawn_by_name: string | null;
  withdraw_reason: string | null;
  withdraw_effects: unknown;
  version: number;
  birth_date: string;
}

const CONSENT_SELECT = `select c.id, c.child_id, c.purpose_code, p.name as purpose_name, c.guardian_name, c.guardian_relation, c.child_agreement,
    c.given_on::text, c.method, c.scope_note, c.evidence_note, c.valid_until::text, ru.display_name as recorded_by_name,
    c.withdrawn_on::text, wu.display_name as withdrawn_by_name, c.withdraw_reason, c.withdraw_effects, c.version, ch.birth_date::text
  from child_consents c join processing_purposes p on p.code = c.purpose_code join children ch on ch.id = c.child_id
  left join users ru on ru.id = c.recorded_by left join users wu on wu.id = c.withdrawn_by`;

export async function consents(tx: Tx, childId: string, purposeCode?: string): Promise<ConsentRow[]> {
  const sql = CONSENT_SELECT + ' where c.child_id = $1' + (purposeCode ? ' and c.purpose_code = $2' : '') + ' order by c.given_on desc, c.recorded_at desc';
  return (await tx.client.query<ConsentRow>(sql, purposeCode ? [childId, purposeCode] : [childId])).rows;
}

export async function consent(tx: Tx, id: string, lock = false): Promise<ConsentRow | null> {
  if (lock) await tx.client.query('select 1 from child_consents where id = $1 for update', [id]);
  return (await tx.client.query<ConsentRow>(CONSENT_SELECT + ' where c.id = $1', [id])).rows[0] ?? null;
}

/** The consents of a purpose for several children (the publicity check), by child. */
export async function consentsOf(tx: Tx, childIds: string[], purposeCode: string): Promise<ConsentRow[]> {
  return (await tx.client.query<ConsentRow>(CONSENT_SELECT + ' where c.child_id = any ($1::uuid[]) and c.purpose_code = $2', [childIds, purposeCode])).rows;
}

export async function insertConsent(
  tx: Tx,
  w: {
    childId: string;
    purposeCode: string;
    guardianMemberId: string;
    guardianName: string;
    guardianRelation: string;
    childAgreement: ChildAgreement | null;
    givenOn: string;
    method: ConsentMethod;
    scopeNote: string | null;
    evidenceNote: string | null;
    validUntil: string | null;
  },
  by: string,
): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into child_consents (child_id, purpose_code, guardian_member_id, guardian_name, guardian_relation, child_agreement, given_on, method,
                                 scope_note, evidence_note, valid_until, recorded_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
    [
      w.childId,
      w.purposeCode,
      w.guardianMemberId,
      w.guardianName,
      w.guardianRelation,
      w.childAgreement,
      w.givenOn,
      w.method,
      w.scopeNote,
      w.evidenceNote,
      w.validUntil,
      by,
    ],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('insert child_consents returned nothing');
  return id;
}

export async function withdrawConsent(tx: Tx, id: string, version: number, w: { on: string; reason: string; effects: string[] }, by: string): Promise<boolean> {
  const r = await tx.client.query(
    `update child_consents set withdrawn_at = now(), withdrawn_on = $3, withdrawn_by = $4, withdraw_reason = $5, withdraw_effects = $6::jsonb, version = version + 1
      where id = $1 and version = $2 and withdrawn_at is null`,
    [id, version, w.on, by, w.reason, JSON.stringify(w.effects)],
  );
  return r.rowCount === 1;
}

// ---- what a withdrawal ends ----

export interface OpenOrgReferralRow {
  id: string;
  no: string;
  status: string;
  to_unit: string;
  to_unit_name: string;
  kind_name: string;
}

/** The child's open referrals to units of kind organisation (locked: they are ended next). */
export async function openOrgReferrals(tx: Tx, childId: string): Promise<OpenOrgReferralRow[]> {
  return (
    await tx.client.query<OpenOrgReferralRow>(
      `select r.id, r.no::text, r.status, r.to_unit, u.name as to_unit_name, k.name as kind_name
         from referrals r join units u on u.code = r.to_unit join referral_kinds k on k.code = r.kind
        where r.child_id = $1 and u.kind = 'organisation' and r.status in ('sent', 'received', 'accepted', 'in_progress')
        order by r.created_at for update of r`,
      [childId],
    )
  ).rows;
}

/** Ends a referral as withdrawn (its case-scoped access stops at once: withdrawn referrals open nothing). */
export async function endReferral(
  tx: Tx,
  r: OpenOrgReferralRow,
  note: string,
  by: { userId: string; username: string; displayName: string; unitCode: string },
): Promise<void> {
  await tx.client.query(`update referrals set status = 'withdrawn', ended_at = now(), updated_at = now(), version = version + 1 where id = $1`, [r.id]);
  await tx.client.query(
    `insert into referral_events (referral_id, user_id, username, display_name, unit_code, kind, from_status, to_status, note)
     values ($1, $2, $3, $4, $5, 'status', $6, 'withdrawn', $7)`,
    [r.id, by.userId, by.username, by.displayName, by.unitCode, r.status, note],
  );
}

/** Users of a unit holding a permission (the receiving organisation, told of the withdrawal). */
export async function usersOfUnitWith(tx: Tx, unitCode: string, permission: string): Promise<string[]> {
  const { rows } = await tx.client.query<{ id: string }>(
    `select distinct u.id from users u
      where u.unit_code = $1 and not u.disabled
        and exists (select 1 from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = u.id and $2 = any (r.permissions))`,
    [unitCode, permission],
  );
  return rows.map((r) => r.id);
}

/** Removes the child from every publicity photo; a photo left with no child loses its flag. Returns the photos touched. */
export async function removeFromPublicity(tx: Tx, childId: string): Promise<{ attachment_id: string; filename: string; title: string }[]> {
  const { rows } = await tx.client.query<{ attachment_id: string; filename: string; title: string }>(
    `delete from photo_publicity_children pc using activity_attachments a, activities v
      where pc.child_id = $1 and a.id = pc.attachment_id and v.id = a.activity_id
      returning pc.attachment_id, a.filename, v.title`,
    [childId],
  );
  if (rows.length) {
    await tx.client.query(
      `update activity_attachments set publicity = false, publicity_set_at = now()
        where id = any ($1::uuid[]) and publicity`,
      [rows.map((r) => r.attachment_id)],
    );
  }
  return rows;
}

// ---- the publicity flag of a photo ----

export interface PhotoRow {
  id: string;
  kind: string;
  activity_id: string;
}

/** The attachment of an activity the caller sees (the activity's own visibility is the activities module's; the server checks the organiser). */
export async function photo(tx: Tx, activityId: string, attachmentId: string): Promise<PhotoRow | null> {
  return (
    (
      await tx.client.query<PhotoRow>(
        'select a.id, a.kind, a.activity_id from activity_attachments a join activities v on v.id = a.activity_id where a.activity_id = $1 and a.id = $2 for update of a',
        [activityId, attachmentId],
      )
    ).rows[0] ?? null
  );
}

/** The children among `ids` the caller sees (the others answer as unknown). */
export async function visibleChildren(tx: Tx, ids: string[]): Promise<{ id: string; name: string; birth_date: string }[]> {
  return (
    await tx.client.query<{ id: string; name: string; birth_date: string }>('select id, name, birth_date::text from children where id = any ($1::uuid[])', [
      ids,
    ])
  ).rows;
}

export async function setPublicity(tx: Tx, attachmentId: string, publicity: boolean, childIds: string[], by: string): Promise<void> {
  await tx.client.query('delete from photo_publicity_children where attachment_id = $1', [attachmentId]);
  if (publicity && childIds.length) {
    await tx.client.query('insert into photo_publicity_children (attachment_id, child_id) select $1, unnest($2::uuid[])', [attachmentId, childIds]);
  }
  await tx.client.query('update activity_attachments set publicity = $2, publicity_set_by = $3, publicity_set_at = now() where id = $1', [
    attachmentId,
    publicity,
    by,
  ]);
}
