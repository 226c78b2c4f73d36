/**
 * The SQL of the ledger (人员台账): people, the committees they serve, their accounts. Every query
 * runs under row-level security: a street user reads and writes its street's people, a district
 * user every street; the system administrator (scope none) none. The record checks are read here
 * for the lists (their rules live in common/src/vetting.ts; their writes in the vetting module).
 */
import type { Tx } from '../../core/context.js';
import type { CheckRecord } from '#common/vetting.js';

export interface StaffRow {
  id: string;
  name: string;
  gender: 'male' | 'female' | null;
  id_number_enc: string | null;
  phone_enc: string | null;
  role_kind: string;
  post: string | null;
  cert_level: string;
  street_code: string | null;
  street_name: string | null;
  unit_code: string;
  unit_name: string;
  organisation_id: string | null;
  organisation_name: string | null;
  user_id: string | null;
  username: string | null;
  appointed_on: string | null;
  left_on: string | null;
  note: string | null;
  version: number;
  suspended: boolean;
  committees: { committeeId: string; committeeName: string; since: string; until: string | null }[];
  checks: (CheckRecord & { id: string; requestRef: string | null; answerRef: string | null; note: string | null; version: number })[];
}

const SELECT = `
  select s.id, s.name, s.gender, s.id_number_enc, s.phone_enc, s.role_kind, s.post, s.cert_level, s.street_code, st.name as street_name,
         s.unit_code, un.name as unit_name, s.organisation_id, o.name as organisation_name, s.user_id, u.username,
         s.appointed_on, s.left_on, s.note, s.version,
         exists (select 1 from staff_access_suspensions x where x.staff_id = s.id) as suspended,
         coalesce((select json_agg(json_build_object('committeeId', sc.committee_id, 'committeeName', c.name, 'since', sc.since, 'until', sc.until)
                                   order by sc.since desc, c.name)
                     from staff_committees sc join committees c on c.id = sc.committee_id where sc.staff_id = s.id), '[]') as committees,
         coalesce((select json_agg(json_build_object('id', rc.id, 'kind', rc.kind, 'requestedOn', rc.requested_on, 'requestRef', rc.request_ref,
                                                      'answeredOn', rc.answered_on, 'result', rc.result, 'answerRef', rc.answer_ref, 'note', rc.note,
                                                      'version', rc.version) order by rc.requested_on desc, rc.created_at desc)
                     from record_checks rc where rc.staff_id = s.id), '[]') as checks
    from staff s
    join units un on un.code = s.unit_code
    left join streets st on st.code = s.street_code
    left join organisations o on o.id = s.organisation_id
    left join users u on u.id = s.user_id`;

export interface StaffFilter {
  street?: string | undefined;
  committee?: string | undefined;
  roleKind?: string | undefined;
  post?: string | undefined;
  status: 'active' | 'left' | 'all';
  q?: string | undefined;
  today: string;
}

/**
 * The people matching the filters (the check state is filtered by the caller: it is computed by the
 * pure rule). A district holds a few hundred people, so the whole filtered list is read at once.
 */
export async function listStaff(tx: Tx, f: StaffFilter): Promise<StaffRow[]> {
  const { rows } = await tx.client.query<StaffRow>(
    `${SELECT}
      where ($1::text is null or s.street_code = $1)
        and ($2::uuid is null or exists (select 1 from staff_committees sc where sc.staff_id = s.id and sc.committee_id = $2 and sc.until is null))
        and ($3::text is null or s.role_kind = $3)
        and ($4::text is null or s.post = $4)
        and ($5 = 'all' or ($5 = 'active') = (s.left_on is null or s.left_on > $7::date))
        and ($6::text is null or s.name like '%' || $6 || '%' or u.username = $6)
      order by st.sort nulls first, s.street_code, s.role_kind, s.name, s.id`,
    [f.street ?? null, f.committee ?? null, f.roleKind ?? null, f.post ?? null, f.status, f.q || null, f.today],
  );
  return rows;
}

