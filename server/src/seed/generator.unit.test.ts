import { describe, expect, it } from 'vitest';
import { addMonths, ageOn } from '#common/dates.js';
import { validateIdNumber } from '#common/idNumber.js';
import { CHILD_CATEGORIES, type SCHOOL_STAGES } from '#common/values.js';
import { DEMO_COMMITTEES, STREETS, committeeRoad } from './committees.js';
import { generateDemoData, inNationalSituation, isDefactoUnsupported, type DemoChild, type DemoDataset, type DemoMember } from './generator.js';
import { SURNAMES } from './names.js';

const TODAY = '2026-11-29';
const data = generateDemoData({ children: 3000, seed: 20261129 });
const allMembers = (d: DemoDataset) => d.children.flatMap((c) => c.household);
const parentsOf = (c: DemoChild) => {
  const father = c.household.find((m) => m.relation === '父亲');
  const mother = c.household.find((m) => m.relation === '母亲');
  if (!father || !mother) throw new Error(`${c.key} lacks a parent`);
  return { father, mother };
};
const has = (c: DemoChild, cat: (typeof CHILD_CATEGORIES)[number]) => c.categories.includes(cat);

describe('reference data', () => {
  it('has the 12 streets with fixed codes', () => {
    expect(STREETS.map((s) => s.code)).toEqual([
      'dinghai',
      'pingliang',
      'jiangpu',
      'siping',
      'kongjiang',
      'changbai',
      'yanji',
      'yinhang',
      'daqiao',
      'wujiaochang',
      'xinjiangwan',
      'changhai',
    ]);
    expect(STREETS.map((s) => s.name)).toEqual([
      '定海路街道',
      '平凉路街道',
      '江浦路街道',
      '四平路街道',
      '控江路街道',
      '长白新村街道',
      '延吉新村街道',
      '殷行街道',
      '大桥街道',
      '五角场街道',
      '新江湾城街道',
      '长海路街道',
    ]);
    expect(STREETS.map((s) => s.sort)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const s of STREETS) expect(s.nameEn).toMatch(/Sub-district$/);
  });

  it('has 8-15 committees per street, with unique codes and names', () => {
    for (const s of STREETS) {
      const list = DEMO_COMMITTEES.filter((c) => c.streetCode === s.code);
      expect(list.length).toBeGreaterThanOrEqual(8);
      expect(list.length).toBeLessThanOrEqual(15);
      list.forEach((c, i) => expect(c.code).toBe(`${s.code}-${String(i + 1).padStart(2, '0')}`));
    }
    expect(new Set(DEMO_COMMITTEES.map((c) => c.code)).size).toBe(DEMO_COMMITTEES.length);
    expect(new Set(DEMO_COMMITTEES.map((c) => c.name)).size).toBe(DEMO_COMMITTEES.length);
    for (const c of DEMO_COMMITTEES) {
      expect(c.name).toMatch(/居民区$/);
      expect(Object.keys(c).sort()).toEqual(['code', 'name', 'streetCode']);
      expect(committeeRoad(c.code)).toMatch(/路$/);
    }
    expect(DEMO_COMMITTEES.find((c) => c.code === 'dinghai-01')?.name).toBe('定海一居民区');
  });

  it('has about 100 distinct surnames', () => {
    expect(SURNAMES.length).toBeGreaterThanOrEqual(90);
    expect(new Set(SURNAMES.map(([s]) => s)).size).toBe(SURNAMES.length);
  });
});

describe('generateDemoData: determinism', () => {
  it('gives deep-equal output for the same seed, and different output for another seed', () => {
    const a = generateDemoData({ children: 400, seed: 7 });
    const b = generateDemoData({ children: 400, seed: 7 });
    const c = generateDemoData({ children: 400, seed: 8 });
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(c.children).not.toEqual(a.children);
    expect(c.children.map((x) => x.idNumber)).not.toEqual(a.children.map((x) => x.idNumber));
  });

  it('depends on today, and defaults it to 2026-11-29', () => {
    expect(generateDemoData({ children: 5, seed: 1 }).today).toBe(TODAY);
    expect(generateDemoData({ children: 50, seed: 1, today: '2025-06-30' })).not.toEqual(generateDemoData({ children: 50, seed: 1 }));
  });

  it('uses stable keys', () => {
    expect(data.children.slice(0, 3).map((c) => c.key)).toEqual(['c000001', 'c000002', 'c000003']);
    expect(new Set(data.children.map((c) => c.key)).size).toBe(data.children.length);
  });

  it('rejects bad options', () => {
    expect(() => generateDemoData({ children: -1, seed: 1 })).toThrow();
    expect(() => generateDemoData({ children: 1.5, seed: 1 })).toThrow();
    expect(() => generateDemoData({ children: 1, seed: 1, today: '2026-02-30' })).toThrow();
    expect(generateDemoData({ children: 0, seed: 1 }).children).toEqual([]);
  });
});

