/**
 * /api/visit-rules and /api/checklists: the visit plan (interval by risk level or category) and
 * the two checklists are data that administrators with `checklists.manage` edit. The visit form
 * follows the current active service list; past visits keep the snapshot taken when they were saved.
 */
import { ErrorBody, IdParam } from '#common/api.js';
import {
  ChecklistItem, ChecklistItemCreate, ChecklistItems, ChecklistItemUpdate, ChecklistQuery, ChecklistReorder, VisitRule, VisitRuleList,
  VisitRulesReplace, VisitRulesResult,
} from '#common/visits.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { inScope, type Tx } from '../../core/context.js';
import { errors, type FieldError } from '../../core/errors.js';
import { diff } from '../audit/presenters.js';

const tags = ['走访 visits'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

interface RuleRow { id: string; risk_level: VisitRule['riskLevel']; category: string | null; interval_days: number; label: string; active: boolean }
const presentRule = (r: RuleRow): VisitRule => ({
  id: r.id, riskLevel: r.risk_level, category: r.category, intervalDays: r.interval_days, label: r.label, active: r.active,
});
// Risk rules first (high → low), then category rules.
const RULE_ORDER = `order by (risk_level is null), array_position(array['high','medium','low'], risk_level), category, interval_days`;

interface ItemRow { id: string; list: ChecklistItem['list']; code: string; label: string; hint: string | null; sort: number; active: boolean }
const presentItem = (r: ItemRow): ChecklistItem => ({ id: r.id, list: r.list, code: r.code, label: r.label, hint: r.hint, sort: r.sort, active: r.active });
const ITEM_COLS = 'id, list, code, label, hint, sort, active';

/**
 * Recomputes last visit and next due date of every active child the caller can see, in one
 * statement: the SQL function recompute_next_visits_all (runs as the caller, so RLS limits it to the
 * caller's area), which also applies the first-visit deadline of new or newly high-risk files.
 */
export async function recomputeAllInScope(tx: Tx): Promise<number> {
  await tx.client.query('select recompute_next_visits_all()');
  // Answers how many files were recomputed (all active ones in scope), not how many changed.
  return (await tx.client.query<{ n: number }>(`select count(*)::int as n from children where status = 'active'`)).rows[0]!.n;
}

/** Days within which a new or newly high-risk file is due for its first visit (visit_settings). */
export async function highRiskFirstVisitDays(tx: Tx): Promise<number> {
  return (await tx.client.query<{ d: number }>('select high_risk_first_visit_days as d from visit_settings')).rows[0]?.d ?? 7;
}

export function rulesRoutes(app: ZApp, deps: AppDeps): void {
  app.get('/api/visit-rules', {
    config: { access: can('children.read') },
    schema: { tags, summary: '走访计划规则（按风险等级或儿童类别的走访间隔）', response: { 200: VisitRuleList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { rows } = await tx.client.query<RuleRow>(`select id, risk_level, category, interval_days, label, active from visit_rules where active ${RULE_ORDER}`);
    return { items: rows.map(presentRule), highRiskFirstVisitDays: await highRiskFirstVisitDays(tx) };
  }));

  app.put('/api/visit-rules', {
    config: { access: can('checklists.manage') },
    schema: {
      tags, summary: '替换全部走访规则（之后重新计算辖区内在册儿童的下次应访日期）', body: VisitRulesReplace, response: { 200: VisitRulesResult, ...errs },
    },
  }, async (req) => {
    const fields: FieldError[] = [];
    const seen = new Map<string, number>();
    req.body.rules.forEach((r, i) => {
      const key = `${r.riskLevel ?? ''}|${r.category ?? ''}`;
      if (seen.has(key)) fields.push({ path: `rules.${i}.riskLevel`, message: `与第 ${seen.get(key)! + 1} 条规则的条件相同，请合并为一条` });
      else seen.set(key, i);
    });
    if (fields.length) throw errors.validation(fields);
    return inScope(deps.db, req.ctx, async (tx) => {
      // Serialise concurrent replacements: the second waits, then replaces the first one's set.
      await tx.client.query('lock table visit_rules in share row exclusive mode');
      const before = (await tx.client.query<RuleRow>(`select id, risk_level, category, interval_days, label, active from visit_rules where active ${RULE_ORDER}`)).rows;
      // Rules are never deleted: the replaced set stays, inactive, as the record of what applied before.
      await tx.client.query('update visit_rules set active = false, updated_at = now() where active');
      const rules = req.body.rules;
      await tx.client.query(
        `insert into visit_rules (risk_level, category, interval_days, label)
         select * from unnest($1::text[], $2::text[], $3::int[], $4::text[])`,
        [rules.map((r) => r.riskLevel), rules.map((r) => r.category), rules.map((r) => r.intervalDays), rules.map((r) => r.label)]);
      const after = (await tx.client.query<RuleRow>(`select id, risk_level, category, interval_days, label, active from visit_rules where active ${RULE_ORDER}`)).rows;
      const firstBefore = await highRiskFirstVisitDays(tx);
      const firstAfter = req.body.highRiskFirstVisitDays ?? firstBefore;
      if (firstAfter !== firstBefore) await tx.client.query('update visit_settings set high_risk_first_visit_days = $1, updated_at = now()', [firstAfter]);
      const recomputed = await recomputeAllInScope(tx);
      const brief = (r: RuleRow) => ({ riskLevel: r.risk_level, category: r.category, intervalDays: r.interval_days });
      await tx.audit({ action: 'visit.rules.update', entity: 'visit_rules', summary: {
        before: before.map(brief), after: after.map(brief), recomputed,
        ...(firstAfter !== firstBefore ? { highRiskFirstVisitDays: { before: firstBefore, after: firstAfter } } : {}),
      } });
      return { items: after.map(presentRule), highRiskFirstVisitDays: firstAfter, recomputed };
    });
  });

  app.get('/api/checklists', {
    config: { access: can('children.read') },
    schema: { tags, summary: '关爱服务内容清单 / 儿童主任职责清单', querystring: ChecklistQuery, response: { 200: ChecklistItems, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const all = req.query.includeInactive === 'true';
    const { rows } = await tx.client.query<ItemRow>(
      `select ${ITEM_COLS} from checklist_items where list = $1 ${all ? '' : 'and active'} order by active desc, sort, code`, [req.query.list]);
    return { items: rows.map(presentItem) };
  }));

  app.post('/api/checklists', {
    config: { access: can('checklists.manage') },
    schema: { tags, summary: '新增清单项（排在最后）', body: ChecklistItemCreate, response: { 201: ChecklistItem, ...errs } },
  }, async (req, reply) => {
    const b = req.body;
    const item = await inScope(deps.db, req.ctx, async (tx) => {
      const dup = await tx.client.query('select 1 from checklist_items where list = $1 and code = $2', [b.list, b.code]);
      if (dup.rowCount) throw errors.conflict('该清单已有此代码（含已停用项），请换一个代码', [{ path: 'code', message: '代码已存在，请换一个' }]);
      const { rows } = await tx.client.query<ItemRow>(
        `insert into checklist_items (list, code, label, hint, sort)
         values ($1, $2, $3, $4, (select coalesce(max(sort), 0) + 1 from checklist_items where list = $1)) returning ${ITEM_COLS}`,
        [b.list, b.code, b.label, b.hint || null]);
      const row = rows[0]!;
      await tx.audit({ action: 'checklist.create', entity: 'checklist_item', entityId: row.id, summary: { list: b.list, code: b.code, label: b.label } });
      return presentItem(row);
    });
    return reply.code(201).send(item);
  });

  app.patch('/api/checklists/:id', {
    config: { access: can('checklists.manage') },
    schema: { tags, summary: '修改清单项名称、说明，或停用/启用（已有走访记录不受影响）', params: IdParam, body: ChecklistItemUpdate, response: { 200: ChecklistItem, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const old = (await tx.client.query<ItemRow>(`select ${ITEM_COLS} from checklist_items where id = $1 for update`, [req.params.id])).rows[0];
    if (!old) throw errors.notFound('未找到该清单项');
    const b = req.body;
    if (b.active === false && old.active) {
      const left = (await tx.client.query<{ n: number }>('select count(*)::int as n from checklist_items where list = $1 and active and id <> $2', [old.list, old.id])).rows[0]!.n;
      if (left === 0) throw errors.conflict('清单至少保留一项启用的内容');
    }
    const { rows } = await tx.client.query<ItemRow>(
      `update checklist_items set label = coalesce($2, label), hint = case when $3 then $4 else hint end, active = coalesce($5, active), updated_at = now()
       where id = $1 returning ${ITEM_COLS}`,
      [old.id, b.label ?? null, b.hint !== undefined, b.hint || null, b.active ?? null]);
    const next = rows[0]!;
    await tx.audit({ action: 'checklist.update', entity: 'checklist_item', entityId: old.id, summary: { list: old.list, code: old.code, ...diff(presentItem(old), presentItem(next)) } });
    return presentItem(next);
  }));

  app.post('/api/checklists/reorder', {
    config: { access: can('checklists.manage') },
    schema: { tags, summary: '调整清单项顺序（按给出的编号顺序）', body: ChecklistReorder, response: { 200: ChecklistItems, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { list, ids } = req.body;
    if (new Set(ids).size !== ids.length) throw errors.validation([{ path: 'ids', message: '清单项重复' }]);
    const found = await tx.client.query<{ id: string }>('select id from checklist_items where list = $1 and id = any($2::uuid[]) for update', [list, ids]);
    if (found.rowCount !== ids.length) throw errors.validation([{ path: 'ids', message: '清单项不存在或不属于该清单，请刷新后重试' }]);
    await tx.client.query(
      `update checklist_items ci set sort = o.n, updated_at = now() from unnest($1::uuid[]) with ordinality as o(id, n) where ci.id = o.id`, [ids]);
    await tx.audit({ action: 'checklist.reorder', entity: 'checklist', entityId: list, summary: { ids } });
    const { rows } = await tx.client.query<ItemRow>(`select ${ITEM_COLS} from checklist_items where list = $1 order by active desc, sort, code`, [list]);
    return { items: rows.map(presentItem) };
  }));
}
