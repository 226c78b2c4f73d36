/**
 * The columnar profile table: one typed array per input field, so that the batch evaluator reads
 * a million children without creating an object per child.
 *
 * | kind  | array        | unknown                 | value                                  |
 * |-------|--------------|-------------------------|----------------------------------------|
 * | date  | Int32Array   | -2147483648             | day number (days since 1970-01-01)     |
 * | int   | Int32Array   | -2147483648             | the integer                            |
 * | money | Float64Array | NaN                     | fen (integers, exact up to 2^53)       |
 * | bool  | Uint8Array   | 0                       | 1 = no, 2 = yes                        |
 * | enum  | Uint8Array   | 0                       | 1 + index of the value in its domain   |
 * | set   | Int32Array   | -1                      | bit i set = value i of the domain      |
 *
 * Parents are two fixed slots: columns `father.status`, `mother.status`, … A freshly allocated
 * table is all unknown.
 */
import type { Domains, Facts, FactValue, InputField } from './profile.js';
import { INPUTS } from './profile.js';

export const MISSING_INT = -2147483648;
export const BOOL_UNKNOWN = 0,
  BOOL_NO = 1,
  BOOL_YES = 2;
export const SET_UNKNOWN = -1;

export type Column = Int32Array | Float64Array | Uint8Array;

export interface Codec {
  domains: Domains;
  /** Code of an enum value (1-based); 0 = unknown. */
  enumCode(domain: keyof Domains, value: string): number;
  /** Bit of a set member. */
  setBit(domain: keyof Domains, value: string): number;
}

export function codecFor(domains: Domains): Codec {
  const index = new Map<string, Map<string, number>>();
  for (const [name, d] of Object.entries(domains)) {
    if (d.values.length > 31) throw new Error(`domain ${name} has ${d.values.length} values; sets and enum masks hold at most 31`);
    index.set(name, new Map(d.values.map((v, i) => [v, i])));
  }
  const idx = (domain: string, value: string) => {
    const i = index.get(domain)?.get(value);
    if (i === undefined) throw new Error(`'${value}' is not a value of ${domain}`);
    return i;
  };
  return { domains, enumCode: (d, v) => idx(d, v) + 1, setBit: (d, v) => 1 << idx(d, v) };
}

export function allocColumn(f: InputField, n: number): Column {
  switch (f.kind) {
    case 'date':
    case 'int':
      return new Int32Array(n).fill(MISSING_INT);
    case 'money':
      return new Float64Array(n).fill(NaN);
    case 'bool':
    case 'enum':
      return new Uint8Array(n);
    case 'set':
      return new Int32Array(n).fill(SET_UNKNOWN);
  }
}

export class ProfileTable {
  readonly cols: Record<string, Column> = {};
  constructor(
    readonly n: number,
    readonly codec: Codec,
  ) {
    for (const f of INPUTS) this.cols[f.path] = allocColumn(f, n);
  }

  col<C extends Column>(path: string): C {
    const c = this.cols[path];
    if (!c) throw new Error(`no column ${path}`);
    return c as C;
  }

  /** Writes one child's facts into row i. */
  set(i: number, facts: Facts): void {
    for (const f of INPUTS) {
      const v = facts.values[f.index] ?? null;
      (this.cols[f.path] as Column)[i] = encode(f, v, this.codec);
    }
  }

  /** Reads row i back as facts (for the single evaluator, and to check the encoding). */
  get(i: number): Facts {
    const values: FactValue[] = INPUTS.map((f) => decode(f, (this.cols[f.path] as Column)[i]!, this.codec));
    return { values };
  }

  static fromFacts(rows: readonly Facts[], codec: Codec): ProfileTable {
    const t = new ProfileTable(rows.length, codec);
    rows.forEach((r, i) => t.set(i, r));
    return t;
  }
}

export function encode(f: InputField, v: FactValue, codec: Codec): number {
  if (v === null) {
    switch (f.kind) {
      case 'date':
      case 'int':
        return MISSING_INT;
      case 'money':
        return NaN;
      case 'bool':
      case 'enum':
        return 0;
      case 'set':
        return SET_UNKNOWN;
    }
  }
  switch (f.kind) {
    case 'date':
    case 'int':
    case 'money':
      return v as number;
    case 'bool':
      return v ? BOOL_YES : BOOL_NO;
    case 'enum':
      return codec.enumCode((f.type as { domain: keyof Domains }).domain, v as string);
    case 'set': {
      let m = 0;
      for (const x of v as readonly string[]) m |= codec.setBit((f.type as { domain: keyof Domains }).domain, x);
      return m;
    }
  }
}

export function decode(f: InputField, x: number, codec: Codec): FactValue {
  switch (f.kind) {
    case 'date':
    case 'int':
      return x === MISSING_INT ? null : x;
    case 'money':
      return Number.isNaN(x) ? null : x;
    case 'bool':
      return x === BOOL_UNKNOWN ? null : x === BOOL_YES;
    case 'enum':
      return x === 0 ? null : codec.domains[(f.type as { domain: keyof Domains }).domain].values[x - 1]!;
    case 'set': {
      if (x === SET_UNKNOWN) return null;
      const d = codec.domains[(f.type as { domain: keyof Domains }).domain];
      return d.values
        .filter((_, i) => (x & (1 << i)) !== 0)
        .slice()
        .sort();
    }
  }
}
