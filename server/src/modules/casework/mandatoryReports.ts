/**
 * 强制报告 (未成年人保护法 第十一条): a problem of the safety category with severity 严重 (injury,
 * suspected abuse, danger) raises the duty to report to 公安机关 and 民政部门. The duty stays on the
 * street's list until someone records that it was reported (when, to whom, how) or why it was not.
 */
import { MandatoryReport, MandatoryReportList, MandatoryReportQuery, MandatoryReportRecord, raisesMandatoryReport } from '#common/casework.js';
import { IdParam } from '#common/api.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { inScope, type Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { errs, iso, STALE } from './shared.js';

const tags = ['个案工作 casework'];

/** Opens the duty for a new problem when it calls for one (same transaction, audited). */
export async function raiseMandatoryReport(tx: Tx, problem: { id: string; childId: string; category: string; severity: string }): Promise<string | null> {
  if (!raisesMandatoryReport(problem)) return null;
  // street_code / committee_id come from the child (trigger copy_area_from_child).
  const r = await tx.client.query<{ id: string }>(
    'insert into mandatory_reports (child_id, problem_id) values ($1, $2) on conflict (problem_id) do nothing returning id', [problem.childId, problem.id]);
  const id = r.rows[0]?.id ?? null;
  if (id) await tx.audit({ action: 'mandatory_report.raise', entity: 'mandatory_report', entityId: id, summary: { childId: problem.childId, problemId: problem.id } });
  return id;
}

interface Row {
  id: string; child_id: string; child_name: string; street_name: string; committee_name: string; problem_id: string; description: string;
  status: MandatoryReport['status']; reported_at: Date | null; recipients: MandatoryReport['recipients'] | null; method: MandatoryReport['method'];
  note: string | null; not_reported_reason: string | null; recorded_by_name: string | null; recorded_at: Date | null; created_at: Date; version: number;
}
const SELECT = `select r.id, r.child_id, c.name as child_name, s.name as street_name, m.name as committee_name, r.problem_id, p.description,
  r.status, r.reported_at, r.recipients, r.method, r.note, r.not_reported_reason, coalesce(u.display_name, u.username) as recorded_by_name,
  r.recorded_at, r.created_at, r.version
  from mandatory_reports r join children c on c.id = r.child_id join problems p on p.id = r.problem_id
  join streets s on s.code = r.street_code join committees m on m.id = r.committee_id left join users u on u.id = r.recorded_by`;

const present = (r: Row): MandatoryReport => ({
  id: r.id, childId: r.child_id, childName: r.child_name, streetName: r.street_name, committeeName: r.committee_name, problemId: r.problem_id,
  problemDescription: r.description, status: r.status, reportedAt: r.reported_at ? iso(r.reported_at) : null, recipients: r.recipients ?? [],
  method: r.method, note: r.note, notReportedReason: r.not_reported_reason, recordedBy: r.recorded_by_name,
  recordedAt: r.recorded_at ? iso(r.recorded_at) : null, createdAt: iso(r.created_at), version: r.version,
});

export function mandatoryReportRoutes(app: ZApp, deps: AppDeps): void {
  app.get('/api/mandatory-reports', {
    config: { access: can('children.read') },
    schema: { tags, summary: '强制报告：待报告（默认）或全部；按辖区', querystring: MandatoryReportQuery, response: { 200: MandatoryReportList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const conds: string[] = [];
    const args: unknown[] = [];
    if (req.query.status === 'pending') conds.push(`r.status = 'pending'`);
    if (req.query.childId) { args.push(req.query.childId); conds.push(`r.child_id = $${args.length}`); }
    if (req.query.problemId) { args.push(req.query.problemId); conds.push(`r.problem_id = $${args.length}`); }
    const { rows } = await tx.client.query<Row>(`${SELECT} ${conds.length ? `where ${conds.join(' and ')}` : ''} order by (r.status = 'pending') desc, r.created_at desc limit 500`, args);
    return { items: rows.map(present) };
  }));

  app.post('/api/mandatory-reports/:id/record', {
    config: { access: can('casework.write') },
    schema: { tags, summary: '记录强制报告：已报告（时间、对象、方式）或未报告（原因）', params: IdParam, body: MandatoryReportRecord, response: { 200: MandatoryReport, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const cur = (await tx.client.query<{ id: string; status: string; version: number; child_id: string }>(
      'select id, status, version, child_id from mandatory_reports where id = $1 for update', [req.params.id])).rows[0];
    if (!cur) throw errors.notFound('未找到该强制报告事项，或不在您的辖区内');
    if (cur.version !== req.body.version) throw errors.conflict(STALE);
    const b = req.body;
    const userId = tx.ctx.actor?.userId ?? null;
    if (b.outcome === 'reported') {
      const at = new Date(b.reportedAt);
      if (at.getTime() > deps.clock() + 60_000) throw errors.validation([{ path: 'reportedAt', message: '报告时间不能晚于现在' }], '报告时间不能晚于现在');
      await tx.client.query(
        `update mandatory_reports set status = 'reported', reported_at = $2, recipients = $3, method = $4, note = $5, not_reported_reason = null,
           recorded_by = $6, recorded_at = now(), version = version + 1 where id = $1`,
        [cur.id, at, [...new Set(b.recipients)], b.method, b.note || null, userId]);
    } else {
      await tx.client.query(
        `update mandatory_reports set status = 'not_reported', not_reported_reason = $2, reported_at = null, recipients = null, method = null, note = null,
           recorded_by = $3, recorded_at = now(), version = version + 1 where id = $1`, [cur.id, b.reason, userId]);
    }
    await tx.audit({
      action: 'mandatory_report.record', entity: 'mandatory_report', entityId: cur.id,
      summary: b.outcome === 'reported' ? { outcome: b.outcome, recipients: b.recipients, method: b.method, childId: cur.child_id } : { outcome: b.outcome, childId: cur.child_id },
      ...(b.outcome === 'not_reported' ? { reason: b.reason } : {}),
    });
    return present((await tx.client.query<Row>(`${SELECT} where r.id = $1`, [cur.id])).rows[0]!);
  }));
}
