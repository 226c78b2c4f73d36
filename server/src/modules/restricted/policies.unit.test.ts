/** Each row of a restricted-persons file: kept with a masked name, or refused with a Chinese reason. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeIdNumber } from '#common/idNumber.js';
import { decideRows } from './policies.js';

const today = '2026-12-01';
const validId = fc
  .record({
    y: fc.integer({ min: 1950, max: 2000 }),
    d: fc.integer({ min: 1, max: 28 }),
    seq: fc.integer({ min: 0, max: 999 }),
    sex: fc.constantFrom('M' as const, 'F' as const),
  })
  .map((r) => makeIdNumber('310110', `${r.y}-03-${String(r.d).padStart(2, '0')}`, r.seq, r.sex));

describe('decideRows', () => {
  it('keeps valid rows once, never returns a name unmasked, and gives every refusal a Chinese message', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: fc.constantFrom('王小红', '李四', null, '=cmd|x'), id: fc.oneof(validId, fc.string()) }), { maxLength: 12 }),
        (rows) => {
          const out = decideRows(
            rows.map((r, i) => ({ row: i + 2, name: r.name, idNumber: r.id, idWasNumber: false, restriction: '虐待' })),
            today,
          );
          const kept = out.flatMap((d) => (d.outcome === 'loaded' ? [d.idNumber] : []));
          expect(new Set(kept).size).toBe(kept.length);
          for (const d of out) {
            expect(d.nameMasked === null || d.nameMasked.includes('*')).toBe(true);
            if (d.outcome !== 'loaded') expect(d.message).toMatch(/[\u4e00-\u9fa5]/);
          }
        },
      ),
    );
  });
  it('refuses numbers Excel stored as numbers and formula text', () => {
    const id = makeIdNumber('310110', '1980-01-01', 12, 'M');
    const [a, b, c] = decideRows(
      [
        { row: 2, name: '张三', idNumber: null, idWasNumber: true, restriction: null },
        { row: 3, name: '张三', idNumber: id, idWasNumber: false, restriction: '=HYPERLINK("x")' },
        { row: 4, name: '张三', idNumber: ` ${id.toLowerCase()} `, idWasNumber: false, restriction: null },
      ],
      today,
    );
    expect(a).toMatchObject({ outcome: 'invalid' });
    expect(b).toMatchObject({ outcome: 'invalid' });
    expect(c).toMatchObject({ outcome: 'loaded', idNumber: id, nameMasked: '张*' });
  });
});
