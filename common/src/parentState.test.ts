/**
 * Data entry refuses a parent's status that contradicts the recorded disability, using the same
 * 重残 definition as the policies (engine/policies/definitions.yaml): property test over every
 * grade and type.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../engine/src/expr/eval.js';
import { loadPack } from '../../engine/src/load.js';
import { checkExpression } from '../../engine/src/expr/check.js';
import { parse } from '../../engine/src/expr/parse.js';
import { dayFromIso } from '../../engine/src/dates.js';
import { factsOf, INPUT_BY_PATH } from '../../engine/src/profile.js';
import { DISABILITY_TYPES } from './children.js';
import { parentStateProblem, severelyDisabledByFacts } from './parentState.js';

const pack = loadPack();
const terms = new Map(pack.terms.map((t) => [t.name, t]));

describe('a parent status against the recorded disability', () => {
  it("agrees with the engine's 重残 definition for every grade and type, and refuses only contradictions", () => {
    // the shared definition, evaluated for the father
    const expr = checkExpression('any parents (term.severelyDisabled)', {
      domains: pack.domains,
      params: new Map(),
      terms: new Map([...terms].map(([n, t]) => [n, { ...t, node: parseTerm(t.src) }])),
    });
    fc.assert(
      fc.property(fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }), fc.option(fc.constantFrom(...DISABILITY_TYPES), { nil: null }), (grade, type) => {
        const facts = factsOf({
          parents: [
            { relation: 'father', status: 'severely_disabled', disabilityGrade: grade, disabilityType: type },
            { relation: 'mother', status: 'alive_fit' },
          ],
        });
        const engine = evaluate(expr, {
          values: facts.values,
          asOf: dayFromIso('2025-03-01')!,
          params: new Map(),
          slot: -1,
          birthIndex: INPUT_BY_PATH.get('child.birthDate')!.index,
        });
        expect(severelyDisabledByFacts(grade, type)).toBe(engine);
        const refusedSevere = parentStateProblem({ status: 'severely_disabled', disabilityGrade: grade, disabilityType: type });
        expect(refusedSevere !== null).toBe(engine === false);
        const refusedFit = parentStateProblem({ status: 'alive_fit', disabilityGrade: grade, disabilityType: type });
        expect(refusedFit !== null).toBe(engine === true);
        if (refusedSevere) expect(refusedSevere).toMatch(/民发〔2019〕62号/);
        // other statuses are not checked against the disability
        expect(parentStateProblem({ status: 'imprisoned', disabilityGrade: grade, disabilityType: type })).toBeNull();
      }),
      { numRuns: 200 },
    );
  });
});

function parseTerm(src: string) {
  return parse(src);
}
