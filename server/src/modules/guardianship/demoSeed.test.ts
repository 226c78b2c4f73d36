/**
 * The demo assessments: deterministic for a seed, children and day; every status; the improper
 * grade applied through the chain (risk high naming the assessment, the dated category); readable
 * through the API by the street in full and by the child director in summary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '#common/dates.js';
import { ASSESSMENT_STATUSES } from '#common/guardianshipAssessment.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { seedDemoAssessments } from '../../seed/demoAssessments.js';

let a: TestEnv;
let b: TestEnv;
beforeAll(async () => {
  [a, b] = await Promise.all([testEnv(), testEnv()]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

const snapshot = async (env: TestEnv) =>
  (
    await env.owner.query(`
  select (select json_agg(x order by x) from (select child_id::text || status || coalesce(grade, '-') || coalesce(total_score::text, '-') || commissioned_on::text
                                                     || coalesce(assessed_on::text, '-') as x from guardianship_assessments) q) as assessments,
         (select json_agg(x order by x) from (select id::text || risk_level || coalesce(risk_reason, '-') as x from children) q) as children`)
  ).rows[0];

describe('seedDemoAssessments', () => {
  it('is deterministic and covers every status, with an improper grade applied through the chain', async () => {
    const today = shanghaiDate(a.clock.now);
    const [ra, rb] = await Promise.all([
      seedDemoAssessments(a.owner, { seed: 7, today, fieldCrypto: a.deps.crypto }),
      seedDemoAssessments(b.owner, { seed: 7, today, fieldCrypto: b.deps.crypto }),
    ]);
    expect(ra).toEqual(rb);
    expect(ra.assessments).toBeGreaterThanOrEqual(7);
    const sa = await snapshot(a);
    const sb = await snapshot(b);
    // risk reasons name assessment ids, which differ between databases: compare the rest
    expect(sa.assessments).toEqual(sb.assessments);

    const statuses = (await a.owner.query('select distinct status from guardianship_assessments')).rows.map((r) => r.status);
    expect(statuses.sort()).toEqual([...ASSESSMENT_STATUSES].sort());
    const improper = (await a.owner.query(`select id, child_id from guardianship_assessments where grade_effect = 'improper' and status = 'assessed'`)).rows[0];
    expect(improper).toBeTruthy();
    const child = (await a.owner.query('select risk_level, risk_reason from children where id = $1', [improper.child_id])).rows[0];
    expect(child.risk_level).toBe('high');
    expect(child.risk_reason).toContain(improper.id.slice(0, 8));
    const cat = (
      await a.owner.query(`select source_note from child_categories where child_id = $1 and category = 'guardianship_improper' and until is null`, [
        improper.child_id,
      ])
    ).rows;
    expect(cat).toHaveLength(1);

    const street = await a.login('street-dinghai');
    const overdue = (await street.get('/api/guardianship/assessments?view=overdue')).json();
    expect(overdue.total).toBeGreaterThanOrEqual(1);
    const one = (await street.get(`/api/guardianship/assessments/${improper.id}`)).json();
    expect(one).toMatchObject({ gradeName: '监护失当', depth: 'full' });
    expect(one.narrative).toContain('酗酒');
    const director = await a.login('director-dinghai');
    const dir = await director.get(`/api/children/${improper.child_id}/guardianship/assessments`);
    if (dir.statusCode === 200) expect(dir.json().items[0]).toMatchObject({ depth: 'summary', narrative: null, gradeName: null });
  });
});