describe('generateDemoData: identity numbers', () => {
  it('are valid, match birth date and sex, and are unique across children and adults', () => {
    const seen = new Set<string>();
    const people: { idNumber: string | null; birthDate: string; sex: 'M' | 'F' }[] = [...data.children, ...allMembers(data)];
    for (const p of people) {
      if (p.idNumber === null) continue;
      const r = validateIdNumber(p.idNumber, TODAY);
      expect(r, p.idNumber).toMatchObject({ ok: true, birthDate: p.birthDate, sex: p.sex });
      expect(seen.has(p.idNumber), p.idNumber).toBe(false);
      seen.add(p.idNumber);
    }
    expect(seen.size).toBeGreaterThan(data.children.length * 3);
  });

  it('about 3% of children have none; adults always have one', () => {
    const missing = data.children.filter((c) => c.idNumber === null).length / data.children.length;
    expect(missing).toBeGreaterThan(0.01);
    expect(missing).toBeLessThan(0.06);
    for (const m of allMembers(data)) expect(typeof m.idNumber).toBe('string');
  });

  it('mostly start with 310110; other hukou uses other provinces', () => {
    const withId = data.children.filter((c) => c.idNumber !== null);
    const yangpu = withId.filter((c) => c.idNumber!.startsWith('310110')).length / withId.length;
    expect(yangpu).toBeGreaterThan(0.72);
    expect(yangpu).toBeLessThan(0.88);
    for (const c of withId) {
      if (c.hukou === 'other') expect(c.idNumber!.startsWith('31')).toBe(false);
      else expect(c.idNumber!.startsWith('3101')).toBe(true);
    }
  });
});

describe('generateDemoData: children', () => {
  it('are 0-17 years old on today, with every age present', () => {
    const ages = new Set<number>();
    for (const c of data.children) {
      const age = ageOn(c.birthDate, TODAY);
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThanOrEqual(17);
      ages.add(age);
    }
    expect(ages.size).toBe(18);
  });

  it('respect a different today (a 29 February)', () => {
    const d = generateDemoData({ children: 500, seed: 3, today: '2028-02-29' });
    for (const c of d.children) {
      const age = ageOn(c.birthDate, '2028-02-29');
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThanOrEqual(17);
      for (const m of c.household) expect(m.birthDate <= '2028-02-29').toBe(true);
    }
  });

  it('have a school stage consistent with age', () => {
    const allowed: Record<(typeof SCHOOL_STAGES)[number], [number, number]> = {
      未入学: [0, 17],
      学前: [3, 6],
      小学: [6, 11],
      初中: [11, 15],
      高中: [15, 17],
      中职: [15, 17],
      高校: [17, 17], // the generator never draws it (a 17-year-old may have started university)
      辍学: [12, 17],
    };
    for (const c of data.children) {
      const age = ageOn(c.birthDate, TODAY);
      const [lo, hi] = allowed[c.schoolStage];
      expect(age, `${c.key} ${c.schoolStage}`).toBeGreaterThanOrEqual(lo);
      expect(age, `${c.key} ${c.schoolStage}`).toBeLessThanOrEqual(hi);
      if (age < 3) expect(c.schoolStage).toBe('未入学');
    }
    // most school-age children are in school
    const schoolAge = data.children.filter((c) => ageOn(c.birthDate, TODAY) >= 7);
    const inSchool = schoolAge.filter((c) => ['小学', '初中', '高中', '中职'].includes(c.schoolStage)).length;
    expect(inSchool / schoolAge.length).toBeGreaterThan(0.9);
  });

  it('live in known committees, with the street of their committee, and plausible addresses', () => {
    const committees = new Map(DEMO_COMMITTEES.map((c) => [c.code, c]));
    for (const c of data.children) {
      const committee = committees.get(c.committeeCode);
      expect(committee, c.committeeCode).toBeDefined();
      expect(c.streetCode).toBe(committee!.streetCode);
      if (!has(c, 'orphan_institutional')) {
        expect(c.residenceAddress).toMatch(/^上海市杨浦区.+路\d+(弄\d+)?号\d+室$/);
        expect(c.residenceAddress).toContain(committeeRoad(c.committeeCode));
      }
      if (c.hukou === 'local') expect(c.hukouAddress).toMatch(/^上海市杨浦区/);
      else expect(c.hukouAddress).not.toMatch(/^上海市/);
    }
  });

  it('have names, mostly 汉族, and a main contact mobile of a guardian or caregiver', () => {
    const han = data.children.filter((c) => c.ethnicity === '汉族').length / data.children.length;
    expect(han).toBeGreaterThan(0.93);
    for (const c of data.children) {
      expect(c.name).toMatch(/^\p{Script=Han}{2,4}$/u);
      expect(c.phone).toMatch(/^1[3-9]\d{9}$/);
      const holder = c.household.find((m) => m.phone === c.phone);
      expect(holder, c.key).toBeDefined();
      if (!has(c, 'orphan_institutional')) expect(['guardian', 'caregiver']).toContain(holder!.role);
    }
  });

  it('use only known categories, at least one each, and all of them somewhere', () => {
    const used = new Set<string>();
    for (const c of data.children) {
      expect(c.categories.length).toBeGreaterThan(0);
      expect(new Set(c.categories).size).toBe(c.categories.length);
      for (const cat of c.categories) {
        expect(CHILD_CATEGORIES).toContain(cat);
        used.add(cat);
      }
      expect(['high', 'medium', 'low']).toContain(c.riskLevel);
    }
    expect([...used].sort()).toEqual([...CHILD_CATEGORIES].sort());
    const levels = new Set(data.children.map((c) => c.riskLevel));
    expect(levels.size).toBe(3);
  });
});

