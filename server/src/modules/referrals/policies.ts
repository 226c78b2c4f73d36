/**
 * Who may take which step of a referral. The receiving unit's staff with `referrals.handle` take
 * the receiver's steps (签收, 受理, 退回, 办理, 办结); the sending unit's staff (or the person who
 * sent it) close or withdraw it. The refusals and the interface's `can` list come from one function.
 */
import { REFERRAL_OPEN, REFERRAL_STATUS_ZH, REFERRAL_STEP_CODES, REFERRAL_STEPS, type ReferralStatus, type ReferralStep } from '#common/referrals.js';
import type { Actor } from '../../core/context.js';
import { errors, type AppError } from '../../core/errors.js';

export type Decision = { ok: true } | { ok: false; error: AppError };
const OK: Decision = { ok: true };
const refuse = (error: AppError): Decision => ({ ok: false, error });

export function enforce(d: Decision): void {
  if (!d.ok) throw d.error;
}

export interface ReferralFacts {
  status: ReferralStatus;
  from_unit: string;
  from_user: string | null;
  to_unit: string;
}

export const isReceiver = (actor: Actor, r: ReferralFacts) => actor.unitCode === r.to_unit && actor.permissions.has('referrals.handle');
export const isSender = (actor: Actor, r: ReferralFacts) =>
  (actor.unitCode === r.from_unit || actor.userId === r.from_user) && actor.permissions.has('referrals.send');

/** Whether `actor` may take `step` on `r` now: the right side, and the step allowed from its status. */
export function mayTake(actor: Actor, r: ReferralFacts, step: ReferralStep): Decision {
  const def = REFERRAL_STEPS[step];
  const side = def.by === 'receiver' ? isReceiver(actor, r) : isSender(actor, r);
  if (!side) {
    return refuse(errors.forbidden(def.by === 'receiver' ? `只有接收单位的办理人员可以${def.zh}该转介` : `只有发起转介的单位或本人可以${def.zh}该转介`));
  }
  if (!def.from.includes(r.status)) {
    return refuse(
      errors.conflict(`该转介当前为「${REFERRAL_STATUS_ZH[r.status]}」，不能${def.zh}`, [
        {
          path: 'step',
          message: `可以进行的操作：${
            allowedSteps(actor, r)
              .map((s) => REFERRAL_STEPS[s].zh)
              .join('、') || '无'
          }`,
        },
      ]),
    );
  }
  return OK;
}

export function allowedSteps(actor: Actor, r: ReferralFacts): ReferralStep[] {
  return REFERRAL_STEP_CODES.filter((s) => {
    const def = REFERRAL_STEPS[s];
    return def.from.includes(r.status) && (def.by === 'receiver' ? isReceiver(actor, r) : isSender(actor, r));
  });
}

export const isOpen = (status: ReferralStatus) => REFERRAL_OPEN.includes(status);

/** A unit takes a kind when its directory entry lists it (active), for the child's age and street. */
export function takesKind(
  entry: { kinds: string[]; min_age: number | null; max_age: number | null; streets: string[]; active: boolean } | null,
  kind: string,
  age: number,
  street: string,
  unitName: string,
  kindName: string,
): Decision {
  if (!entry || !entry.active || !entry.kinds.includes(kind)) {
    return refuse(errors.validation([{ path: 'toUnit', message: `${unitName}不接收「${kindName}」类转介，请在服务目录中选择接收该类转介的单位` }]));
  }
  if ((entry.min_age !== null && age < entry.min_age) || (entry.max_age !== null && age > entry.max_age)) {
    const range = `${entry.min_age ?? 0}-${entry.max_age ?? 25} 周岁`;
    return refuse(errors.validation([{ path: 'toUnit', message: `${unitName}只接收 ${range} 的儿童，该儿童 ${age} 周岁` }]));
  }
  if (entry.streets.length && !entry.streets.includes(street)) {
    return refuse(errors.validation([{ path: 'toUnit', message: `${unitName}的服务范围不包括该儿童所在街道` }]));
  }
  return OK;
}
