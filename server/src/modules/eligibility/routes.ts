/**
 * 免申即享 routes: the policy library (with maintained dated values), evaluation of a child or an
 * inline profile, the on-demand run over the caller's area, the three work lists and the
 * entitlement workflow (suggested → verified → submitted → granted / refused → ended).
 */
import { z } from 'zod';
import { ErrorBody, IdParam } from '#common/api.js';
import {
  ENTITLEMENT_STATUS_ZH, Entitlement, EntitlementList, EntitlementTransition, EvaluateRequest, EvaluateResult, PolicyDetail, PolicyIdParam, PolicyList,
  PolicyValueCreate, PolicyValueCreated, ReviewRuleList, ReviewRuleSet, RunResult, WorklistAssign, WorklistAssigned, WorklistChildPage, WorklistExportRequest, WorklistPage, WorklistQuery,
  type EntitlementStatus, type PolicySummary,
} from '#common/eligibility.js';
import { fmtParam } from '../../../../engine/src/format.js';
import { KIND_LABELS, UNIT_LABELS, type TestExpect } from '../../../../engine/src/policy.js';
import {
  checkProfile, dayFromIso, evaluateChild, INPUT_BY_PATH, isoFromDay, withMaintainedValues, type Pack, type Policy,
} from '../../../../engine/src/index.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { auditAlone, inScope, type Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import {
  BASE_PACK, evaluateChildFile, hiddenPolicies, invalidatePack, maintainedValues, packFor, presentResult, storeResults, todayShanghai, visibleResults, whatIfInScope,
  type MaintainedRow,
} from './service.js';
import { runMatching } from './batch.js';
import { proposeCarePlan } from './carePlanProposal.js';
import { ExportCreated } from '#common/files.js';
import { assignToMe, exportWorklist, listWorklist, listWorklistByChild } from './worklist.js';
import { DutyRefusal, ENT_SELECT, presentEntitlements, transitionEntitlement, type EntRow } from './workflow.js';

