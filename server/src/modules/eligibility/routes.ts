/**
 * 免申即享 routes: the policy library (with maintained dated values), evaluation of a child or an
 * inline profile, the on-demand run over the caller's area, the three work lists and the
 * entitlement workflow (suggested → verified → submitted → granted / refused → ended).
 */
import { z } from 'zod';
import { ErrorBody, IdParam } from '#common/api.js';
import {
  ENTITLEMENT_NEXT, ENTITLEMENT_STATUS_ZH, Entitlement, EntitlementList, EntitlementTransition, EvaluateRequest, EvaluateResult, PolicyDetail, PolicyIdParam, PolicyList,
  PolicyValueCreate, PolicyValueCreated, RunResult, WorklistPage, WorklistQuery, type EntitlementStatus, type PolicySummary, type WorklistItem,
} from '#common/eligibility.js';
import { fmtParam } from '../../../../engine/src/format.js';
import { KIND_LABELS, UNIT_LABELS, type TestExpect } from '../../../../engine/src/policy.js';
import {
  checkProfile, dayFromIso, evaluateChild, INPUT_BY_PATH, isoFromDay, withMaintainedValues, type Pack, type Policy,
} from '../../../../engine/src/index.js';
import type { AppDeps, ZApp } from '../../app.js';
import { can } from '../../http/access.js';
import { inScope, type Tx } from '../../http/context.js';
import { errors } from '../../http/errors.js';
import { maskName } from '#common/mask.js';
import { notify, recipients } from '../notifications/notify.js';
import {
  BASE_PACK, evaluateChildFile, hiddenPolicies, invalidatePack, maintainedValues, packFor, presentResult, stakeRank, storeResults, todayShanghai, visibleResults, whatIfInScope,
  type MaintainedRow,
} from './service.js';
import { runMatching } from './batch.js';
import { proposeCarePlan } from './carePlanProposal.js';
import { linkStepAttachments } from '../files/attachments.js';