describe('generateDemoData: households and categories', () => {
  const validMember = (m: DemoMember) => {
    expect(m.name).toMatch(/^\p{Script=Han}{2,4}$/u);
    if (m.phone !== null) expect(m.phone).toMatch(/^1[3-9]\d{9}$/);
    if (m.status === 'alive_fit') {
      expect(m.statusSince).toBeUndefined();
    }
    if (m.statusSince !== undefined) expect(m.statusSince <= TODAY).toBe(true);
    if (m.statusUntil !== undefined) expect(m.statusUntil > TODAY).toBe(true);
    if (['deceased', 'missing', 'out_of_contact', 'imprisoned', 'drug_rehab'].includes(m.status)) {
      expect(m.phone).toBeNull();
      expect(m.statusSince).toBeDefined();
    }
    if (m.role !== 'member') {
      expect(m.status).toBe('alive_fit');
      expect(m.phone).not.toBeNull();
      expect(ageOn(m.birthDate, TODAY)).toBeGreaterThanOrEqual(18);
    }
  };

  it('have parents 20-45 years older than the child, and valid members', () => {
    for (const c of data.children) {
      const { father, mother } = parentsOf(c);
      expect(father.sex).toBe('M');
      expect(mother.sex).toBe('F');
      for (const p of [father, mother]) {
        const gap = ageOn(p.birthDate, c.birthDate);
        expect(gap, `${c.key} ${p.relation}`).toBeGreaterThanOrEqual(20);
        expect(gap, `${c.key} ${p.relation}`).toBeLessThan(45);
      }
      for (const m of c.household) validMember(m);
      for (const m of c.household.filter((x) => x.relation !== '父亲' && x.relation !== '母亲' && x.relation !== '兄弟姐妹')) {
        expect(ageOn(m.birthDate, TODAY)).toBeGreaterThanOrEqual(22);
      }
    }
  });

  it('orphan ⇔ both parents deceased; a scattered orphan is in the care of a grandparent or other relative', () => {
    const relatives = ['祖父', '祖母', '外祖父', '外祖母', '其他亲属'];
    for (const c of data.children) {
      const { father, mother } = parentsOf(c);
      const bothDead = father.status === 'deceased' && mother.status === 'deceased';
      const orphan = has(c, 'orphan_scattered') || has(c, 'orphan_institutional');
      expect(orphan, c.key).toBe(bothDead);
      expect(has(c, 'orphan_scattered') && has(c, 'orphan_institutional')).toBe(false);
      if (has(c, 'orphan_scattered')) {
        const guardians = c.household.filter((m) => m.role === 'guardian');
        expect(guardians.length).toBeGreaterThan(0);
        for (const g of guardians) expect(relatives).toContain(g.relation);
      }
      if (has(c, 'orphan_institutional')) {
        expect(c.household.some((m) => m.role === 'guardian')).toBe(false);
      }
    }
  });

  it('defacto_unsupported ⇔ the national rule on the parents (and never for orphans)', () => {
    let count = 0;
    for (const c of data.children) {
      const { father, mother } = parentsOf(c);
      const orphan = father.status === 'deceased' && mother.status === 'deceased';
      const rule = !orphan && isDefactoUnsupported(father, mother, TODAY);
      expect(has(c, 'defacto_unsupported'), c.key).toBe(rule);
      if (rule) {
        count++;
        // neither parent raises the child
        expect(c.household.some((m) => m.role === 'guardian' && (m.relation === '父亲' || m.relation === '母亲'))).toBe(false);
      }
    }
    expect(count).toBeGreaterThan(0);
  });

  it('guardianship_missing ⇔ no parent alive and fit (orphans aside); it covers every de-facto unsupported child', () => {
    const unavailable = [
      'deceased',
      'missing',
      'out_of_contact',
      'imprisoned',
      'drug_rehab',
      'seriously_ill',
      'severely_disabled',
      'guardianship_revoked',
      'deported',
    ];
    let short = 0;
    for (const c of data.children) {
      const { father, mother } = parentsOf(c);
      const orphan = father.status === 'deceased' && mother.status === 'deceased';
      const missing = !orphan && father.status !== 'alive_fit' && mother.status !== 'alive_fit';
      expect(has(c, 'guardianship_missing'), c.key).toBe(missing);
      if (has(c, 'guardianship_missing')) {
        expect(unavailable).toContain(father.status);
        expect(unavailable).toContain(mother.status);
        expect([father.status, mother.status].some((s) => s !== 'deceased')).toBe(true);
        if (!has(c, 'defacto_unsupported')) short++;
      }
      if (has(c, 'defacto_unsupported')) expect(has(c, 'guardianship_missing')).toBe(true);
    }
    // some cases fall short of the national 6-month thresholds
    expect(short).toBeGreaterThan(0);
  });

  it('every child not in an institution has an alive, fit guardian; parents in custody or gone are never guardians', () => {
    for (const c of data.children) {
      if (has(c, 'orphan_institutional')) continue;
      const guardians = c.household.filter((m) => m.role === 'guardian');
      expect(guardians.length, c.key).toBeGreaterThan(0);
      for (const g of guardians) expect(g.status).toBe('alive_fit');
    }
  });

  it('keeps 低保, 低保边缘 and 特困 to Shanghai hukou, and migrant children to other hukou', () => {
    for (const c of data.children) {
      if (has(c, 'low_income_dibao') || has(c, 'low_income_marginal') || has(c, 'extreme_poverty')) expect(c.hukou).toBe('local');
      if (has(c, 'migrant_in_difficulty')) expect(c.hukou).toBe('other');
      if (has(c, 'left_behind')) expect(c.household.some((m) => m.role === 'caregiver')).toBe(true);
    }
  });

  it('siblings are at most 10 years apart and born while their mother was alive', () => {
    for (const c of data.children) {
      const { mother } = parentsOf(c);
      for (const s of c.household.filter((m) => m.relation === '兄弟姐妹')) {
        expect(Math.abs(ageOn(s.birthDate, TODAY) - ageOn(c.birthDate, TODAY))).toBeLessThanOrEqual(11);
        expect(s.birthDate).not.toBe(c.birthDate);
        if (mother.status === 'deceased') expect(s.birthDate <= mother.statusSince!).toBe(true);
        if (ageOn(s.birthDate, TODAY) < 16) expect(s.phone).toBeNull();
      }
    }
  });
});

