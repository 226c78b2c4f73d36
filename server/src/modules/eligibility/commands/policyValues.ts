/** 维护政策标准: a dated value with its source added to a policy's parameter (stored results become stale). */
import type { z } from 'zod';
import type { PolicyValueCreate as PolicyValueCreateSchema } from '#common/eligibility.js';
import { withMaintainedValues } from '../../../../../engine/src/index.js';
import type { AppDeps } from '../../../core/deps.js';
import { inScope, type RequestCtx, type Tx } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import { BASE_PACK, dayOf, invalidatePack, maintainedValues, packFor } from '../pack.js';
import { detailOf } from '../presenters.js';
import * as entitlementsRepo from '../repo/entitlements.js';

/** The body after validation (defaults applied). */
type PolicyValueCreate = z.output<typeof PolicyValueCreateSchema>;

async function addPolicyValueIn(tx: Tx, deps: AppDeps, policyId: string, b: PolicyValueCreate) {
  const p = BASE_PACK.byId.get(policyId);
  if (!p) throw errors.notFound('未找到该政策');
  const def = p.parameters.get(b.param);
  if (!def) throw errors.validation([{ path: 'param', message: `本政策没有参数 ${b.param}` }]);
  const from = dayOf(b.from);
  const to = b.to ? dayOf(b.to) : null;
  if (to !== null && to < from) throw errors.validation([{ path: 'to', message: '截止日期不能早于起始日期' }]);
  if (def.unit.startsWith('fen') && !Number.isInteger(b.value)) throw errors.validation([{ path: 'value', message: '金额以分为单位，应为整数' }]);
  const existing = await maintainedValues(tx);
  try {
    withMaintainedValues(BASE_PACK, [...existing, { policy: p.id, param: b.param, from, to, value: b.value, source: b.source, verified: b.verified }]);
  } catch (err) {
    const overlap = err instanceof Error && /overlap/.test(err.message);
    throw errors.validation([{ path: 'from', message: overlap ? '与已维护的同一参数数值时段重叠，请调整起止日期' : '数值无效' }]);
  }
  await entitlementsRepo.insertPolicyValue(tx, {
    policy: p.id,
    param: b.param,
    from: b.from,
    to: b.to ?? null,
    value: b.value,
    source: b.source,
    verified: b.verified,
    note: b.note ?? null,
    createdBy: tx.ctx.actor?.userId ?? null,
  });
  await tx.audit({
    action: 'policy.value',
    entity: 'policy',
    entityId: null,
    summary: { policy: p.id, param: b.param, from: b.from, to: b.to ?? null, value: b.value, source: b.source, verified: b.verified },
  });
  invalidatePack(deps);
  const { pack, maintained } = await packFor(deps, tx);
  const merged = pack.byId.get(p.id);
  if (!merged) throw new Error(`policy ${p.id} missing from the merged pack`);
  return {
    policy: detailOf(merged, maintained),
    stale: true,
    message: '已保存。已存储的匹配结果仍按原标准计算，已经过期：请对相关儿童重新匹配，或运行全量匹配。',
  };
}

/** In its own transaction: the merged pack is dropped again when the transaction fails (it may hold the uncommitted value). */
export async function addPolicyValue(deps: AppDeps, ctx: RequestCtx, policyId: string, b: PolicyValueCreate) {
  return inScope(deps.db, ctx, (tx) => addPolicyValueIn(tx, deps, policyId, b)).catch((err: unknown) => {
    invalidatePack(deps);
    throw err;
  });
}
