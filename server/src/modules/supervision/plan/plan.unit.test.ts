import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEPARTMENTS } from '../../../seed/reference.js';
import { STREETS } from '../../../seed/committees.js';
import { ALL_STREETS, DEFAULT_PLAN_FILE, expandUnits, loadPlanFile, parsePlanFile, PLAN_UNIT_CODES, PlanFileError } from './planFile.js';
import { parseSeedDocument, parseSeedTable } from './seedTable.js';

const SEED = fs.readFileSync(new URL('./seed-task-table.txt', import.meta.url), 'utf8');
const YAML_SRC = fs.readFileSync(DEFAULT_PLAN_FILE, 'utf8');

/** 责任单位 as written in the table → unit code; written out here rather than derived, as the oracle. */
const UNIT_BY_NAME: Record<string, string> = {
  区民政局: 'civil-affairs',
  区教育局: 'education',
  团区委: 'youth-league',
  区司法局: 'justice',
  区法院: 'court',
  区检察院: 'procuratorate',
  区公安分局: 'police',
  区卫健委: 'health',
  区妇联: 'womens-federation',
  区残联: 'disabled-federation',
  区人社局: 'human-resources',
  区应急局: 'emergency',
  区水务局: 'water',
  区委网信办: 'cyberspace',
  各街道: 'all-streets',
};
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('the seed task table', () => {
  it('has exactly 41 tasks in five actions, numbered 1..41', () => {
    const doc = parseSeedDocument(SEED);
    expect(doc.tasks).toHaveLength(41);
    expect(parseSeedTable(SEED)).toEqual(doc.tasks);
    expect(doc.tasks.map((t) => t.no)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    expect(doc.actions.map((a) => a.name)).toEqual(['实施精神素养提升行动', '实施监护提质行动', '实施精准帮扶行动', '实施安全防护行动', '实施固本强基行动']);
    // Headings in odd places: (一) twice among blank lines, (二) inside a cell, (三) and (四) untabbed.
    expect(doc.tasks.filter((t) => t.action === 1).map((t) => t.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(doc.tasks.find((t) => t.no === 10)!.action).toBe(2);
    expect(doc.tasks.find((t) => t.no === 17)!.action).toBe(2);
    expect(doc.tasks.find((t) => t.no === 18)!.action).toBe(3);
    expect(doc.tasks.find((t) => t.no === 29)!.action).toBe(4);
    expect(doc.tasks.find((t) => t.no === 36)!.action).toBe(5);
    for (const t of doc.tasks) for (const u of t.unitNames) expect(UNIT_BY_NAME, `task ${t.no}: ${u}`).toHaveProperty(u);
  });

  it('the copy beside the plan is the district file, when that is at hand', () => {
    const shared = '/work/shared/seed/yangpu-action-plan-2024-2026-task-table.txt';
    if (fs.existsSync(shared)) expect(SEED).toBe(fs.readFileSync(shared, 'utf8'));
  });
});

describe('the plan file yangpu-2024-2026.yaml', () => {
  const plan = loadPlanFile();
  const seed = parseSeedDocument(SEED);

  it('transcribes the seed table task by task', () => {
    expect(plan.tasks).toHaveLength(41);
    expect(plan.tasks.map((t) => ({ no: t.no, action: t.action, text: norm(t.text), units: t.units }))).toEqual(
      seed.tasks.map((t) => ({ no: t.no, action: t.action, text: norm(t.text), units: t.unitNames.map((n) => UNIT_BY_NAME[n]) })),
    );
  });

  it('names the actions and the source as the table does', () => {
    expect(plan.id).toBe('yangpu-2024-2026');
    expect(plan.period).toEqual({ from: 2024, to: 2026 });
    expect(plan.actions.map((a) => ({ code: a.code, zh: a.name.zh }))).toEqual(seed.actions.map((a) => ({ code: a.code, zh: a.name })));
    expect(plan.source).toEqual({ document: seed.title, table: seed.subtitle, district: '杨浦区' });
    expect(plan.name.zh).toBe(seed.title);
  });

  it('leads each task with a department, has short summaries', () => {
    for (const t of plan.tasks) {
      expect(t.lead).toBe(t.units[0]);
      expect(t.lead).not.toBe(ALL_STREETS);
      expect([...t.summary].length).toBeLessThanOrEqual(20);
    }
    expect(plan.tasks[3]!.summary).toBe('全员导师制：成长导师与互助伙伴');
  });

  it('uses the unit codes of the reference data', () => {
    expect([...PLAN_UNIT_CODES]).toEqual(DEPARTMENTS.map((d) => d.code));
    for (const d of DEPARTMENTS) expect(UNIT_BY_NAME[d.name]).toBe(d.code);
  });
});

describe('the loader refuses', () => {
  const edit = (f: (doc: any) => void) => {
    const doc = parse(YAML_SRC);
    f(doc);
    return stringify(doc, { lineWidth: 0 });
  };
  const refusal = (src: string) => {
    try {
      parsePlanFile(src, 'test-plan.yaml');
    } catch (e) {
      expect(e).toBeInstanceOf(PlanFileError);
      return e as PlanFileError;
    }
    throw new Error('accepted');
  };

  it('an unknown key, naming it', () => {
    const e = refusal(
      edit((d) => {
        d.tasks[5].owner = 'education';
      }),
    );
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]!.path).toBe('tasks[5].owner');
    expect(e.message).toContain('test-plan.yaml');
    expect(e.message).toMatch(/tasks\[5\]\.owner：未知的字段 “owner”/);
    expect(
      refusal(
        edit((d) => {
          d.source.year = 2024;
        }),
      ).issues[0]!.path,
    ).toBe('source.year');
  });

  it('a gap in the numbering', () => {
    const e = refusal(
      edit((d) => {
        d.tasks.splice(6, 1);
      }),
    );
    expect(e.issues.map((i) => i.path)).toContain('tasks[6].no');
    expect(e.message).toMatch(/tasks\[6\]\.no：任务编号应为 7，实为 8/);
    expect(
      refusal(
        edit((d) => {
          d.tasks[0].no = 0;
        }),
      ).message,
    ).toMatch(/tasks\[0\]\.no：/);
  });

  it('an unknown unit code, naming the field', () => {
    const e = refusal(
      edit((d) => {
        d.tasks[2].units[1] = 'procuratorat';
      }),
    );
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]!.path).toBe('tasks[2].units[1]');
    expect(e.issues[0]!.message).toMatch(/^未知的单位代码“procuratorat”/);
    expect(e.message).toMatch(/tasks\[2\]\.units\[1\]：未知的单位代码/);
    // The line given is the line of the bad code.
    const src = edit((d) => {
      d.tasks[2].units[1] = 'procuratorat';
    });
    expect(src.split('\n')[e.issues[0]!.line - 1]).toContain('procuratorat');
  });

  it('a task naming an action that does not exist, all-streets as lead, a duplicate unit, a long summary', () => {
    expect(
      refusal(
        edit((d) => {
          d.tasks[40].action = 6;
        }),
      ).issues[0]!.path,
    ).toBe('tasks[40].action');
    expect(
      refusal(
        edit((d) => {
          d.tasks[7].units = ['all-streets', 'civil-affairs'];
        }),
      ).issues[0]!.path,
    ).toBe('tasks[7].units[0]');
    expect(
      refusal(
        edit((d) => {
          d.tasks[7].units.push('civil-affairs');
        }),
      ).issues[0]!.path,
    ).toBe('tasks[7].units[2]');
    expect(
      refusal(
        edit((d) => {
          d.tasks[0].summary = '一'.repeat(21);
        }),
      ).issues[0]!.message,
    ).toContain('20');
    expect(
      refusal(
        edit((d) => {
          delete d.tasks[0].text;
        }),
      ).issues[0],
    ).toMatchObject({ path: 'tasks[0].text', message: '缺少此字段' });
  });

  describe('files on disk', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-'));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('reads a plan from a path and wants the id to match the file name', () => {
      fs.writeFileSync(path.join(dir, 'yangpu-2024-2026.yaml'), YAML_SRC);
      expect(loadPlanFile(path.join(dir, 'yangpu-2024-2026.yaml')).tasks).toHaveLength(41);
      const other = path.join(dir, 'yangpu-2027-2029.yaml');
      fs.writeFileSync(other, YAML_SRC);
      expect(() => loadPlanFile(other)).toThrow(/yangpu-2027-2029\.yaml[\s\S]*id：计划 id“yangpu-2024-2026”应与文件名“yangpu-2027-2029”一致/);
      expect(() => loadPlanFile(path.join(dir, 'missing.yaml'))).toThrow(/无法读取文件/);
    });
  });
});