describe('national-situation rule', () => {
  it('counts custody only when it lasts 6 months or more', () => {
    expect(inNationalSituation({ status: 'imprisoned', statusSince: '2026-01-01', statusUntil: '2026-07-01' }, TODAY)).toBe(true);
    expect(inNationalSituation({ status: 'imprisoned', statusSince: '2026-01-01', statusUntil: '2026-06-30' }, TODAY)).toBe(false);
    expect(inNationalSituation({ status: 'drug_rehab', statusSince: '2026-01-01', statusUntil: '2028-01-01' }, TODAY)).toBe(true);
    expect(inNationalSituation({ status: 'out_of_contact', statusSince: '2026-05-29' }, TODAY)).toBe(true);
    expect(inNationalSituation({ status: 'out_of_contact', statusSince: '2026-05-30' }, TODAY)).toBe(false);
    expect(inNationalSituation({ status: 'seriously_ill' }, TODAY)).toBe(true);
    expect(inNationalSituation({ status: 'deceased', statusSince: '2020-01-01' }, TODAY)).toBe(false);
    expect(inNationalSituation({ status: 'alive_fit' }, TODAY)).toBe(false);
  });

  it('needs both parents, or one dead or missing and the other in a situation', () => {
    const ill = { status: 'seriously_ill' as const };
    const dead = { status: 'deceased' as const, statusSince: '2020-01-01' };
    const fit = { status: 'alive_fit' as const };
    expect(isDefactoUnsupported(ill, ill, TODAY)).toBe(true);
    expect(isDefactoUnsupported(dead, ill, TODAY)).toBe(true);
    expect(isDefactoUnsupported(ill, { status: 'missing', statusSince: '2020-01-01' }, TODAY)).toBe(true);
    expect(isDefactoUnsupported(ill, fit, TODAY)).toBe(false);
    expect(isDefactoUnsupported(dead, dead, TODAY)).toBe(false);
    expect(isDefactoUnsupported(dead, fit, TODAY)).toBe(false);
  });

  it('addMonths rolls over like Date.UTC', () => {
    expect(addMonths('2024-08-31', 6)).toBe('2025-03-03');
    expect(addMonths('2026-05-29', 6)).toBe('2026-11-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-03-01');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
  });
});

