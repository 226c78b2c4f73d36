/**
 * 免申即享 routes: the policy library (with maintained dated values), evaluation of a child or an
 * inline profile, the on-demand run over the caller's area, the three work lists and the
 * entitlement workflow (suggested → verified → submitted → granted / refused → ended).
 * The route table only: each handler is one call into a command (commands/) or a query (queries.ts).
 */
import { z } from 'zod';
import { ErrorBody, IdParam } from '#common/api.js';
import {
  Entitlement,
  EntitlementList,
  EntitlementTransition,
  EvaluateRequest,
  EvaluateResult,
  PolicyDetail,
  PolicyIdParam,
  PolicyList,
  PolicyValueCreate,
  PolicyValueCreated,
  ReviewRuleList,
  ReviewRuleSet,
  RunResult,
  WorklistAssign,
  WorklistAssigned,
  WorklistChildPage,
  WorklistExportRequest,
  WorklistPage,
  WorklistQuery,
} from '#common/eligibility.js';
import { ExportCreated } from '#common/files.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { inScope, signedIn } from '../../core/context.js';
import { proposeCarePlan } from './carePlanProposal.js';
import * as entitlementCommands from './commands/entitlements.js';
import * as matchingCommands from './commands/matching.js';
import { addPolicyValue } from './commands/policyValues.js';
import * as worklistCommands from './commands/worklist.js';
import { todayShanghai } from './pack.js';
import * as queries from './queries.js';
// 协同: this module's referral handlers (completing a referral writes to its records)
import './referralWork.js';

