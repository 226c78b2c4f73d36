/**
 * Every SQL statement of the audit module: the log as read by audit administrators, the chain's
 * head and its recomputation (verify.ts, checkpoints.ts, the `audit:verify` command line), and the
 * hash setting. Rows are appended only through `audit_append(...)` (core/context.ts for requests).
 */
import type pg from 'pg';
import type { AuditQuery } from '#common/api.js';
import type { z } from 'zod';
import type { Tx } from '../../core/context.js';

// ---- the log ----

export interface AuditRow {
  id: number;
  at: Date;
  user_id: string | null;
  username: string | null;
  unit_code: string | null;
  roles: string | null;
  ip: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  outcome: 'success' | 'denied' | 'failed';
  summary: Record<string, unknown> | null;
  reason: string | null;
  request_id: string | null;
}

export type AuditFilter = Omit<z.infer<typeof AuditQuery>, 'page' | 'pageSize'> & { systemUserId: string };

/** One page of the log, newest first, and the number of rows matching the filters. */
export async function listAudit(tx: Tx, f: AuditFilter, limit: number, offset: number): Promise<{ rows: AuditRow[]; total: number }> {
  const { username, action, actions, includeSystem, entity, outcome, from, to } = f;
  const args: unknown[] = [];
  const where: string[] = [];
  const add = (sql: string, v: unknown) => {
    args.push(v);
    where.push(sql.replace('?', `$${args.length}`));
  };
  if (username) add('username = ?', username.toLowerCase());
  if (action) add('action like ?', `${action}%`);
  if (actions?.length) add('action = any(?::text[])', actions);
  // The background jobs write a row per child and night; shown only when asked for.
  if (includeSystem !== 'true') add('user_id is distinct from ?::uuid', f.systemUserId);
  if (entity) add('entity = ?', entity);
  if (outcome) add('outcome = ?', outcome);
  // Dates are Shanghai calendar days.
  if (from) add(`at >= (?::date)::timestamp at time zone 'Asia/Shanghai'`, from);
  if (to) add(`at < ((?::date) + 1)::timestamp at time zone 'Asia/Shanghai'`, to);
  const w = where.length ? `where ${where.join(' and ')}` : '';
  const total = one((await tx.client.query<{ n: number }>(`select count(*)::int as n from audit_log ${w}`, args)).rows).n;
  const { rows } = await tx.client.query<AuditRow>(
    `select id, at, user_id, username, unit_code, roles, ip, action, entity, entity_id, outcome, summary, reason, request_id
       from audit_log ${w} order by id desc limit $${args.length + 1} offset $${args.length + 2}`,
    [...args, limit, offset],
  );
  return { rows, total };
}

// ---- the chain ----

export async function currentDatabase(client: pg.ClientBase): Promise<string> {
  return one((await client.query<{ db: string }>('select current_database() as db')).rows).db;
}

/** The last row's id and hash, or undefined for an empty log. */
export async function chainHead(client: pg.ClientBase): Promise<{ id: number; hash: Buffer } | undefined> {
  return (await client.query<{ id: number; hash: Buffer }>('select id, hash from audit_log order by id desc limit 1')).rows[0];
}

/**
 * Where the chain starts after retention purges (retention module, `audit_purge_before`): the last
 * purged row's id and hash, and the number of rows purged in all (each purge removed a prefix).
 */
export async function purgeBase(client: pg.ClientBase): Promise<{ throughId: number; throughHash: Buffer; purged: number } | undefined> {
  const { rows } = await client.query<{ through_id: string; through_hash: Buffer; purged: string }>(
    `select p.through_id, p.through_hash, (select sum(purged) from audit_purges) as purged
       from audit_purges p order by p.through_id desc limit 1`,
  );
  const r = rows[0];
  return r ? { throughId: Number(r.through_id), throughHash: r.through_hash, purged: Number(r.purged) } : undefined;
}

export async function countUpTo(client: pg.ClientBase, id: number): Promise<number> {
  return one((await client.query<{ n: number }>('select count(*)::int as n from audit_log where id <= $1', [id])).rows).n;
}

export interface SegmentRow {
  checked: number;
  broken_id: number | null;
  reason: 'content' | 'link' | null;
}

/**
 * Recomputes rows with afterId < id ≤ upTo (upTo null: to the end), each with its own algorithm;
 * the first row must link to `afterHash` (null: the chain's first row, which links to nothing).
 */
export async function recomputeSegment(client: pg.ClientBase, afterId: number, afterHash: Buffer | null, upTo: number | null): Promise<SegmentRow> {
  const { rows } = await client.query<SegmentRow>(
    `
    with chain as (
      select id, prev_hash, hash,
             case when row_number() over w = 1 then $2::bytea else lag(hash) over w end as expected_prev,
             audit_row_hash_with(hash_alg, prev_hash, id, at, user_id, username, unit_code, roles, ip, action, entity, entity_id, outcome, summary, reason, request_id) as recomputed
      from audit_log
      where id > $1 and ($3::bigint is null or id <= $3)
      window w as (order by id)
    ), broken as (
      select id, case when hash is distinct from recomputed then 'content'
                      when prev_hash is distinct from expected_prev then 'link' end as reason
      from chain
    )
    select (select count(*) from chain)::int as checked,
           b.id as broken_id, b.reason
    from (select 1) one
    left join lateral (select id, reason from broken where reason is not null order by id limit 1) b on true`,
    [afterId, afterHash, upTo],
  );
  return one(rows);
}

