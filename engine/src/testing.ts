/**
 * Random profiles for the parity property tests (batch vs single vs SQL): every field may be
 * missing, values hit the boundaries that matter (incomes exactly at a standard, ages around 6 and
 * 18, statuses around six months), and parent slots may be absent. Test-only (imports fast-check).
 */
import fc from 'fast-check';
import { daysFromCivil } from './dates.js';
import { INPUTS, STATIC_DOMAINS, type Facts, type FactValue, type InputField } from './profile.js';

export const AS_OF_DATES = [
  '2017-06-01',
  '2018-09-01',
  '2019-03-01',
  '2020-06-01',
  '2021-09-01',
  '2023-09-01',
  '2024-02-29',
  '2025-03-01',
  '2025-09-01',
  '2025-12-25',
  '2026-03-01',
  '2027-03-01',
  '2031-01-01',
];

const day = (y: number, m: number, d: number) => daysFromCivil(y, m, d);
const dateRange = (from: number, to: number) => fc.integer({ min: from, max: to });

function valueArb(f: InputField, policyIds: readonly string[]): fc.Arbitrary<FactValue> {
  switch (f.path) {
    case 'child.birthDate':
      return fc.oneof(
        dateRange(day(2000, 1, 1), day(2026, 12, 31)),
        // birthdays near the 6th and 18th birthday on the as-of dates
        fc.tuple(fc.constantFrom(...AS_OF_DATES), fc.constantFrom(6, 7, 18), fc.integer({ min: -2, max: 2 })).map(([d, years, off]) => {
          const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
          const mm = m,
            ddd = Math.min(dd, 28);
          return day(y - years, mm, ddd) + off;
        }),
        fc.constant(day(2008, 2, 29)),
      );
    case 'household.monthlyIncome':
      return fc.oneof(
        fc.integer({ min: 0, max: 1_200_000 }),
        fc.constantFrom(0, 116000, 124000, 133000, 142000, 159500, 165000, 266000, 399000, 495000),
        fc.constant(0),
      );
    case 'household.assets':
      return fc.integer({ min: 0, max: 50_000_000 });
    case 'household.size':
      return fc.integer({ min: 1, max: 6 });
  }
  if (f.slot && (f.name === 'statusSince' || f.name === 'statusUntil')) return dateRange(day(2015, 1, 1), day(2032, 12, 31));
  if (f.slot && f.name === 'status') return fc.oneof(fc.constantFrom('deceased', 'missing'), fc.constantFrom(...STATIC_DOMAINS.memberStatus.values));
  switch (f.kind) {
    case 'bool':
      return fc.boolean();
    case 'int':
      return fc.integer({ min: f.range?.[0] ?? 0, max: f.range?.[1] ?? 10 });
    case 'date':
      return dateRange(day(2000, 1, 1), day(2032, 12, 31));
    case 'money':
      return fc.integer({ min: 0, max: 1_000_000 });
    case 'enum': {
      const d = f.type.k === 'enum' && f.type.domain !== 'policy' ? STATIC_DOMAINS[f.type.domain] : null;
      return fc.constantFrom(...(d?.values ?? ['?']));
    }
    case 'set': {
      const values =
        f.type.k === 'set' && f.type.domain === 'policy'
          ? policyIds
          : STATIC_DOMAINS[(f.type as { domain: Exclude<keyof typeof STATIC_DOMAINS, never> }).domain].values;
      return fc.subarray([...values], { maxLength: 4 }).map((xs) => xs.slice().sort());
    }
  }
}

/** Random facts: each field missing with probability ~1/4; a parent slot missing entirely ~1/8. */
export function factsArb(policyIds: readonly string[]): fc.Arbitrary<Facts> {
  const fields = INPUTS.map((f) => fc.option(valueArb(f, policyIds), { nil: null, freq: 3 }));
  return fc.tuple(fc.tuple(...fields), fc.constantFrom(0, 0, 0, 0, 0, 0, 1, 2)).map(([values, dropSlot]) => {
    const out = values.slice();
    if (dropSlot) {
      const slot = dropSlot === 1 ? 'father' : 'mother';
      for (const f of INPUTS) if (f.slot === slot) out[f.index] = null;
    }
    return { values: out };
  });
}

export const asOfArb = fc.constantFrom(...AS_OF_DATES);
