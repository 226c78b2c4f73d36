import { describe, expect, it } from 'vitest';
import { isCreditCode } from '#common/organisations.js';
import { DEMO_ORGANISATIONS } from './demoWorkforce.js';

describe('the demo organisations', () => {
  it('carry valid credit codes (GB 32100-2015: the edit form refuses an invalid one)', () => {
    for (const o of DEMO_ORGANISATIONS) expect(isCreditCode(o.creditCode), o.name).toBe(true);
  });
});