export async function getStaff(tx: Tx, id: string): Promise<StaffRow | null> {
  const { rows } = await tx.client.query<StaffRow>(`${SELECT} where s.id = $1`, [id]);
  return rows[0] ?? null;
}

/** The person in the caller's scope with this blind index (another street's stays hidden: the unique index answers for it). */
export async function idNumberVisible(tx: Tx, bidx: string, exceptId: string | null): Promise<{ id: string; name: string } | null> {
  const { rows } = await tx.client.query<{ id: string; name: string }>(
    `select id, name from staff where id_number_bidx = $1 and ($2::uuid is null or id <> $2)`,
    [bidx, exceptId],
  );
  return rows[0] ?? null;
}

export interface StaffValues {
  name: string;
  gender: string | null;
  idNumberEnc: string | null;
  idNumberBidx: string | null;
  phoneEnc: string | null;
  roleKind: string;
  post: string | null;
  certLevel: string;
  streetCode: string | null;
  unitCode: string;
  organisationId: string | null;
  appointedOn: string | null;
  leftOn: string | null;
  note: string | null;
}

/** A person's columns in the order both the insert ($1..$14) and the update ($2..$15) list them. */
function staffParams(v: StaffValues): unknown[] {
  return [
    v.name,
    v.gender,
    v.idNumberEnc,
    v.idNumberBidx,
    v.phoneEnc,
    v.roleKind,
    v.post,
    v.certLevel,
    v.streetCode,
    v.unitCode,
    v.organisationId,
    v.appointedOn,
    v.leftOn,
    v.note,
  ];
}