const tags = ['免申即享 eligibility'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const ChildIdParam = z.object({ id: z.string().uuid('编号格式不正确') });

export const STATUS_ZH: Record<EntitlementStatus, string> = ENTITLEMENT_STATUS_ZH;
const STALE = '该记录已被他人修改，请刷新后再改';

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

interface EntRow {
  id: string; child_id: string; policy_id: string; status: EntitlementStatus; from_date: string | null; amount_fen: string | null; note: string | null;
  reason: string | null; version: number; created_at: Date; updated_at: Date;
}
const ENT_SELECT = `select id, child_id, policy_id, status, to_char(from_date, 'YYYY-MM-DD') as from_date, amount_fen, note, reason, version, created_at, updated_at from entitlements`;

async function presentEntitlements(tx: Tx, pack: Pack, rows: EntRow[]): Promise<Entitlement[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const events = (await tx.client.query<{ id: string; entitlement_id: string; at: Date; username: string | null; from_status: string | null; to_status: string; note: string | null }>(
    'select id, entitlement_id, at, username, from_status, to_status, note from entitlement_events where entitlement_id = any($1::uuid[]) order by at, id',
    [ids])).rows;
  // The evidence linked to each step (pending uploads, not yet linked, are not part of the history).
  const files = (await tx.client.query<{ id: string; event_id: string; filename: string; mime: string; size_bytes: number; created_at: Date }>(
    `select id, entitlement_event_id as event_id, filename, mime, size_bytes, created_at from attachments
     where entity = 'entitlement' and entity_id = any($1::uuid[]) and entitlement_event_id is not null order by created_at, id`, [ids])).rows;
  const filesOf = (eventId: string) => files.filter((f) => f.event_id === eventId)
    .map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, sizeBytes: f.size_bytes, createdAt: f.created_at.toISOString() }));
  return rows.map((r) => {
    const p = pack.byId.get(r.policy_id);
    return {
      id: r.id, childId: r.child_id, policy: r.policy_id, policyName: p?.name.zh ?? r.policy_id, unitLabel: p ? unitLabelOf(p) : '', status: r.status,
      fromDate: r.from_date, amountFen: r.amount_fen === null ? null : Number(r.amount_fen), note: r.note, reason: r.reason, version: r.version,
      createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
      events: events.filter((e) => e.entitlement_id === r.id).map((e) => ({
        at: e.at.toISOString(), username: e.username, fromStatus: e.from_status, toStatus: e.to_status, note: e.note, attachments: filesOf(e.id),
      })),
    };
  });
}
const unitLabelOf = (p: Policy): string => UNIT_LABELS[p.unit];

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
    schema: { tags, summary: '工作清单：可享未享、待补充信息、可能不再符合（按辖区）', querystring: WorklistQuery, response: { 200: WorklistPage, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { kind, policy, page, pageSize } = req.query;
    const { pack } = await packFor(deps, tx);
    const args: unknown[] = [];
    let where: string;
    if (kind === 'eligible-not-receiving') {
      where = `r.verdict = 'eligible' and not exists (select 1 from entitlements g where g.child_id = r.child_id and g.policy_id = r.policy_id and g.status = 'granted')`;
    } else if (kind === 'undetermined') {
      // only results with something to fill in or to check by hand (toFillIn)
      where = `r.verdict = 'undetermined' and jsonb_array_length(r.missing) > 0`;
    } else {
      where = `r.verdict = 'not_eligible' and exists (select 1 from entitlements g where g.child_id = r.child_id and g.policy_id = r.policy_id and g.status = 'granted')`;
    }
    where += ` and c.status = 'active'`;
    if (policy) { args.push(policy); where += ` and r.policy_id = $${args.length}`; }
    const hidden = hiddenPolicies(tx, pack);
    if (hidden.size) { args.push([...hidden]); where += ` and r.policy_id <> all ($${args.length}::text[])`; }
    const from = `from eligibility_results r join children c on c.id = r.child_id join streets s on s.code = r.street_code join committees m on m.id = r.committee_id
      left join entitlements e on e.child_id = r.child_id and e.policy_id = r.policy_id and e.status not in ('refused', 'ended')`;
    // 待补充信息 is ranked by what is at stake (stakeRank), then by how little is missing
    let order = 'm.name, c.name, r.child_id, r.policy_id';
    const listArgs = [...args];
    if (kind === 'undetermined') {
      const stake = stakeRank(pack, todayShanghai(deps));
      listArgs.push(stake.policies, stake.ranks);
      const p = `$${listArgs.length - 1}::text[]`, k = `$${listArgs.length}::bigint[]`;
      order = `(${k})[array_position(${p}, r.policy_id)] nulls last, jsonb_array_length(r.missing), ${order}`;
    }
    const total = (await tx.client.query<{ n: number }>(`select count(*)::int as n ${from} where ${where}`, args)).rows[0]!.n;
    const { rows } = await tx.client.query<{ child_id: string; child_name: string; committee_name: string; street_name: string; policy_id: string; as_of: string; amount_fen: string | null; missing: string[]; entitlement_id: string | null; entitlement_status: EntitlementStatus | null }>(
      `select r.child_id, c.name as child_name, m.name as committee_name, s.name as street_name, r.policy_id, to_char(r.as_of, 'YYYY-MM-DD') as as_of, r.amount_fen, r.missing,
              e.id as entitlement_id, e.status as entitlement_status
       ${from} where ${where} order by ${order} limit $${listArgs.length + 1} offset $${listArgs.length + 2}`,
      [...listArgs, pageSize, (page - 1) * pageSize]);
    const items: WorklistItem[] = rows.map((r) => {
      const p = pack.byId.get(r.policy_id);
      return {
        childId: r.child_id, childName: r.child_name, committeeName: r.committee_name, streetName: r.street_name, policy: r.policy_id,
        policyName: p?.name.zh ?? r.policy_id, unitLabel: p ? unitLabelOf(p) : '', asOf: r.as_of, amountFen: r.amount_fen === null ? null : Number(r.amount_fen),
        missing: r.missing, entitlementId: r.entitlement_id, entitlementStatus: r.entitlement_status,
      };
    });
    return { items, total, page, pageSize };
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

  app.post('/api/entitlements/:id/transition', {
    config: { access: can('entitlements.write') },
    schema: { tags, summary: '办理保障待遇：核实 → 提交 → 批准（起始日期、金额）/ 未获批（原因）→ 终止', params: IdParam, body: EntitlementTransition, response: { 200: Entitlement, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const b = req.body;
    const { pack } = await packFor(deps, tx);
    const e = (await tx.client.query<EntRow>(`${ENT_SELECT} where id = $1 for update`, [req.params.id])).rows[0];
    if (!e) throw errors.notFound('未找到该待遇记录，或不在您的辖区内');
    if (e.version !== b.version) throw errors.conflict(STALE);
    if (!ENTITLEMENT_NEXT[e.status].includes(b.to)) {
      throw errors.conflict(`待遇当前为「${STATUS_ZH[e.status]}」，不能改为「${STATUS_ZH[b.to]}」`, [{ path: 'to', message: `可选的下一步：${ENTITLEMENT_NEXT[e.status].map((s) => STATUS_ZH[s]).join('、') || '无'}` }]);
    }
    const attachmentIds = b.attachmentIds ?? [];
    if (attachmentIds.length && b.to !== 'verified') throw errors.validation([{ path: 'attachmentIds', message: '只有核实这一步可以附上材料' }]);
    let fromDate = e.from_date;
    let amount = e.amount_fen === null ? null : Number(e.amount_fen);
    let reason = e.reason;
    if (b.to === 'granted') {
      if (!b.fromDate) throw errors.validation([{ path: 'fromDate', message: '请填写享受起始日期' }]);
      fromDate = b.fromDate;
      if (b.amountFen !== undefined && b.amountFen !== null) amount = b.amountFen;
    }
    if (b.to === 'refused') {
      if (!b.reason) throw errors.validation([{ path: 'reason', message: '请填写未获批的原因' }]);
      reason = b.reason;
    }
    const note = b.note ?? null;
    await tx.client.query(
      `update entitlements set status = $2, from_date = $3, amount_fen = $4, reason = $5, note = coalesce($6, note), updated_at = now(), version = version + 1 where id = $1`,
      [e.id, b.to, fromDate, amount, reason, note]);
    const a = tx.ctx.actor;
    const eventId = (await tx.client.query<{ id: string }>(
      'insert into entitlement_events (entitlement_id, child_id, user_id, username, from_status, to_status, note) values ($1, $2, $3, $4, $5, $6, $7) returning id',
      [e.id, e.child_id, a?.userId ?? null, a?.username ?? null, e.status, b.to, b.to === 'refused' ? (note ? `${reason}\n${note}` : reason) : note])).rows[0]!.id;
    const linked = await linkStepAttachments(tx, e.id, eventId, attachmentIds);
    await tx.audit({
      action: 'entitlement.status', entity: 'entitlement', entityId: e.id,
      summary: { childId: e.child_id, policy: e.policy_id, status: { from: e.status, to: b.to }, fromDate, amountFen: amount, ...(linked.length ? { attachmentIds: linked } : {}) },
    });
    await notifyNextActor(tx, pack, e, b.to, reason);
    const row = (await tx.client.query<EntRow>(`${ENT_SELECT} where id = $1`, [e.id])).rows[0]!;
    return (await presentEntitlements(tx, pack, [row]))[0]!;
  }));
}

/**
 * The next person in the workflow hears of it: a submitted benefit goes to the unit that
 * administers it; a decision (granted / refused) goes back to the child's street office.
 */
async function notifyNextActor(tx: Tx, pack: Pack, e: EntRow, to: EntitlementStatus, reason: string | null): Promise<void> {
  if (to !== 'submitted' && to !== 'granted' && to !== 'refused') return;
  const policy = pack.policies.find((p) => p.id === e.policy_id);
  const child = (await tx.client.query<{ name: string; street_code: string; street_name: string; committee_name: string }>(
    `select c.name, c.street_code, s.name as street_name, m.name as committee_name from children c join streets s on s.code = c.street_code
     join committees m on m.id = c.committee_id where c.id = $1`, [e.child_id])).rows[0];
  if (!policy || !child) return;
  const who = `${child.street_name}${child.committee_name} ${maskName(child.name)}`;
  const users = to === 'submitted'
    ? await recipients(tx, { units: [policy.unit] })
    : await recipients(tx, { streetOffices: [child.street_code] });
  await notify(tx, users, {
    kind: `entitlement.${to}`,
    title: to === 'submitted' ? `待办理：${policy.name.zh}` : to === 'granted' ? `已批准：${policy.name.zh}` : `未获批：${policy.name.zh}`,
    body: to === 'refused' ? `${who}：${reason ?? ''}` : `${who}，请在免申即享中查看并办理。`,
    entity: 'child', entityId: e.child_id, streetCode: child.street_code,
  });
}