describe('generateDemoData: spread', () => {
  it('covers every street for N=1000, with the larger streets larger', () => {
    const d = generateDemoData({ children: 1000, seed: 99 });
    const byStreet = new Map<string, number>();
    for (const c of d.children) byStreet.set(c.streetCode, (byStreet.get(c.streetCode) ?? 0) + 1);
    for (const s of STREETS) expect(byStreet.get(s.code) ?? 0, s.code).toBeGreaterThan(10);
    expect(byStreet.get('yinhang')!).toBeGreaterThan(byStreet.get('xinjiangwan')!);
    // most committees get some children
    const committees = new Set(d.children.map((c) => c.committeeCode));
    expect(committees.size).toBeGreaterThan(DEMO_COMMITTEES.length * 0.9);
  });

  it('gives dinghai-01 a reasonable number of children even for small N', () => {
    for (const [n, min] of [
      [1, 1],
      [3, 3],
      [60, 3],
      [200, 4],
      [1000, 20],
    ] as const) {
      for (const seed of [1, 2, 3]) {
        const d = generateDemoData({ children: n, seed });
        const count = d.children.filter((c) => c.committeeCode === 'dinghai-01').length;
        expect(count, `N=${n} seed=${seed}`).toBeGreaterThanOrEqual(min);
        expect(count).toBeLessThanOrEqual(Math.max(min + 2, n * 0.05));
      }
    }
  });

  it('includes the streets and committees as reference data', () => {
    expect(data.streets).toEqual(STREETS);
    expect(data.committees).toEqual(DEMO_COMMITTEES);
  });
});

describe('generateDemoData: scale', () => {
  // Speed is measured by the benchmarks, not asserted here: test machines are shared and noisy.
  it('generates 100,000 children with unique identity numbers', () => {
    const big = generateDemoData({ children: 100_000, seed: 5 });
    expect(big.children).toHaveLength(100_000);
    const ids = new Set<string>();
    let total = 0;
    for (const c of big.children) {
      if (c.idNumber) {
        ids.add(c.idNumber);
        total++;
      }
      for (const m of c.household) {
        ids.add(m.idNumber);
        total++;
      }
    }
    expect(ids.size).toBe(total);
  }, 30_000);
});
