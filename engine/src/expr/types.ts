/**
 * The types of the policy expression language. Numbers carry a unit, so that the checker refuses
 * adding money to days or comparing an age with an amount:
 *
 * | unit    | meaning                                   | written            |
 * |---------|-------------------------------------------|--------------------|
 * | `fen`   | money, integer fen (1 yuan = 100 fen)     | `1100 yuan`, `50 fen` |
 * | `days`  | a number of days                          | `180 days`         |
 * | `months`| a number of calendar months               | `6 months`         |
 * | `years` | a number of full years (ages)             | `18 years`         |
 * | `ratio` | a proportion                              | `90%`              |
 * | `int`   | a plain count (persons, grades)           | `3`                |
 *
 * A bare number literal adopts the unit of what it meets (`child.age < 18` reads 18 years), except
 * money: a sum of money must say `yuan` or `fen`.
 */

export type Unit = 'int' | 'fen' | 'days' | 'months' | 'years' | 'ratio';

export type Type =
  { k: 'bool' } | { k: 'num'; unit: Unit } | { k: 'date' } | { k: 'enum'; domain: DomainName } | { k: 'set'; domain: DomainName } | { k: 'string' };

export type DomainName = 'hukou' | 'category' | 'memberStatus' | 'schoolStage' | 'disabilityType' | 'policy';

export const T = {
  bool: { k: 'bool' } as Type,
  date: { k: 'date' } as Type,
  string: { k: 'string' } as Type,
  num: (unit: Unit): Type => ({ k: 'num', unit }),
  enum: (domain: DomainName): Type => ({ k: 'enum', domain }),
  set: (domain: DomainName): Type => ({ k: 'set', domain }),
};

export const UNIT_NAMES: Record<Unit, string> = {
  int: 'count',
  fen: 'money (fen)',
  days: 'days',
  months: 'months',
  years: 'years',
  ratio: 'ratio',
};

export function typeName(t: Type): string {
  switch (t.k) {
    case 'num':
      return t.unit === 'fen' ? 'money' : t.unit === 'int' ? 'int' : t.unit;
    case 'enum':
      return `enum ${t.domain}`;
    case 'set':
      return `set of ${t.domain}`;
    default:
      return t.k;
  }
}

export function sameType(a: Type, b: Type): boolean {
  if (a.k !== b.k) return false;
  if (a.k === 'num' && b.k === 'num') return a.unit === b.unit;
  if ((a.k === 'enum' && b.k === 'enum') || (a.k === 'set' && b.k === 'set')) return a.domain === b.domain;
  return true;
}

/** A value domain: the codes an enum may take, with their Chinese labels. */
export interface Domain {
  name: DomainName;
  values: readonly string[];
  labels: Readonly<Record<string, string>>;
}