export interface CheckpointRow {
  id: number;
  hash: Buffer | null;
  n: number | null;
  max_id: number | null;
}

/** For each checkpointed id, in order: the row's hash now, the number of rows up to it, and the last id. */
export async function rowsAtCheckpoints(client: pg.ClientBase, ids: number[]): Promise<CheckpointRow[]> {
  const { rows } = await client.query<CheckpointRow>(
    `
    select c.id, a.hash, a.n, (select max(id) from audit_log) as max_id
    from unnest($1::bigint[]) with ordinality as c(id, k)
    left join (select id, hash, row_number() over (order by id) as n from audit_log) a using (id)
    order by c.k`,
    [ids],
  );
  return rows;
}

// ---- the hash setting (owner connection) ----

export async function begin(client: pg.ClientBase): Promise<void> {
  await client.query('begin');
}
export async function commit(client: pg.ClientBase): Promise<void> {
  await client.query('commit');
}
export async function rollback(client: pg.ClientBase): Promise<void> {
  await client.query('rollback');
}

export async function lockHashAlg(client: pg.ClientBase): Promise<string | undefined> {
  return (await client.query<{ hash_alg: string }>('select hash_alg from audit_settings for update')).rows[0]?.hash_alg;
}

export async function setHashAlg(client: pg.ClientBase, alg: string): Promise<void> {
  await client.query('update audit_settings set hash_alg = $1', [alg]);
}

/** The audit row of a change made at startup, under the system actor (there is no request). */
export async function appendStartupAudit(client: pg.ClientBase, systemUserId: string, summary: Record<string, unknown>): Promise<void> {
  await client.query(`select audit_append($1, 'system', null, null, null, 'audit.hash.change', 'audit_log', null, 'success', $2::jsonb, null, 'startup')`, [
    systemUserId,
    JSON.stringify(summary),
  ]);
}

function one<T>(rows: T[]): T {
  const row = rows[0];
  if (row === undefined) throw new Error('the statement returned no row');
  return row;
}

// ---- security events (安全事件: security_alerts, read and acknowledged by holders of audit.read) ----

export interface AlertRow {
  id: string;
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  user_id: string | null;
  username: string | null;
  unit_code: string | null;
  title: string;
  detail: Record<string, unknown> | null;
  entity: string | null;
  entity_id: string | null;
  created_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  ack_note: string | null;
}

export interface AlertFilter {
  kind?: string;
  state?: 'open' | 'acknowledged';
  from?: string;
  to?: string;
}

const ALERT_WHERE = ` where ($1::text is null or a.kind = $1)
    and ($2::text is null or ($2 = 'open') = (a.acknowledged_at is null))
    and ($3::date is null or a.created_at >= ($3::date)::timestamp at time zone 'Asia/Shanghai')
    and ($4::date is null or a.created_at < ($4::date + 1)::timestamp at time zone 'Asia/Shanghai')`;

/** Open events first, then the newest. */
export async function listAlerts(tx: Tx, f: AlertFilter, limit: number, offset: number): Promise<{ rows: AlertRow[]; total: number; open: number }> {
  const args = [f.kind ?? null, f.state ?? null, f.from ?? null, f.to ?? null];
  const counts = (
    await tx.client.query<{ total: number; open: number }>(
      'select count(*)::int as total, (select count(*)::int from security_alerts where acknowledged_at is null) as open from security_alerts a' + ALERT_WHERE,
      args,
    )
  ).rows[0];
  const rows = (
    await tx.client.query<AlertRow>(
      `select a.id, a.kind, a.severity, a.user_id, a.username, a.unit_code, a.title, a.detail, a.entity, a.entity_id, a.created_at,
              a.acknowledged_at, au.username as acknowledged_by, a.ack_note
         from security_alerts a left join users au on au.id = a.acknowledged_by` +
        ALERT_WHERE +
        ' order by (a.acknowledged_at is null) desc, a.created_at desc, a.id limit $5 offset $6',
      [...args, limit, offset],
    )
  ).rows;
  return { rows, total: counts?.total ?? 0, open: counts?.open ?? 0 };
}

export async function alertById(tx: Tx, id: string): Promise<AlertRow | undefined> {
  return (
    await tx.client.query<AlertRow>(
      `select a.id, a.kind, a.severity, a.user_id, a.username, a.unit_code, a.title, a.detail, a.entity, a.entity_id, a.created_at,
              a.acknowledged_at, au.username as acknowledged_by, a.ack_note
         from security_alerts a left join users au on au.id = a.acknowledged_by where a.id = $1`,
      [id],
    )
  ).rows[0];
}

/**
 * Acknowledges an open event; the number acknowledged (0: already acknowledged or not visible).
 * The database's time, as the event's own `created_at` is.
 */
export async function acknowledgeAlert(tx: Tx, id: string, by: string, note: string): Promise<number> {
  const r = await tx.client.query(
    'update security_alerts set acknowledged_at = now(), acknowledged_by = $2, ack_note = $3 where id = $1 and acknowledged_at is null',
    [id, by, note],
  );
  return r.rowCount ?? 0;
}
