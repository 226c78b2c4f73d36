/**
 * What-if: the pack evaluated twice over the same children for one date — as it stands, and with
 * changed parameter values from a date ("if the standard rises to 3,400 yuan from next July") —
 * giving per policy who becomes eligible, who no longer is, and the change in the monthly cost.
 */
import type { ProfileTable } from './columns.js';
import { compileBatch, type Backend } from './compile/batch.js';
import { ELIGIBLE, UNDETERMINED } from './compile/codes.js';
import { isoFromDay } from './dates.js';
import { fmtParam, yuan } from './format.js';
import type { Override, Pack } from './policy.js';

export interface PolicyWhatIf {
  policy: string;
  name: string;
  before: { eligible: number; notEligible: number; undetermined: number; monthlyFen: number; amountUnknown: number };
  after: { eligible: number; notEligible: number; undetermined: number; monthlyFen: number; amountUnknown: number };
  /** Rows that are eligible with the change and were not before. */
  newlyEligible: Int32Array;
  /** Rows that were eligible and are not with the change. */
  noLongerEligible: Int32Array;
  /** Change of the monthly cost in fen, over children whose amount is known both before and after. */
  monthlyDeltaFen: number;
  text: string;
}

export interface WhatIfResult {
  asOf: string;
  overrides: readonly Override[];
  policies: PolicyWhatIf[];
}

export function whatIf(pack: Pack, table: ProfileTable, asOf: number, overrides: readonly Override[], opts: { backend?: Backend } = {}): WhatIfResult {
  const base = compileBatch(pack, asOf, { backend: opts.backend }).run(table, { amounts: true });
  const scen = compileBatch(pack, asOf, { backend: opts.backend, overrides }).run(table, { amounts: true });
  const touched = new Set(overrides.map((o) => o.policy));
  const policies: PolicyWhatIf[] = [];
  base.policies.forEach((id, j) => {
    if (!touched.has(id)) return;
    const b = base.codes[j]!,
      a = scen.codes[j]!,
      ba = base.amounts![j]!,
      aa = scen.amounts![j]!;
    const tally = (codes: Uint8Array, amounts: Float64Array) => {
      const t = { eligible: 0, notEligible: 0, undetermined: 0, monthlyFen: 0, amountUnknown: 0 };
      for (let i = 0; i < table.n; i++) {
        const c = codes[i]!;
        if (c === ELIGIBLE) {
          t.eligible++;
          const x = amounts[i]!;
          if (x === x) t.monthlyFen += x;
          else t.amountUnknown++;
        } else if (c === UNDETERMINED) t.undetermined++;
        else t.notEligible++;
      }
      return t;
    };
    const newly: number[] = [],
      lost: number[] = [];
    let delta = 0;
    for (let i = 0; i < table.n; i++) {
      const was = b[i] === ELIGIBLE,
        is = a[i] === ELIGIBLE;
      if (is && !was) newly.push(i);
      if (was && !is) lost.push(i);
      const x = was ? ba[i]! : 0,
        y = is ? aa[i]! : 0;
      if (x === x && y === y) delta += y - x;
    }
    const before = tally(b, ba),
      after = tally(a, aa);
    const name = pack.byId.get(id)!.name.zh;
    const change = overrides
      .filter((o) => o.policy === id)
      .map((o) => {
        const def = pack.byId.get(id)!.parameters.get(o.param);
        // The value in its unit (3,400 元/月), not in raw fen.
        const shown = def ? fmtParam({ value: o.value } as Parameters<typeof fmtParam>[0], def.unit) : String(o.value);
        return `${def?.label ?? o.param} 自 ${isoFromDay(o.from)} 起为 ${shown}`;
      })
      .join('；');
    const unknownNote = after.amountUnknown ? `；另有 ${after.amountUnknown} 人金额无法计算（标准待维护或缺少数据）` : '';
    policies.push({
      policy: id,
      name,
      before,
      after,
      newlyEligible: Int32Array.from(newly),
      noLongerEligible: Int32Array.from(lost),
      monthlyDeltaFen: delta,
      text: `「${name}」假设${change}：新增符合 ${newly.length} 人，不再符合 ${lost.length} 人；每月支出 ${yuan(before.monthlyFen)} → ${yuan(after.monthlyFen)}（变化 ${delta >= 0 ? '+' : ''}${yuan(delta)}${unknownNote}）`,
    });
  });
  return { asOf: isoFromDay(asOf), overrides, policies };
}