const tags = ['免申即享 eligibility'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const ChildIdParam = z.object({ id: z.string().uuid('编号格式不正确') });

const WhatIfBody = z.object({
  policy: z.string().min(1, '请选择政策'),
  param: z.string().min(1, '请选择参数'),
  from: z.string().date('日期格式应为 YYYY-MM-DD'),
  value: z.number().int('数值为整数（金额以分计）').min(0),
  asOf: z.string().date('日期格式应为 YYYY-MM-DD').optional(),
});
const Counts = z.object({ eligible: z.number(), notEligible: z.number(), undetermined: z.number(), monthlyFen: z.number(), amountUnknown: z.number() });
const WhatIfResult = z.object({
  asOf: z.string(),
  children: z.number(),
  policy: z.string(),
  name: z.string(),
  before: Counts,
  after: Counts,
  newlyEligible: z.array(z.string()),
  noLongerEligible: z.array(z.string()),
  monthlyDeltaFen: z.number(),
  text: z.string(),
});
const CarePlanProposal = z.object({ goals: z.string(), measures: z.string(), responsible: z.string(), reviewOn: z.string(), basis: z.array(z.string()) });

export function eligibilityRoutes(app: ZApp, deps: AppDeps): void {
  // ---- policy library ----
  app.get(
    '/api/policies',
    {
      config: { access: can('eligibility.read') },
      schema: {
        operationId: 'listPolicies',
        tags,
        summary: '政策库：每项政策的名称、主管单位、依据与分时段标准（含平台维护的数值）',
        response: { 200: PolicyList, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.listPolicies(tx, deps)),
  );

  app.get(
    '/api/policies/:id',
    {
      config: { access: can('eligibility.read') },
      schema: {
        operationId: 'getPolicy',
        tags,
        summary: '政策详情：条款、逻辑版本、标准时间线、测试用例',
        params: PolicyIdParam,
        response: { 200: PolicyDetail, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.getPolicy(tx, deps, req.params.id)),
  );

  app.post(
    '/api/policies/:id/values',
    {
      config: { access: can('policies.manage') },
      schema: {
        operationId: 'createPolicyValue',
        tags,
        summary: '维护政策标准：新增一段带来源的分时段数值（已存储的匹配结果随之过期）',
        params: PolicyIdParam,
        body: PolicyValueCreate,
        response: { 201: PolicyValueCreated, ...errs },
      },
    },
    async (req, reply) => reply.code(201).send(await addPolicyValue(deps, req.ctx, req.params.id, req.body)),
  );

  // ---- evaluation ----
  app.post(
    '/api/eligibility/evaluate',
    {
      config: { access: can('eligibility.read') },
      schema: {
        operationId: 'evaluateEligibility',
        tags,
        summary: '匹配一名儿童（按档案，保存结果并生成建议待遇）或一份临时档案（不保存）',
        body: EvaluateRequest,
        response: { 200: EvaluateResult, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => matchingCommands.evaluate(tx, deps, req.body)),
  );

  app.get(
    '/api/children/:id/eligibility',
    {
      config: { access: can('eligibility.read') },
      schema: {
        operationId: 'getChildEligibility',
        tags,
        summary: '某儿童今天的匹配结果与说明（只计算，不保存）',
        params: ChildIdParam,
        response: { 200: EvaluateResult, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.childEligibility(tx, deps, req.params.id)),
  );

  app.post(
    '/api/eligibility/run',
    {
      config: { access: can('entitlements.write') },
      schema: {
        operationId: 'runEligibilityMatching',
        tags,
        summary: '对辖区内全部在册儿童重新匹配（保存结果，统计变化）',
        body: z.object({ asOf: z.string().date('日期格式应为 YYYY-MM-DD').optional() }).optional(),
        response: { 200: RunResult, ...errs },
      },
    },
    async (req) => matchingCommands.runDistrict(deps, req.ctx, req.body?.asOf ?? todayShanghai(deps)),
  );

  app.post(
    '/api/eligibility/what-if',
    {
      config: { access: can('eligibility.read') },
      schema: {
        operationId: 'estimateEligibilityWhatIf',
        tags,
        summary: '假如标准调整：辖区内哪些儿童将符合或不再符合条件，每月费用变化多少（不保存）',
        body: WhatIfBody,
        response: { 200: WhatIfResult, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => matchingCommands.whatIf(tx, deps, req.body)),
  );

  app.post(
    '/api/children/:id/care-plan-proposal',
    {
      config: { access: can('casework.write') },
      schema: {
        operationId: 'proposeCarePlan',
        tags,
        summary: '量身定制帮扶方案：根据保障匹配、未解决问题、风险等生成方案草稿（不保存，由工作人员修改后保存）',
        params: IdParam,
        response: { 200: CarePlanProposal, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => proposeCarePlan(tx, deps, req.params.id)),
  );

  // ---- work lists ----
  app.get(
    '/api/eligibility/worklist',
    {
      config: { access: can('eligibility.read') },
      schema: {
        operationId: 'listWorklist',
        tags,
        summary: '工作清单：可享未享、待补充信息、可能不再符合（按辖区；可按街道、居民区、政策、年龄、经办人筛选）',
        querystring: WorklistQuery,
        response: { 200: WorklistPage, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.listWorklist(tx, deps, req.query)),
  );

  app.get(
    '/api/eligibility/worklist/children',
    {
      config: { access: can('eligibility.read') },
      schema: {
        operationId: 'listWorklistChildren',
        tags,
        summary: '工作清单按儿童汇总：每页若干名儿童，每人列出在清单上的政策',
        querystring: WorklistQuery,
        response: { 200: WorklistChildPage, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.listWorklistByChild(tx, deps, req.query)),
  );

  app.post(
    '/api/eligibility/worklist/assign',
    {
      config: { access: can('entitlements.write') },
      schema: {
        operationId: 'assignWorklistItems',
        tags,
        summary: '分配给我：选中的清单记录由我经办（记入审计）',
        body: WorklistAssign,
        response: { 200: WorklistAssigned, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => worklistCommands.assignToMe(tx, signedIn(req.ctx), deps, req.body.items)),
  );

  app.post(
    '/api/eligibility/worklist/export',
    {
      config: { access: can('children.export') },
      schema: {
        operationId: 'exportWorklist',
        tags,
        summary: '导出当前工作清单为 Excel（身份证号脱敏；记入审计；通过 /api/exports/:id 下载）',
        body: WorklistExportRequest,
        response: { 200: ExportCreated, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => worklistCommands.exportWorklist(tx, signedIn(req.ctx), deps, req.body.filters)),
  );

  // ---- entitlements ----
  app.get(
    '/api/children/:id/entitlements',
    {
      config: { access: can('eligibility.read') },
      schema: {
        operationId: 'listChildEntitlements',
        tags,
        summary: '某儿童的保障待遇及办理经过',
        params: ChildIdParam,
        response: { 200: EntitlementList, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.entitlementsOfChild(tx, deps, req.params.id)),
  );

  app.get(
    '/api/entitlements/:id',
    {
      config: { access: can('eligibility.read') },
      schema: {
        operationId: 'getEntitlement',
        tags,
        summary: '一项保障待遇及其办理经过（通知打开的记录）',
        params: IdParam,
        response: { 200: Entitlement, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.getEntitlement(tx, deps, req.params.id)),
  );

  app.post(
    '/api/entitlements/:id/transition',
    {
      config: { access: can('entitlements.write') },
      schema: {
        operationId: 'transitionEntitlement',
        tags,
        summary: '办理保障待遇：核实 → 提交 → 批准（起始日期、金额；由主管单位的另一位工作人员，可设双人审批）/ 未获批（原因）→ 终止',
        params: IdParam,
        body: EntitlementTransition,
        response: { 200: Entitlement, ...errs },
      },
    },
    async (req) => entitlementCommands.transition(deps, signedIn(req.ctx), req.params.id, req.body),
  );

  // ---- second reviewer: a unit's setting ----
  app.get(
    '/api/entitlement-review-rules',
    {
      config: { access: can('eligibility.read') },
      schema: { operationId: 'listEntitlementReviewRules', tags, summary: '各单位的待遇审批人数设置（双人审批）', response: { 200: ReviewRuleList, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.reviewRules(tx, deps)),
  );

  app.put(
    '/api/entitlement-review-rules',
    {
      config: { access: can('policies.manage') },
      schema: {
        operationId: 'setEntitlementReviewRule',
        tags,
        summary: '设置本单位审批待遇所需的审批人数（1 或 2；可按政策，* 为本单位全部政策）',
        body: ReviewRuleSet,
        response: { 200: ReviewRuleList, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => entitlementCommands.setReviewRule(tx, signedIn(req.ctx), deps, req.body)),
  );
}