export async function insertStaff(tx: Tx, v: StaffValues, by: string): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into staff (name, gender, id_number_enc, id_number_bidx, phone_enc, role_kind, post, cert_level, street_code, unit_code,
                        organisation_id, appointed_on, left_on, note, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning id`,
    [...staffParams(v), by],
  );
  const r = rows[0];
  if (!r) throw new Error('insert returned no row');
  return r.id;
}

export async function updateStaff(tx: Tx, id: string, v: StaffValues): Promise<void> {
  await tx.client.query(
    `update staff set name = $2, gender = $3, id_number_enc = $4, id_number_bidx = $5, phone_enc = $6, role_kind = $7, post = $8, cert_level = $9,
                      street_code = $10, unit_code = $11, organisation_id = $12, appointed_on = $13, left_on = $14, note = $15,
                      version = version + 1, updated_at = now()
      where id = $1`,
    [id, ...staffParams(v)],
  );
}

export async function touchStaff(tx: Tx, id: string): Promise<void> {
  await tx.client.query(`update staff set version = version + 1, updated_at = now() where id = $1`, [id]);
}

export async function rawStaff(tx: Tx, id: string): Promise<(StaffValues & { version: number; userId: string | null }) | null> {
  const { rows } = await tx.client.query<StaffValues & { version: number; userId: string | null }>(
    `select name, gender, id_number_enc as "idNumberEnc", id_number_bidx as "idNumberBidx", phone_enc as "phoneEnc",
            role_kind as "roleKind", post, cert_level as "certLevel", street_code as "streetCode", unit_code as "unitCode",
            organisation_id as "organisationId", appointed_on as "appointedOn", left_on as "leftOn", note, version, user_id as "userId"
       from staff where id = $1 for update`,
    [id],
  );
  return rows[0] ?? null;
}

// ---- reference data ----

export async function unit(tx: Tx, code: string): Promise<{ code: string; kind: string; street_code: string | null; active: boolean } | null> {
  const { rows } = await tx.client.query<{ code: string; kind: string; street_code: string | null; active: boolean }>(
    `select code, kind, street_code, active from units where code = $1`,
    [code],
  );
  return rows[0] ?? null;
}

export async function organisation(tx: Tx, id: string): Promise<{ id: string; unit_code: string | null } | null> {
  const { rows } = await tx.client.query<{ id: string; unit_code: string | null }>(`select id, unit_code from organisations where id = $1`, [id]);
  return rows[0] ?? null;
}

export async function committee(tx: Tx, id: string): Promise<{ id: string; street_code: string; active: boolean; name: string } | null> {
  const { rows } = await tx.client.query<{ id: string; street_code: string; active: boolean; name: string }>(
    `select id, street_code, active, name from committees where id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function optionLists(tx: Tx, streets: string[], all: boolean) {
  const s = await tx.client.query<{ code: string; name: string }>(`select code, name from streets where $2 or code = any ($1::text[]) order by sort, code`, [
    streets,
    all,
  ]);
  const c = await tx.client.query<{ id: string; name: string; streetCode: string }>(
    `select id, name, street_code as "streetCode" from committees where active and ($2 or street_code = any ($1::text[])) order by street_code, name`,
    [streets, all],
  );
  const u = await tx.client.query<{ code: string; name: string; kind: string; streetCode: string | null }>(
    `select code, name, kind, street_code as "streetCode" from units
      where active and (kind in ('district', 'organisation') or ($2 and kind = 'street') or street_code = any ($1::text[]))
      order by sort, code`,
    [streets, all],
  );
  const o = await tx.client.query<{ id: string; name: string; unitCode: string | null }>(
    `select id, name, unit_code as "unitCode" from organisations where active order by name`,
  );
  return { streets: s.rows, committees: c.rows, units: u.rows, organisations: o.rows };
}

// ---- committees served ----

export async function addCommittee(tx: Tx, staffId: string, committeeId: string, streetCode: string, since: string): Promise<void> {
  await tx.client.query(`insert into staff_committees (staff_id, committee_id, street_code, since) values ($1, $2, $3, $4)`, [
    staffId,
    committeeId,
    streetCode,
    since,
  ]);
}

export async function currentCommittee(tx: Tx, staffId: string, committeeId: string): Promise<{ since: string } | null> {
  const { rows } = await tx.client.query<{ since: string }>(`select since from staff_committees where staff_id = $1 and committee_id = $2 and until is null`, [
    staffId,
    committeeId,
  ]);
  return rows[0] ?? null;
}

export async function endCommittee(tx: Tx, staffId: string, committeeId: string, until: string): Promise<void> {
  await tx.client.query(`update staff_committees set until = $3 where staff_id = $1 and committee_id = $2 and until is null`, [staffId, committeeId, until]);
}

/** Ends every committee still served (leaving), each on `until` or on its first day when that is later. */
export async function endAllCommittees(tx: Tx, staffId: string, until: string): Promise<number> {
  const { rowCount } = await tx.client.query(`update staff_committees set until = greatest(since, $2::date) where staff_id = $1 and until is null`, [
    staffId,
    until,
  ]);
  return rowCount ?? 0;
}

export async function currentCommitteeIds(tx: Tx, staffId: string): Promise<string[]> {
  const { rows } = await tx.client.query<{ committee_id: string }>(
    `select committee_id from staff_committees where staff_id = $1 and until is null order by committee_id`,
    [staffId],
  );
  return rows.map((r) => r.committee_id);
}

// ---- accounts ----

export async function userByUsername(
  tx: Tx,
  username: string,
): Promise<{ id: string; unit_code: string; disabled: boolean; linked_staff: string | null; roles: string[] } | null> {
  const { rows } = await tx.client.query<{ id: string; unit_code: string; disabled: boolean; linked_staff: string | null; roles: string[] }>(
    `select u.id, u.unit_code, u.disabled, (select s.id from staff s where s.user_id = u.id) as linked_staff,
            coalesce((select array_agg(role_code order by role_code) from user_roles where user_id = u.id), '{}') as roles
       from users u where u.username = $1`,
    [username],
  );
  return rows[0] ?? null;
}

export async function linkUser(tx: Tx, staffId: string, userId: string | null): Promise<void> {
  await tx.client.query(`update staff set user_id = $2, version = version + 1, updated_at = now() where id = $1`, [staffId, userId]);
}

export async function disableUser(tx: Tx, userId: string): Promise<void> {
  await tx.client.query(`update users set disabled = true, updated_at = now() where id = $1`, [userId]);
}
