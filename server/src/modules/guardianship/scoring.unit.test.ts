/**
 * 家庭监护能力评估: the pure scoring of an instrument (hand-computed examples and properties) and
 * the validation of an instrument definition; the shipped default instrument is valid.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradeOf, scoreAssessment, validateInstrument, type Instrument } from '#common/guardianshipAssessment.js';
import { DEFAULT_DEFINITION, DEFAULT_GRADES } from './defaultInstrument.js';

const small: Instrument = {
  definition: {
    dimensions: [
      {
        code: 'a',
        name: 'A',
        weight: 1,
        items: [
          {
            code: 'a1',
            text: 'a1',
            options: [
              { label: '好', score: 3 },
              { label: '中', score: 1 },
              { label: '差', score: 0 },
            ],
          },
          {
            code: 'a2',
            text: 'a2',
            options: [
              { label: '好', score: 2 },
              { label: '差', score: 0 },
            ],
          },
        ],
      },
      {
        code: 'b',
        name: 'B',
        weight: 3,
        items: [
          {
            code: 'b1',
            text: 'b1',
            options: [
              { label: '好', score: 4 },
              { label: '中', score: 2 },
              { label: '差', score: 0 },
            ],
          },
        ],
      },
    ],
  },
  grades: [
    { code: 'm', name: '监护缺失', min: 0, effect: 'missing' },
    { code: 'i', name: '监护失当', min: 40, effect: 'improper' },
    { code: 's', name: '监护不足', min: 60, effect: 'insufficient' },
    { code: 'n', name: '监护正常', min: 80, effect: 'normal' },
  ],
};
const defaultInstrument: Instrument = { definition: DEFAULT_DEFINITION, grades: DEFAULT_GRADES };

describe('scoreAssessment', () => {
  it('scores a hand-computed example', () => {
    // A: 1 + 2 = 3 of 5 → 60 %; B: 2 of 4 → 50 %; total (60×1 + 50×3) / 4 = 52.5 → 监护失当
    const r = scoreAssessment(small, { a1: 1, a2: 0, b1: 1 });
    expect(r.complete).toBe(true);
    if (!r.complete) return;
    expect(r.dimensions.map((d) => [d.code, d.score, d.max, d.percent])).toEqual([
      ['a', 3, 5, 60],
      ['b', 2, 4, 50],
    ]);
    expect(r.total).toBe(52.5);
    expect(r.grade.code).toBe('i');
  });

  it('rounds the total to 2 decimals and gives the grade of the rounded total', () => {
    // A: 3/5 = 60 %, B: 4/4 = 100 % with weights 1 and 2 → (60 + 200) / 3 = 86.666… → 86.67
    const ins: Instrument = { ...small, definition: { dimensions: [small.definition.dimensions[0]!, { ...small.definition.dimensions[1]!, weight: 2 }] } };
    const r = scoreAssessment(ins, { a1: 1, a2: 0, b1: 0 });
    expect(r.complete && r.total).toBe(86.67);
    expect(r.complete && r.grade.effect).toBe('normal');
  });

  it('gives the best and the worst answers 100 and 0', () => {
    const best = scoreAssessment(small, { a1: 0, a2: 0, b1: 0 });
    const worst = scoreAssessment(small, { a1: 2, a2: 1, b1: 2 });
    expect(best.complete && best.total).toBe(100);
    expect(best.complete && best.grade.code).toBe('n');
    expect(worst.complete && worst.total).toBe(0);
    expect(worst.complete && worst.grade.code).toBe('m');
  });

  it('never guesses: a missing or impossible answer leaves the result incomplete, without a grade', () => {
    const r = scoreAssessment(small, { a1: 0, b1: 7 });
    expect(r.complete).toBe(false);
    if (r.complete) return;
    expect(r.missing).toEqual(['a2']);
    expect(r.invalid).toEqual(['b1']);
    expect('grade' in r).toBe(false);
  });

  it('scores the default instrument: all worst answers → 监护缺失, all best → 监护正常', () => {
    const items = DEFAULT_DEFINITION.dimensions.flatMap((d) => d.items);
    const best = scoreAssessment(defaultInstrument, Object.fromEntries(items.map((i) => [i.code, 0])));
    const worst = scoreAssessment(defaultInstrument, Object.fromEntries(items.map((i) => [i.code, i.options.length - 1])));
    expect(best.complete && best.grade.name).toBe('监护正常');
    expect(worst.complete && worst.grade.name).toBe('监护缺失');
  });
});

// ---- properties ----

const option = fc.record({ label: fc.constant('x'), score: fc.integer({ min: 0, max: 10 }) });
const instrumentArb = fc
  .array(
    fc.record({
      weight: fc.integer({ min: 1, max: 50 }),
      items: fc.array(fc.array(option, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .chain((dims) =>
    fc.record({
      ins: fc.constant<Instrument>({
        definition: {
          dimensions: dims.map((d, di) => ({
            code: `d${di}`,
            name: `D${di}`,
            weight: d.weight,
            // at least one option above 0 per item, as validation requires
            items: d.items.map((opts, ii) => ({ code: `d${di}i${ii}`, text: 't', options: [...opts, { label: 'best', score: 11 }] })),
          })),
        },
        grades: [
          { code: 'm', name: '缺失', min: 0, effect: 'missing' },
          { code: 'i', name: '失当', min: 40, effect: 'improper' },
          { code: 's', name: '不足', min: 60, effect: 'insufficient' },
          { code: 'n', name: '正常', min: 80, effect: 'normal' },
        ],
      }),
      seed: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
    }),
  );
const answersOf = (ins: Instrument, seed: number[]) => {
  const out: Record<string, number> = {};
  let k = 0;
  for (const d of ins.definition.dimensions) for (const it of d.items) out[it.code] = seed[k++ % seed.length]! % it.options.length;
  return out;
};

describe('scoreAssessment properties', () => {
  it('keeps the total within 0–100 with the grade its thresholds give', () => {
    fc.assert(
      fc.property(instrumentArb, ({ ins, seed }) => {
        const r = scoreAssessment(ins, answersOf(ins, seed));
        expect(r.complete).toBe(true);
        if (!r.complete) return;
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(r.total).toBeLessThanOrEqual(100);
        expect(Math.abs(Math.round(r.total * 100) - r.total * 100)).toBeLessThan(1e-6);
        // grade thresholds respected: its minimum is reached, the next grade's is not
        expect(r.grade.min).toBeLessThanOrEqual(r.total);
        for (const g of ins.grades) if (g.min > r.grade.min) expect(g.min).toBeGreaterThan(r.total);
        expect(gradeOf(ins.grades, r.total)).toEqual(r.grade);
      }),
    );
  });

  it('is monotone: a better answer to one item never lowers the total', () => {
    fc.assert(
      fc.property(instrumentArb, fc.nat(), fc.nat(), ({ ins, seed }, pick, to) => {
        const answers = answersOf(ins, seed);
        const items = ins.definition.dimensions.flatMap((d) => d.items);
        const item = items[pick % items.length]!;
        const better = { ...answers, [item.code]: to % item.options.length };
        if (item.options[better[item.code]!]!.score < item.options[answers[item.code]!]!.score) return;
        const a = scoreAssessment(ins, answers);
        const b = scoreAssessment(ins, better);
        if (!a.complete || !b.complete) throw new Error('incomplete');
        expect(b.total).toBeGreaterThanOrEqual(a.total);
        expect(b.grade.min).toBeGreaterThanOrEqual(a.grade.min);
      }),
    );
  });

  it('is incomplete whenever an item is left out', () => {
    fc.assert(
      fc.property(instrumentArb, fc.nat(), ({ ins, seed }, pick) => {
        const answers = answersOf(ins, seed);
        const codes = Object.keys(answers);
        const drop = codes[pick % codes.length]!;
        delete answers[drop];
        const r = scoreAssessment(ins, answers);
        expect(r.complete).toBe(false);
        expect(!r.complete && r.missing).toEqual([drop]);
      }),
    );
  });
});

describe('validateInstrument', () => {
  it('accepts the default instrument (three dimensions of DB31/T 1305-2021, four grades)', () => {
    expect(validateInstrument(defaultInstrument)).toEqual([]);
    expect(DEFAULT_DEFINITION.dimensions.map((d) => d.name)).toEqual(['未成年人及家庭基本情况', '家庭监护质量', '家庭监护能力']);
    expect(DEFAULT_GRADES.map((g) => g.name)).toEqual(['监护缺失', '监护失当', '监护不足', '监护正常']);
    for (const d of DEFAULT_DEFINITION.dimensions) {
      expect(d.items.length).toBeGreaterThanOrEqual(5);
      for (const it of d.items) expect(it.options.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('refuses duplicate codes, unordered thresholds, no grade at 0, items with no positive score — in Chinese', () => {
    const bad: Instrument = {
      definition: {
        dimensions: [
          {
            ...small.definition.dimensions[0]!,
            items: [
              small.definition.dimensions[0]!.items[0]!,
              {
                ...small.definition.dimensions[0]!.items[0]!,
                options: [
                  { label: 'x', score: 0 },
                  { label: 'y', score: 0 },
                ],
              },
            ],
          },
          { ...small.definition.dimensions[1]!, code: 'a' },
        ],
      },
      grades: [
        { code: 'x', name: '甲', min: 10, effect: 'missing' },
        { code: 'x', name: '乙', min: 50, effect: 'improper' },
        { code: 'y', name: '丙', min: 30, effect: 'normal' },
      ],
    };
    const messages = validateInstrument(bad).map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        '维度编码"a"重复',
        '题目编码"a1"重复',
        '题目"a1"至少一个选项的分值须大于 0',
        '等级编码"x"重复',
        '等级下限须严格递增（或严格递减）排列，不能相同',
        '须有一个等级的下限为 0（最低分也有等级）',
      ]),
    );
  });
});