describe('expandUnits', () => {
  const STREET_UNITS = STREETS.map((s) => `street-${s.code}`);
  const unit = fc.oneof(fc.constantFrom<string>(...PLAN_UNIT_CODES, ALL_STREETS), fc.constantFrom(...STREET_UNITS), fc.string({ maxLength: 6 }));
  const units = fc.array(unit, { maxLength: 10 });
  const streets = fc.oneof(fc.subarray(STREET_UNITS), fc.array(fc.oneof(fc.constantFrom(...STREET_UNITS), fc.string({ maxLength: 6 })), { maxLength: 8 }));

  it('has no duplicates, no all-streets, and keeps the first unit when it is not all-streets', () => {
    fc.assert(
      fc.property(units, streets, (us, ss) => {
        const out = expandUnits(us, ss);
        expect(new Set(out).size).toBe(out.length);
        expect(out).not.toContain(ALL_STREETS);
        if (us.length > 0 && us[0] !== ALL_STREETS) expect(out[0]).toBe(us[0]);
      }),
    );
  });

  it('is the flat expansion with later repeats dropped, and idempotent', () => {
    fc.assert(
      fc.property(units, streets, (us, ss) => {
        const out = expandUnits(us, ss);
        const flat = us.flatMap((u) => (u === ALL_STREETS ? ss.map((s) => (s.startsWith('street-') ? s : `street-${s}`)) : [u]));
        expect(out).toEqual(flat.filter((u, i) => flat.indexOf(u) === i));
        const named = us.filter((u) => u !== ALL_STREETS);
        for (const u of named) expect(out).toContain(u);
        if (!us.includes(ALL_STREETS)) expect(out).toEqual([...new Set(us)]);
        expect(expandUnits(out, ss)).toEqual(out);
      }),
    );
  });

  it('expands the plan tasks to the 12 street offices', () => {
    const plan = loadPlanFile();
    const t1 = expandUnits(plan.tasks[0]!.units, STREET_UNITS);
    expect(t1).toEqual(['education', 'youth-league', ...STREET_UNITS]);
    expect(
      expandUnits(
        ['civil-affairs', 'all-streets'],
        STREETS.map((s) => s.code),
      ),
    ).toEqual(['civil-affairs', ...STREET_UNITS]);
    expect(expandUnits(plan.tasks[3]!.units, STREET_UNITS)).toEqual(['education']);
  });
});
