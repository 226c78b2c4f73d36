/** /api/audit: the audit log for audit administrators, with filters, and chain verification. */
import { AuditList, AuditQuery, AuditVerifyResult, ErrorBody } from '#common/api.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { inScope } from '../../core/context.js';
import { SYSTEM_USER_ID } from '../../http/systemActor.js';
import { keysFor } from '../../runtime.js';
import { verifyAuditChain } from './verify.js';

const tags = ['审计 audit'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

interface Row {
  id: number; at: Date; user_id: string | null; username: string | null; unit_code: string | null; roles: string | null; ip: string | null;
  action: string; entity: string | null; entity_id: string | null; outcome: 'success' | 'denied' | 'failed'; summary: Record<string, unknown> | null;
  reason: string | null; request_id: string | null;
}

export function auditRoutes(app: ZApp, deps: AppDeps): void {
  // The checkpoint key comes from the master key, like every other key; derived once, when first needed.
  let checkpointKey: Buffer | null = null;
  const anchor = () => ({ dataDir: deps.config.dataDir, key: (checkpointKey ??= keysFor(deps.config).auditCheckpoint) });

  app.get('/api/audit', {
    config: { access: can('audit.read') },
    schema: { tags, summary: '查阅审计日志', querystring: AuditQuery, response: { 200: AuditList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { page, pageSize, username, action, actions, includeSystem, entity, outcome, from, to } = req.query;
    const args: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, v: unknown) => { args.push(v); where.push(sql.replace('?', `$${args.length}`)); };
    if (username) add('username = ?', username.toLowerCase());
    if (action) add('action like ?', `${action}%`);
    if (actions?.length) add('action = any(?::text[])', actions);
    // The background jobs write a row per child and night; shown only when asked for.
    if (includeSystem !== 'true') add('user_id is distinct from ?::uuid', SYSTEM_USER_ID);
    if (entity) add('entity = ?', entity);
    if (outcome) add('outcome = ?', outcome);
    // Dates are Shanghai calendar days.
    if (from) add(`at >= (?::date)::timestamp at time zone 'Asia/Shanghai'`, from);
    if (to) add(`at < ((?::date) + 1)::timestamp at time zone 'Asia/Shanghai'`, to);
    const w = where.length ? `where ${where.join(' and ')}` : '';
    const total = (await tx.client.query<{ n: number }>(`select count(*)::int as n from audit_log ${w}`, args)).rows[0]!.n;
    const { rows } = await tx.client.query<Row>(
      `select id, at, user_id, username, unit_code, roles, ip, action, entity, entity_id, outcome, summary, reason, request_id
       from audit_log ${w} order by id desc limit $${args.length + 1} offset $${args.length + 2}`, [...args, pageSize, (page - 1) * pageSize]);
    await tx.audit({ action: 'audit.read', summary: { filters: { username, action, actions, includeSystem, entity, outcome, from, to }, page } });
    return {
      items: rows.map((r) => ({
        id: String(r.id), at: r.at.toISOString(), userId: r.user_id, username: r.username, unitCode: r.unit_code, roles: r.roles, ip: r.ip,
        action: r.action, entity: r.entity, entityId: r.entity_id, outcome: r.outcome, summary: r.summary, reason: r.reason, requestId: r.request_id,
      })),
      total, page, pageSize,
    };
  }));

  app.post('/api/audit/verify', {
    config: { access: can('audit.verify') },
    schema: { tags, summary: '校验审计日志哈希链', response: { 200: AuditVerifyResult, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const result = await verifyAuditChain(tx.client, { anchor: anchor() });
    await tx.audit({ action: 'audit.verify', outcome: result.ok ? 'success' : 'failed', summary: { ...result } });
    return result;
  }));
}
