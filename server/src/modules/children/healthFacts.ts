/**
 * HIV infection (感染艾滋病病毒): a restricted health fact of the child file, protected like the
 * mental-health note — only users with `children.health` read or write it, it is stored encrypted
 * (AES-256-GCM bound to its column), and the history shows only that it changed.
 *
 * Three-valued: true 是, false 否, null 未知. The plaintext is '1' or '0' (one byte either way, so
 * the ciphertext's length does not tell them apart); null stays null.
 */
import type { AppDeps } from '../../core/deps.js';
import type { Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';

export const HIV_COLUMN = 'children.hiv_infected';
export const HEALTH_PERMISSION = 'children.health';

export const mayHandleHealth = (tx: Tx): boolean => !!tx.ctx.actor?.permissions.has(HEALTH_PERMISSION);

export function sealHiv(deps: Pick<AppDeps, 'crypto'>, v: boolean | null | undefined): string | null {
  if (v === undefined || v === null) return null;
  return deps.crypto.encrypt(v ? '1' : '0', HIV_COLUMN);
}

export function openHiv(deps: Pick<AppDeps, 'crypto'>, sealed: string | null | undefined): boolean | null {
  if (!sealed) return null;
  const plain = deps.crypto.decrypt(sealed, HIV_COLUMN);
  if (plain !== '1' && plain !== '0') throw new Error('unexpected value in children.hiv_infected_enc');
  return plain === '1';
}

/** Refuses a caller without `children.health` who tries to record HIV status (even "unknown" over a value). */
export function checkHivWrite(tx: Tx, verb: '填写' | '修改' = '填写'): void {
  if (!mayHandleHealth(tx)) throw errors.forbidden(`感染艾滋病病毒情况属于受限健康信息，仅限有相应权限的人员${verb}`);
}