const tags = ['免申即享 eligibility'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const ChildIdParam = z.object({ id: z.string().uuid('编号格式不正确') });

export const STATUS_ZH: Record<EntitlementStatus, string> = ENTITLEMENT_STATUS_ZH;

function summaryOf(p: Policy, maintained: MaintainedRow[]): PolicySummary {
  return {
    id: p.id, name: p.name, issuer: p.issuer, unit: p.unit, unitLabel: UNIT_LABELS[p.unit], kind: p.kind, kindLabel: KIND_LABELS[p.kind],
    summary: p.summary ?? null, legalBasis: p.legalBasis,
    parameters: [...p.parameters.values()].map((d) => ({
      name: d.name, label: d.label, unit: d.unit,
      values: d.values.map((v) => ({
        from: isoFromDay(v.from), to: v.end !== null ? isoFromDay(v.end) : null, value: v.value, text: fmtParam(v, d.unit), source: v.source,
        verified: v.verified, note: v.note ?? null,
        maintained: maintained.some((m) => m.policy === p.id && m.param === d.name && m.from === v.from && m.value === v.value && m.source === v.source),
      })),
    })),
  };
}

/** A formula in words: parameter keys and field paths become their Chinese labels. */
function readable(p: Policy, src: string): string {
  return src
    .replace(/\bparam\.([A-Za-z0-9]+)/g, (_, n: string) => `「${p.parameters.get(n)?.label ?? n}」`)
    .replace(/\b(child|household|benefits|caregiver)\.([A-Za-z]+)/g, (m: string) => INPUT_BY_PATH.get(m)?.fullLabel ?? (m === 'child.age' ? '年龄' : m))
    .replace(/\bmax\(/g, '取较大值(').replace(/\bmin\(/g, '取较小值(').replace(/ yuan\b/g, ' 元');
}

/** A test case's expected answer in Chinese, as the library shows it (never the raw JSON). */
function expectText(p: Policy, date: number, e: TestExpect): string {
  const leaves = p.logic.find((v) => v.from <= date && (v.end === null || date <= v.end))?.leaves ?? [];
  const label = (id: string) => leaves.find((l) => l.id === id)?.label ?? id;
  const amount = e.amount === undefined ? '' : typeof e.amount === 'number' ? `金额 ${(e.amount / 100).toLocaleString('zh-CN')} 元` : { 'not-maintained': '金额：标准待维护', terms: '按比例和限额', none: '不计算金额' }[e.amount];
  return [
    { eligible: '符合', 'not-eligible': '不符合', undetermined: '尚无法判断' }[e.result],
    amount,
    e.failed?.length ? `未满足：${e.failed.map(label).join('、')}` : '',
    e.missing?.length ? `还需：${e.missing.map((m) => INPUT_BY_PATH.get(m)?.fullLabel ?? m).join('、')}` : '',
    e.missingParams?.length ? `待维护或待核实：${e.missingParams.map((n) => p.parameters.get(n)?.label ?? n).join('、')}` : '',
  ].filter(Boolean).join('；');
}

function detailOf(p: Policy, maintained: MaintainedRow[]): z.infer<typeof PolicyDetail> {
  const a = p.amount;
  return {
    ...summaryOf(p, maintained),
    logic: p.logic.map((l) => ({
      version: l.version, from: isoFromDay(l.from), to: l.end !== null ? isoFromDay(l.end) : null, fromVerified: l.fromVerified, basis: l.basis,
      note: l.note ?? null, criteria: l.leaves.map((c) => ({ id: c.id, label: c.label, clause: c.clause, expr: c.src, note: c.note ?? null })),
    })),
    amount: a.kind === 'formula' ? `${a.label}：${readable(p, a.src)}` : a.text,
    tests: p.tests.map((t) => ({ name: t.name, date: isoFromDay(t.date), expect: expectText(p, t.date, t.expect), profile: JSON.stringify(t.profile) })),
    notes: p.notes,
  };
}


export function eligibilityRoutes(app: ZApp, deps: AppDeps): void {
  // ---- policy library ----
  app.get('/api/policies', {
    config: { access: can('eligibility.read') },
    schema: { tags, summary: '政策库：每项政策的名称、主管单位、依据与分时段标准（含平台维护的数值）', response: { 200: PolicyList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { pack, maintained } = await packFor(deps, tx);
    return {
      items: pack.policies.map((p) => summaryOf(p, maintained)),
      terms: pack.terms.map((t) => ({ name: t.name, label: t.label, basis: t.basis, review: t.review ?? null, usedBy: t.usedBy })),
    };
  }));

  app.get('/api/policies/:id', {
    config: { access: can('eligibility.read') },
    schema: { tags, summary: '政策详情：条款、逻辑版本、标准时间线、测试用例', params: PolicyIdParam, response: { 200: PolicyDetail, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { pack, maintained } = await packFor(deps, tx);
    const p = pack.byId.get(req.params.id);
    if (!p) throw errors.notFound('未找到该政策');
    return detailOf(p, maintained);
  }));

  app.post('/api/policies/:id/values', {
    config: { access: can('policies.manage') },
    schema: { tags, summary: '维护政策标准：新增一段带来源的分时段数值（已存储的匹配结果随之过期）', params: PolicyIdParam, body: PolicyValueCreate, response: { 201: PolicyValueCreated, ...errs } },
  }, async (req, reply) => {
    const b = req.body;
    const out = await inScope(deps.db, req.ctx, async (tx) => {
      const p = BASE_PACK.byId.get(req.params.id);
      if (!p) throw errors.notFound('未找到该政策');
      const def = p.parameters.get(b.param);
      if (!def) throw errors.validation([{ path: 'param', message: `本政策没有参数 ${b.param}` }]);
      const from = dayFromIso(b.from)!;
      const to = b.to ? dayFromIso(b.to)! : null;
      if (to !== null && to < from) throw errors.validation([{ path: 'to', message: '截止日期不能早于起始日期' }]);
      if (def.unit.startsWith('fen') && !Number.isInteger(b.value)) throw errors.validation([{ path: 'value', message: '金额以分为单位，应为整数' }]);
      const existing = await maintainedValues(tx);
      try {
        withMaintainedValues(BASE_PACK, [...existing, { policy: p.id, param: b.param, from, to, value: b.value, source: b.source, verified: b.verified }]);
      } catch (err) {
        const overlap = /overlap/.test((err as Error).message);
        throw errors.validation([{ path: 'from', message: overlap ? '与已维护的同一参数数值时段重叠，请调整起止日期' : '数值无效' }]);
      }
      await tx.client.query(
        'insert into policy_values (policy_id, param, from_date, to_date, value, source, verified, note, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [p.id, b.param, b.from, b.to ?? null, b.value, b.source, b.verified, b.note ?? null, tx.ctx.actor?.userId ?? null]);
      await tx.audit({ action: 'policy.value', entity: 'policy', entityId: null, summary: { policy: p.id, param: b.param, from: b.from, to: b.to ?? null, value: b.value, source: b.source, verified: b.verified } });
      invalidatePack(deps);
      const { pack, maintained } = await packFor(deps, tx);
      return {
        policy: detailOf(pack.byId.get(p.id)!, maintained), stale: true,
        message: '已保存。已存储的匹配结果仍按原标准计算，已经过期：请对相关儿童重新匹配，或运行全量匹配。',
      };
    }).catch((err) => { invalidatePack(deps); throw err; });
    return reply.code(201).send(out);
  });

  // ---- evaluation ----
  app.post('/api/eligibility/evaluate', {
    config: { access: can('eligibility.read') },
    schema: { tags, summary: '匹配一名儿童（按档案，保存结果并生成建议待遇）或一份临时档案（不保存）', body: EvaluateRequest, response: { 200: EvaluateResult, ...errs } },
  }, async (req) => {
    const b = req.body;
    const asOf = b.asOf ?? todayShanghai(deps);
    return inScope(deps.db, req.ctx, async (tx) => {
      const { pack } = await packFor(deps, tx);
      if (b.childId === undefined) {
        const checked = checkProfile(b.profile, pack.policyIds);
        if (!checked.ok) throw errors.validation(checked.errors.map((e) => ({ path: e.path ? `profile.${e.path}` : 'profile', message: e.message })), '档案数据有误，请按提示修改');
        const results = evaluateChild(pack, checked.facts, dayFromIso(asOf)!);
        return { asOf, stored: false, results: results.map(presentResult), suggested: 0 };
      }
      const results = await evaluateChildFile(tx, deps, pack, b.childId, asOf);
      const { suggested } = await storeResults(tx, b.childId, results);
      await tx.audit({ action: 'eligibility.evaluate', entity: 'child', entityId: b.childId, summary: { asOf, eligible: results.filter((r) => r.result === 'eligible').map((r) => r.policy), suggested } });
      return { asOf, stored: true, results: visibleResults(tx, pack, results).map(presentResult), suggested };
    });
  });

  app.get('/api/children/:id/eligibility', {
    config: { access: can('eligibility.read') },
    schema: { tags, summary: '某儿童今天的匹配结果与说明（只计算，不保存）', params: ChildIdParam, response: { 200: EvaluateResult, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { pack } = await packFor(deps, tx);
    const asOf = todayShanghai(deps);
    const results = await evaluateChildFile(tx, deps, pack, req.params.id, asOf);
    return { asOf, stored: false, results: visibleResults(tx, pack, results).map(presentResult), suggested: 0 };
  }));

  app.post('/api/eligibility/run', {
    config: { access: can('entitlements.write') },
    schema: { tags, summary: '对辖区内全部在册儿童重新匹配（保存结果，统计变化）', body: z.object({ asOf: z.string().date('日期格式应为 YYYY-MM-DD').optional() }).optional(), response: { 200: RunResult, ...errs } },
  }, async (req) => {
    const asOf = req.body?.asOf ?? todayShanghai(deps);
    return inScope(deps.db, req.ctx, (tx) => runMatching(tx, deps, asOf));
  });

  app.post('/api/eligibility/what-if', {
    config: { access: can('eligibility.read') },
    schema: {
      tags, summary: '假如标准调整：辖区内哪些儿童将符合或不再符合条件，每月费用变化多少（不保存）',
      body: z.object({
        policy: z.string().min(1, '请选择政策'), param: z.string().min(1, '请选择参数'), from: z.string().date('日期格式应为 YYYY-MM-DD'),
        value: z.number().int('数值为整数（金额以分计）').min(0), asOf: z.string().date('日期格式应为 YYYY-MM-DD').optional(),
      }),
      response: { 200: z.object({
        asOf: z.string(), children: z.number(), policy: z.string(), name: z.string(),
        before: z.object({ eligible: z.number(), notEligible: z.number(), undetermined: z.number(), monthlyFen: z.number(), amountUnknown: z.number() }),
        after: z.object({ eligible: z.number(), notEligible: z.number(), undetermined: z.number(), monthlyFen: z.number(), amountUnknown: z.number() }),
        newlyEligible: z.array(z.string()), noLongerEligible: z.array(z.string()), monthlyDeltaFen: z.number(), text: z.string(),
      }), ...errs },
    },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const b = req.body;
    const result = await whatIfInScope(tx, deps, b.asOf ?? b.from, { policy: b.policy, param: b.param, from: b.from, value: b.value });
    await tx.audit({ action: 'eligibility.what-if', entity: 'policy', entityId: null, summary: { policy: b.policy, param: b.param, from: b.from, value: b.value, children: result.children } });
    return result;
  }));

  app.post('/api/children/:id/care-plan-proposal', {
    config: { access: can('casework.write') },
    schema: {
      tags, summary: '量身定制帮扶方案：根据保障匹配、未解决问题、风险等生成方案草稿（不保存，由工作人员修改后保存）', params: IdParam,
      response: { 200: z.object({ goals: z.string(), measures: z.string(), responsible: z.string(), reviewOn: z.string(), basis: z.array(z.string()) }), ...errs },
    },
  }, async (req) => inScope(deps.db, req.ctx, (tx) => proposeCarePlan(tx, deps, req.params.id)));

  // ---- work lists ----
  app.get('/api/eligibility/worklist', {
    config: { access: can('eligibility.read') },
    schema: { tags, summary: '工作清单：可享未享、待补充信息、可能不再符合（按辖区；可按街道、居民区、政策、年龄、经办人筛选）', querystring: WorklistQuery, response: { 200: WorklistPage, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { page, pageSize, ...filters } = req.query;
    const { pack } = await packFor(deps, tx);
    return listWorklist(tx, pack, filters, todayShanghai(deps), page, pageSize);
  }));

  app.get('/api/eligibility/worklist/children', {
    config: { access: can('eligibility.read') },
    schema: { tags, summary: '工作清单按儿童汇总：每页若干名儿童，每人列出在清单上的政策', querystring: WorklistQuery, response: { 200: WorklistChildPage, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { page, pageSize, ...filters } = req.query;
    const { pack } = await packFor(deps, tx);
    return listWorklistByChild(tx, pack, filters, todayShanghai(deps), page, pageSize);
  }));

  app.post('/api/eligibility/worklist/assign', {
    config: { access: can('entitlements.write') },
    schema: { tags, summary: '分配给我：选中的清单记录由我经办（记入审计）', body: WorklistAssign, response: { 200: WorklistAssigned, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { pack } = await packFor(deps, tx);
    return { assigned: await assignToMe(tx, pack, req.body.items) };
  }));

  app.post('/api/eligibility/worklist/export', {
    config: { access: can('children.export') },
    schema: { tags, summary: '导出当前工作清单为 Excel（身份证号脱敏；记入审计；通过 /api/exports/:id 下载）', body: WorklistExportRequest, response: { 200: ExportCreated, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { pack } = await packFor(deps, tx);
    return exportWorklist(tx, deps, pack, req.body.filters, todayShanghai(deps));
  }));

  // ---- entitlements ----
  app.get('/api/children/:id/entitlements', {
    config: { access: can('eligibility.read') },
    schema: { tags, summary: '某儿童的保障待遇及办理经过', params: ChildIdParam, response: { 200: EntitlementList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const child = (await tx.client.query('select id from children where id = $1', [req.params.id])).rows[0];
    if (!child) throw errors.notFound('未找到该儿童档案，或不在您的辖区内');
    const { pack } = await packFor(deps, tx);
    const rows = (await tx.client.query<EntRow>(`${ENT_SELECT} where child_id = $1 order by (status in ('refused', 'ended')), created_at, id`, [req.params.id])).rows;
    return { items: await presentEntitlements(tx, pack, visibleResults(tx, pack, rows.map((r) => ({ ...r, policy: r.policy_id })))) };
  }));

  app.get('/api/entitlements/:id', {
    config: { access: can('eligibility.read') },
    schema: { tags, summary: '一项保障待遇及其办理经过（通知打开的记录）', params: IdParam, response: { 200: Entitlement, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { pack } = await packFor(deps, tx);
    const row = (await tx.client.query<EntRow>(`${ENT_SELECT} where id = $1`, [req.params.id])).rows[0];
    if (!row || hiddenPolicies(tx, pack).has(row.policy_id)) throw errors.notFound('未找到该待遇记录，或不在您的辖区内');
    return (await presentEntitlements(tx, pack, [row]))[0]!;
  }));

  app.post('/api/entitlements/:id/transition', {
    config: { access: can('entitlements.write') },
    schema: { tags, summary: '办理保障待遇：核实 → 提交 → 批准（起始日期、金额；由主管单位的另一位工作人员，可设双人审批）/ 未获批（原因）→ 终止', params: IdParam, body: EntitlementTransition, response: { 200: Entitlement, ...errs } },
  }, async (req) => {
    try {
      return await inScope(deps.db, req.ctx, async (tx) => {
        const { pack } = await packFor(deps, tx);
        const row = await transitionEntitlement(tx, pack, req.params.id, req.body);
        return (await presentEntitlements(tx, pack, [row]))[0]!;
      });
    } catch (err) {
      // A refused decision is a sensitive attempt: audited on its own, since the step's transaction rolled back.
      if (err instanceof DutyRefusal) {
        await auditAlone(deps.db, req.ctx, { action: 'entitlement.status', outcome: 'denied', entity: 'entitlement', entityId: req.params.id, summary: { to: req.body.to, rule: err.rule } });
      }
      throw err;
    }
  });

  // ---- second reviewer: a unit's setting ----
  app.get('/api/entitlement-review-rules', {
    config: { access: can('eligibility.read') },
    schema: { tags, summary: '各单位的待遇审批人数设置（双人审批）', response: { 200: ReviewRuleList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { pack } = await packFor(deps, tx);
    return { items: await reviewRules(tx, pack) };
  }));

  app.put('/api/entitlement-review-rules', {
    config: { access: can('policies.manage') },
    schema: { tags, summary: '设置本单位审批待遇所需的审批人数（1 或 2；可按政策，* 为本单位全部政策）', body: ReviewRuleSet, response: { 200: ReviewRuleList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const actor = req.ctx.actor!;
    const { pack } = await packFor(deps, tx);
    const b = req.body;
    if (b.policy !== '*' && !pack.byId.has(b.policy)) throw errors.validation([{ path: 'policy', message: '政策不存在' }]);
    await tx.client.query(
      `insert into entitlement_review_rules (unit_code, policy_id, approvals, updated_by) values ($1, $2, $3, $4)
       on conflict (unit_code, policy_id) do update set approvals = excluded.approvals, updated_by = excluded.updated_by, updated_at = now()`,
      [actor.unitCode, b.policy, b.approvals, actor.userId]);
    await tx.audit({ action: 'entitlement.review-rule', entity: 'unit', entityId: null, summary: { unit: actor.unitCode, policy: b.policy, approvals: b.approvals } });
    return { items: await reviewRules(tx, pack) };
  }));
}

async function reviewRules(tx: Tx, pack: Pack) {
  const { rows } = await tx.client.query<{ unit_code: string; unit_name: string; policy_id: string; approvals: number; updated_at: Date }>(
    `select r.unit_code, u.name as unit_name, r.policy_id, r.approvals, r.updated_at from entitlement_review_rules r join units u on u.code = r.unit_code order by u.sort, r.policy_id`);
  return rows.map((r) => ({
    unitCode: r.unit_code, unitName: r.unit_name, policy: r.policy_id, policyName: r.policy_id === '*' ? '本单位全部政策' : pack.byId.get(r.policy_id)?.name.zh ?? r.policy_id,
    approvals: r.approvals, updatedAt: r.updated_at.toISOString(),
  }));
}
