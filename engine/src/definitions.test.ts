/**
 * The rules of the domain that cut across policies: one definition per legal term (a check over
 * the policy files, and random profiles never decided two ways about the same parent), 失联 under
 * the national and the Shanghai texts, what 孤儿 means, the 户籍地 rule, and the defined terms'
 * errors at load time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePolicy, type PolicyResult } from './compile/single.js';
import { dayFromIso } from './dates.js';
import { loadPack, loadPackFromSources, PolicyLoadError } from './load.js';
import type { Criterion } from './policy.js';
import { factsOf, INPUT_BY_PATH, STATIC_DOMAINS } from './profile.js';
import { AS_OF_DATES, factsArb } from './testing.js';

const pack = loadPack();
const d = (s: string) => dayFromIso(s)!;
const run = (id: string, profile: unknown, date = '2025-03-01'): PolicyResult =>
  evaluatePolicy(pack, pack.byId.get(id)!, factsOf(profile, pack.policyIds), d(date));
const crit = (r: PolicyResult, id: string) => r.criteria.find((c) => c.id === id)!;
const SHANGHAI_ALLOWANCES = pack.policies.filter((p) => p.id.startsWith('basic-living-allowance-')).map((p) => p.id);

describe('one definition per legal term', () => {
  it('every policy reads a parent only through the shared definitions', () => {
    const statusCodes = STATIC_DOMAINS.memberStatus.values;
    const walk = (c: Criterion, out: { id: string; src: string }[]) => {
      if (c.kind === 'leaf') out.push({ id: c.id, src: c.src });
      else c.children.forEach((x) => walk(x, out));
    };
    for (const p of pack.policies) {
      for (const v of p.logic) {
        const leaves: { id: string; src: string }[] = [];
        walk(v.root, leaves);
        for (const l of leaves) {
          const where = `${p.id} ${v.version} ${l.id}: ${l.src}`;
          // no parent field, no status code, no disability rule restated: only term.<name>
          expect(l.src, where).not.toMatch(/(?<![.\w])(status|statusSince|statusUntil|disabilityGrade|disabilityType)\b/);
          for (const code of statusCodes) if (!(code in STATIC_DOMAINS.category.labels)) expect(l.src, where).not.toContain(`'${code}'`);
          expect(l.src, where).not.toMatch(/child\.disabilityGrade\s*<=\s*2/);
        }
      }
    }
    // and the definitions are used: the terms the policies cite exist and name their users
    const used = pack.terms.filter((t) => t.usedBy.length);
    expect(used.map((t) => t.name)).toEqual(
      expect.arrayContaining(['severelyDisabled', 'orphan', 'outOfContactShanghai', 'unableNational', 'guardianshipMissingShanghai']),
    );
    for (const t of pack.terms) expect(t.basis.length, t.name).toBeGreaterThan(4);
    expect(pack.termsBasis.map((b) => b.doc)).toContain('民发〔2019〕62号');
  });

  it('random profiles never get two answers that disagree about the same parent', () => {
    // parents whose state both texts name (重残 with any grade/type, 重病, 被撤销监护资格): the national
    // and the Shanghai criteria over both parents must agree, whatever the grade and type recorded
    const shared = fc.record({
      status: fc.constantFrom('severely_disabled', 'seriously_ill', 'guardianship_revoked'),
      disabilityGrade: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
      disabilityType: fc.option(fc.constantFrom(...STATIC_DOMAINS.disabilityType.values), { nil: undefined }),
    });
    fc.assert(
      fc.property(shared, shared, fc.constantFrom(...AS_OF_DATES.filter((x) => x >= '2019-07-01')), (f, m, date) => {
        const profile = {
          child: { birthDate: '2014-01-01', hukou: 'local' },
          parents: [
            { relation: 'father', ...f },
            { relation: 'mother', ...m },
          ],
        };
        const national = crit(run('defacto-unsupported', profile, date), 'both-parents-unable').value;
        const shanghai = crit(run('basic-living-allowance-guardianship', profile, date), 'both-parents').value;
        expect(shanghai).toBe(national);
      }),
      { numRuns: 300 },
    );
  });

  it('on any profile, the orphan test is the same in every policy that uses it', () => {
    fc.assert(
      fc.property(factsArb(pack.policyIds), fc.constantFrom(...AS_OF_DATES.filter((x) => x >= '2025-01-01' && x < '2031-01-01')), (facts, date) => {
        const at = d(date);
        const scattered = evaluatePolicy(pack, pack.byId.get('basic-living-allowance-orphan-scattered')!, facts, at).criteria.find(
          (c) => c.id === 'orphan',
        )!.value;
        const institutional = evaluatePolicy(pack, pack.byId.get('basic-living-allowance-orphan-institutional')!, facts, at).criteria.find(
          (c) => c.id === 'orphan',
        )!.value;
        const notOrphan = evaluatePolicy(pack, pack.byId.get('basic-living-allowance-guardianship')!, facts, at).criteria.find(
          (c) => c.id === 'not-orphan',
        )!.value;
        expect(institutional).toBe(scattered);
        expect(notOrphan).toBe(scattered === null ? null : !scattered);
        // and a national "both parents unable" is never a Shanghai "not missing/improper" for a parent both texts know
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a term used outside its scope, or unknown, with the position', () => {
    const defs = {
      file: 'policies/definitions.yaml',
      text: `legalBasis:\n  - { doc: 测试 }\nterms:\n  gone:\n    label: 死亡\n    scope: parent\n    basis: 测试\n    expr: status == 'deceased'\n`,
    };
    const policy = (expr: string) => ({
      file: 'policies/sample.yaml',
      text: `id: sample\nname: { zh: 样例, en: Sample }\nissuer: 测试\nunit: civil-affairs\nkind: category\nlegalBasis: [{ doc: 测试 }]\nlogic:\n  - version: '1'\n    from: 2020-01-01\n    basis: 测试\n    criteria:\n      all:\n        - { id: a, label: 条件, clause: 测试, expr: "${expr}" }\namount: { none: 无 }\ntests: []\n`,
    });
    expect(loadPackFromSources([defs, policy('all parents (term.gone)')]).terms[0]!.usedBy).toEqual(['sample']);
    expect(() => loadPackFromSources([defs, policy('term.gone')])).toThrow(/term.gone \(死亡\) is a parent's state/);
    expect(() => loadPackFromSources([defs, policy('all parents (term.gon)')])).toThrow(PolicyLoadError);
    expect(() => loadPackFromSources([defs, policy('all parents (term.gon)')])).toThrow(/unknown term term.gon.*gone/);
    const bad = { ...defs, text: defs.text.replace("status == 'deceased'", "status == 'dead'") };
    expect(() => loadPackFromSources([bad, policy('all parents (term.gone)')])).toThrow(
      /definitions.yaml:8:\d+: term gone: 'dead' is not a value of memberStatus/,
    );
  });
});

describe('失联: the national definition and the Shanghai text', () => {
  const profile = (since: string) => ({
    child: { birthDate: '2014-01-01', hukou: 'local', categories: [] },
    caregiver: { present: true },
    parents: [
      { relation: 'father', status: 'imprisoned', statusUntil: '2029-01-01' },
      { relation: 'mother', status: 'out_of_contact', statusSince: since },
    ],
  });

  it('under 6 months: not 事实无人抚养, and the Shanghai allowance is 需人工核实 naming both texts, with no decided amount', () => {
    const national = run('defacto-unsupported', profile('2025-01-01'));
    expect(national.result).toBe('not-eligible');
    const sh = run('basic-living-allowance-guardianship', profile('2025-01-01'));
    expect(sh.result).toBe('undetermined');
    expect(sh.missing).toEqual([]);
    expect(sh.review.map((r) => r.text).join()).toMatch(/上海市困境儿童基本生活费保障制度（2018）.*民发〔2019〕62号/);
    expect(sh.explanation).toMatch(/需人工核实/);
    expect(sh.amount.status).toBe('conditional');
    expect(sh.amount.text).toMatch(/^若符合，标准为每月 3,200 元/);
  });

  it('6 months or more: both texts agree, both answers say yes', () => {
    expect(run('defacto-unsupported', profile('2024-06-01')).result).toBe('eligible');
    const sh = run('basic-living-allowance-guardianship', profile('2024-06-01'));
    expect(sh.result).toBe('eligible');
    expect(sh.amount).toMatchObject({ status: 'computed', fen: 320000 });
  });

  it('on random profiles, the allowance is never eligible through a parent out of contact for under 6 months', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.constantFrom('imprisoned', 'seriously_ill', 'out_of_contact'), (months, other) => {
        const since = new Date(Date.UTC(2025, 2 - months, 1)).toISOString().slice(0, 10);
        const p = {
          ...profile(since),
          parents: [
            { relation: 'father', status: other, statusUntil: '2029-01-01', statusSince: since },
            { relation: 'mother', status: 'out_of_contact', statusSince: since },
          ],
        };
        const r = run('basic-living-allowance-guardianship', p);
        expect(r.result).not.toBe('eligible');
        if (r.result === 'undetermined') expect(r.amount.status).not.toBe('computed');
      }),
      { numRuns: 60 },
    );
  });
});

describe('孤儿', () => {
  const orphanOf = (father: object, mother: object) =>
    run('basic-living-allowance-orphan-scattered', {
      child: { birthDate: '2014-01-01', hukou: 'local', institutionalCare: false },
      parents: [
        { relation: 'father', ...father },
        { relation: 'mother', ...mother },
      ],
    });
  it('both parents dead, declared dead or declared missing by a court, or not to be found', () => {
    expect(orphanOf({ status: 'deceased' }, { status: 'declared_dead', statusSince: '2022-05-01' }).result).toBe('eligible');
    expect(orphanOf({ status: 'missing', statusSince: '2021-03-01' }, { status: 'deceased' }).result).toBe('eligible');
    expect(orphanOf({ status: 'not_found' }, { status: 'not_found' }).result).toBe('eligible');
  });
  it('a parent merely out of contact is not enough, however long', () => {
    const r = orphanOf({ status: 'deceased' }, { status: 'out_of_contact', statusSince: '2015-01-01' });
    expect(r.result).toBe('not-eligible');
    expect(r.failed).toEqual(['orphan']);
    expect(crit(r, 'orphan').explanation).toMatch(/母亲不属于「宣告失踪」|不属于/);
  });
});

describe('户籍地', () => {
  it('every Shanghai allowance refuses a child registered elsewhere, with a referral; 事实无人抚养 may still apply', () => {
    const profile = {
      child: { birthDate: '2014-01-01', hukou: 'other', institutionalCare: false, adopted: true, disabled: true, hivInfected: true },
      caregiver: { present: true },
      parents: [
        { relation: 'father', status: 'deceased' },
        { relation: 'mother', status: 'deceased' },
      ],
    };
    expect(SHANGHAI_ALLOWANCES.length).toBe(5);
    for (const id of SHANGHAI_ALLOWANCES) {
      const r = run(id, profile);
      expect(r.result, id).toBe('not-eligible');
      expect(r.failed, id).toContain('hukou');
      expect(r.explanation, id).toMatch(/本市户籍/);
      expect(r.explanation, id).toMatch(/转介其户籍地/);
    }
    const national = run('defacto-unsupported', {
      ...profile,
      parents: [
        { relation: 'father', status: 'deceased' },
        { relation: 'mother', status: 'imprisoned', statusUntil: '2030-01-01' },
      ],
    });
    expect(national.result).toBe('eligible');
  });

  it('on random profiles, no Shanghai allowance is ever granted to a child registered elsewhere', () => {
    fc.assert(
      fc.property(factsArb(pack.policyIds), fc.constantFrom(...AS_OF_DATES), (facts, date) => {
        const values = facts.values.slice();
        values[INPUT_BY_PATH.get('child.hukou')!.index] = 'other';
        for (const id of SHANGHAI_ALLOWANCES) {
          const r = evaluatePolicy(pack, pack.byId.get(id)!, { values }, d(date));
          if (r.logic) expect(r.result, id).toBe('not-eligible');
        }
      }),
      { numRuns: 150 },
    );
  });
});
