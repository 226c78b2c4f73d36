/**
 * The ladder's suggestion engine (pure): hand examples of each rule, and properties over random
 * ladders — the order the steps come in and cancelled steps do not matter, a suggestion is always
 * the rung after the highest one reached, a running step makes the ladder wait (except a guidance
 * order whose sessions were missed), the top rung suggests nothing further.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '#common/dates.js';
import { INTERVENTION_KINDS, INTERVENTION_KIND_DEFS, INTERVENTION_STATUSES, type InterventionKind } from '#common/interventions.js';
import { MISSED_LIMIT, suggestNext, type LadderFacts, type StepFact } from './suggest.js';

let n = 0;
const step = (kind: InterventionKind, status: StepFact['status'], on: string, extra: Partial<StepFact> = {}): StepFact => ({
  id: `00000000-0000-0000-0000-${String(++n).padStart(12, '0')}`,
  kind,
  status,
  on,
  attended: 0,
  missed: 0,
  ...extra,
});
const facts = (steps: StepFact[], harmOn: string[] = [], assessment: LadderFacts['assessment'] = null): LadderFacts => ({ steps, harmOn, assessment });
const rank = (k: InterventionKind) => INTERVENTION_KIND_DEFS[k].rank;

describe('suggestNext: hand examples', () => {
  it('nothing yet: an assessment graded 监护不当 suggests 劝诫; 监护缺失 or no assessment suggests nothing', () => {
    expect(suggestNext(facts([], [], { effect: 'improper', on: '2026-11-01' }))).toMatchObject({ kind: 'admonition', basis: 'assessment' });
    expect(suggestNext(facts([], [], { effect: 'missing', on: '2026-11-01' }))).toBeNull();
    expect(suggestNext(facts([], ['2026-11-01']))).toBeNull();
  });

  it('a failed 劝诫 suggests 训诫', () => {
    const s = suggestNext(facts([step('admonition', 'failed', '2026-11-02')]));
    expect(s).toEqual({ kind: 'reprimand', alternative: null, basis: 'failed', reason: '劝诫/制止无效，建议由公安机关予以训诫' });
  });

  it('harm found after a 训诫 that was complied with suggests a guidance order', () => {
    const ladder = [step('admonition', 'failed', '2026-10-01'), step('reprimand', 'complied', '2026-10-20')];
    expect(suggestNext(facts(ladder, ['2026-10-10']))).toBeNull(); // harm before the 训诫 does not count
    expect(suggestNext(facts(ladder, ['2026-10-10', '2026-11-03']))).toEqual({
      kind: 'guidance_order',
      alternative: null,
      basis: 'harm_after',
      reason: '训诫后仍发现侵害情形，建议申请家庭教育指导令',
    });
  });

  it('an assessment after the step still grading 监护不当 suggests the next rung', () => {
    const ladder = [step('reprimand', 'complied', '2026-10-20')];
    expect(suggestNext(facts(ladder, [], { effect: 'improper', on: '2026-11-20' }))).toMatchObject({ kind: 'guidance_order', basis: 'assessment_after' });
    expect(suggestNext(facts(ladder, [], { effect: 'improper', on: '2026-10-01' }))).toBeNull();
    expect(suggestNext(facts(ladder, [], { effect: 'normal', on: '2026-11-20' }))).toBeNull();
  });

  it('a running guidance order with sessions missed suggests 撤销监护资格 (or 支持起诉); fewer misses: wait', () => {
    const order = (missed: number) => [
      step('reprimand', 'complied', '2026-09-01'),
      step('guidance_order', 'in_progress', '2026-10-01', { attended: 1, missed }),
    ];
    expect(suggestNext(facts(order(MISSED_LIMIT - 1)))).toBeNull();
    expect(suggestNext(facts(order(MISSED_LIMIT)))).toEqual({
      kind: 'revocation_petition',
      alternative: 'supported_prosecution',
      basis: 'sessions_missed',
      reason: `家庭教育指导令规定的指导课已缺席 ${MISSED_LIMIT} 次，建议申请撤销监护资格或支持起诉`,
    });
  });

  it('a running step makes the ladder wait; the top rung suggests nothing further', () => {
    expect(suggestNext(facts([step('admonition', 'failed', '2026-10-01'), step('reprimand', 'planned', '2026-10-05')], ['2026-11-01']))).toBeNull();
    expect(suggestNext(facts([step('supported_prosecution', 'failed', '2026-10-01')], ['2026-11-01']))).toBeNull();
  });

  it('cancelled steps are as if never taken', () => {
    expect(suggestNext(facts([step('admonition', 'failed', '2026-10-01'), step('reprimand', 'cancelled', '2026-10-05')]))).toMatchObject({
      kind: 'reprimand',
    });
  });
});

const DAY0 = '2026-01-01';
const day = fc.integer({ min: 0, max: 400 }).map((i) => addDays(DAY0, i));
const stepArb: fc.Arbitrary<StepFact> = fc.record({
  id: fc.uuid(),
  kind: fc.constantFrom(...INTERVENTION_KINDS),
  status: fc.constantFrom(...INTERVENTION_STATUSES),
  on: day,
  attended: fc.integer({ min: 0, max: 6 }),
  missed: fc.integer({ min: 0, max: 4 }),
});
const factsArb: fc.Arbitrary<LadderFacts> = fc.record({
  steps: fc.array(stepArb, { maxLength: 6 }),
  harmOn: fc.array(day, { maxLength: 4 }),
  assessment: fc.option(fc.record({ effect: fc.constantFrom('missing' as const, 'improper' as const, 'insufficient' as const, 'normal' as const), on: day }), {
    nil: null,
  }),
});

describe('suggestNext: properties', () => {
  it('does not depend on the order of the steps', () => {
    fc.assert(
      fc.property(factsArb, fc.integer(), (f, seed) => {
        const shuffled = [...f.steps].sort((a, b) => ((a.id.charCodeAt(seed & 7) ^ seed) & 1) - ((b.id.charCodeAt(seed & 7) ^ seed) & 1)).reverse();
        expect(suggestNext({ ...f, steps: shuffled })).toEqual(suggestNext(f));
      }),
    );
  });

  it('ignores cancelled steps', () => {
    fc.assert(
      fc.property(factsArb, fc.array(stepArb, { maxLength: 3 }), (f, extra) => {
        const cancelled = extra.map((s) => ({ ...s, status: 'cancelled' as const }));
        expect(suggestNext({ ...f, steps: [...f.steps, ...cancelled] })).toEqual(suggestNext(f));
      }),
    );
  });

  it('suggests the rung after the highest reached, never beyond the top, always with a Chinese reason', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const s = suggestNext(f);
        if (!s) return;
        expect(s.reason).toMatch(/建议/);
        const live = f.steps.filter((x) => x.status !== 'cancelled');
        if (!live.length) expect(s.kind).toBe('admonition');
        else expect(rank(s.kind)).toBe(Math.max(...live.map((x) => rank(x.kind))) + 1);
        expect(rank(s.kind)).toBeLessThanOrEqual(3);
      }),
    );
  });

  it('waits while a step runs, unless it is a guidance order with sessions missed', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const running = f.steps.filter((x) => x.status === 'planned' || x.status === 'in_progress');
        const missedOrder = running.some((x) => x.kind === 'guidance_order' && x.missed >= MISSED_LIMIT);
        const s = suggestNext(f);
        if (running.length && !missedOrder) expect(s).toBeNull();
        if (s?.basis === 'sessions_missed') expect(s.kind).toBe('revocation_petition');
      }),
    );
  });

  it('suggests nothing once the top rung is reached', () => {
    fc.assert(
      fc.property(factsArb, fc.constantFrom('revocation_petition' as const, 'supported_prosecution' as const), day, (f, top, on) => {
        const s = suggestNext({
          ...f,
          steps: [...f.steps, { id: 'ffffffff-0000-0000-0000-000000000000', kind: top, status: 'complied', on, attended: 0, missed: 0 }],
        });
        expect(s).toBeNull();
      }),
    );
  });
});
