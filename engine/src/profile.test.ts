/** Profiles: field-level errors for wrong types, and the derivation from the child file. */
import { describe, expect, it } from 'vitest';
import { evaluateChild } from './compile/single.js';
import { dayFromIso } from './dates.js';
import { profileFromChildFile, type ChildFileFacts } from './fromChildFile.js';
import { loadPack } from './load.js';
import { checkProfile, INPUT_BY_PATH } from './profile.js';

const pack = loadPack();

describe('profile validation', () => {
  it('accepts a complete profile and an empty one (everything unknown)', () => {
    expect(checkProfile({}).ok).toBe(true);
    const r = checkProfile(
      {
        child: { birthDate: '2014-06-01', hukou: 'local', categories: ['orphan_scattered'], disabilityGrade: 2, schoolStage: '初中' },
        household: { size: 3, monthlyIncome: 360000 },
        parents: [{ relation: 'father', status: 'deceased', statusSince: '2020-01-01' }],
        benefits: { receiving: ['minimum-livelihood'] },
      },
      pack.policyIds,
    );
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.facts.values[INPUT_BY_PATH.get('child.birthDate')!.index]).toBe(dayFromIso('2014-06-01'));
  });

  it('gives one message per wrong field, naming the field', () => {
    const r = checkProfile(
      {
        child: { birthDate: '2014-02-30', hukou: 'shanghai', categories: 'orphan', disabilityGrade: 5, age: 11, hivinfected: true },
        household: { size: 2.5, monthlyIncome: -1, assets: '100' },
        parents: [{ relation: 'father', status: 'dead' }, { relation: 'father' }, { relation: 'uncle' }],
        benefits: { receiving: ['minimum-livelyhood'] },
        caregiver: { canRaise: 'yes' },
        extra: 1,
      },
      pack.policyIds,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const by = Object.fromEntries(r.errors.map((e) => [e.path, e.message]));
    expect(Object.keys(by).sort()).toEqual(
      [
        'benefits.receiving',
        'caregiver.canRaise',
        'child.age',
        'child.birthDate',
        'child.categories',
        'child.disabilityGrade',
        'child.hivinfected',
        'child.hukou',
        'extra',
        'household.assets',
        'household.monthlyIncome',
        'household.size',
        'parents[0].status',
        'parents[1].relation',
        'parents[2].relation',
      ].sort(),
    );
    expect(by['child.birthDate']).toMatch(/不是有效日期/);
    expect(by['child.hivinfected']).toMatch(/是否应为 hivInfected/);
    expect(by['child.age']).toMatch(/由出生日期/);
    expect(by['household.monthlyIncome']).toMatch(/不能为负/);
    expect(by['benefits.receiving']).toMatch(/minimum-livelyhood.*是否应为 minimum-livelihood/);
    expect(by['parents[1].relation']).toMatch(/父亲重复/);
  });
});

describe('profile from the child file', () => {
  const file: ChildFileFacts = {
    birthDate: '2013-09-01',
    hukou: 'local',
    schoolStage: '初中',
    disabilityType: null,
    disabilityGrade: null,
    seriousIllness: null,
    householdSize: 3,
    monthlyIncomeFen: 360000,
    assetsFen: null,
    categories: [
      { category: 'guardianship_missing', since: '2024-01-01', until: null },
      { category: 'left_behind', since: '2020-01-01', until: '2023-12-31' },
    ],
    members: [
      { relation: '祖母', role: 'guardian', status: 'alive_fit', statusSince: null, statusUntil: null, disabilityType: null, disabilityGrade: null },
      { relation: '父亲', role: 'member', status: 'imprisoned', statusSince: null, statusUntil: '2028-06-30', disabilityType: null, disabilityGrade: null },
      { relation: '母亲', role: 'member', status: 'out_of_contact', statusSince: '2023-01-10', statusUntil: null, disabilityType: null, disabilityGrade: null },
    ],
    benefits: [{ benefit: '困境儿童保障对象基本生活费（监护缺失/监护不当）', since: '2024-02-01', until: null }],
  };

  it('derives the facts on the date, leaving unknown what the file does not say', () => {
    const p = profileFromChildFile(file, '2025-03-01', { policies: pack.policies });
    expect(p.child).toMatchObject({ categories: ['guardianship_missing'], inFullTimeSchool: true, disabled: null, hivInfected: null, institutionalCare: null });
    expect(p.parents).toEqual([
      { relation: 'father', status: 'imprisoned', statusSince: null, statusUntil: '2028-06-30', disabilityGrade: null, disabilityType: null },
      { relation: 'mother', status: 'out_of_contact', statusSince: '2023-01-10', statusUntil: null, disabilityGrade: null, disabilityType: null },
    ]);
    expect(p.benefits!.receiving).toEqual(['basic-living-allowance-guardianship']);
    expect(p.caregiver).toEqual({ present: true, canRaise: null });
    expect(profileFromChildFile(file, '2025-03-01', { absentMeansNone: true }).child!.disabled).toBe(false);
    const checked = checkProfile(p, pack.policyIds);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const results = evaluateChild(pack, checked.facts, dayFromIso('2025-03-01')!);
    expect(results.find((r) => r.policy === 'basic-living-allowance-guardianship')!.result).toBe('eligible');
    expect(results.find((r) => r.policy === 'defacto-unsupported')!.result).toBe('eligible');
    expect(results.find((r) => r.policy === 'medical-assistance')!.result).toBe('eligible');
    expect(results.find((r) => r.policy === 'education-subsidy')!.result).toBe('eligible');
  });
});
