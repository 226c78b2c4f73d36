/**
 * The reads of the charity module: the options of the forms, the project register, the matching
 * list of a project over the caller's area, and the child file's 慈善帮扶 section.
 */
import { matchChild, NEED_NAMES, NEEDS, type CharityProjectQuery, type ChildFacts } from '#common/charity.js';
import { shanghaiDate } from '#common/dates.js';
import { CATEGORIES, CHILD_CATEGORIES } from '#common/values.js';
import type { z } from 'zod';
import type { Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { workersOfChild } from '../assignments/queries.js';
import { aidOut, matchedOut, projectOut, rulesOf } from './presenters.js';
import * as repo from './repo.js';

export async function streetNamer(tx: Tx): Promise<(code: string) => string> {
  const names = new Map((await repo.streets(tx)).map((s) => [s.code, s.name]));
  return (code) => names.get(code) ?? code;
}

export function factsOf(f: repo.FactsRow): ChildFacts {
  return { birthDate: f.birth_date, categories: f.categories, streetCode: f.street_code, disabled: f.disabled, inSchool: f.in_school };
}

export async function options(tx: Tx, now: number) {
  const organisations = await repo.organisations(tx);
  const streets = await repo.streets(tx);
  return {
    today: shanghaiDate(now),
    organisations,
    streets,
    categories: CHILD_CATEGORIES.map((code) => ({ code, name: CATEGORIES[code] })),
    needs: NEEDS.map((code) => ({ code, name: NEED_NAMES[code] })),
  };
}

export async function listProjects(tx: Tx, q: z.infer<typeof CharityProjectQuery>) {
  const { rows, total } = await repo.projects(tx, {
    q: q.q?.trim() || undefined,
    active: q.active === undefined ? undefined : q.active === 'true',
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const name = await streetNamer(tx);
  return { items: rows.map((r) => projectOut(r, name)), total, page: q.page, pageSize: q.pageSize };
}

export async function project(tx: Tx, id: string) {
  const r = await repo.project(tx, id);
  if (!r) throw errors.notFound('未找到该慈善项目');
  return projectOut(r, await streetNamer(tx));
}

/** The children of the caller's area matching the project (and not yet aided by it), and those undetermined. */
export async function matches(tx: Tx, id: string, now: number) {
  const r = await repo.project(tx, id);
  if (!r) throw errors.notFound('未找到该慈善项目');
  const day = shanghaiDate(now);
  const name = await streetNamer(tx);
  const rules = rulesOf(r.rules);
  const matched = [];
  const undetermined = [];
  for (const f of await repo.facts(tx, day, { exceptAidedBy: id })) {
    const m = matchChild(rules, factsOf(f), day, name);
    if (m.result === 'matched') matched.push(matchedOut(f, m, day));
    else if (m.result === 'undetermined') undetermined.push(matchedOut(f, m, day));
  }
  return { project: projectOut(r, name), matched, undetermined, alreadyAided: await repo.aidedInArea(tx, id) };
}

/** The 慈善帮扶 section of a child's file: the aid, the active projects the child matches or may match, the assigned workers. */
export async function childCharity(tx: Tx, childId: string, now: number) {
  if (!(await repo.childVisible(tx, childId))) throw errors.notFound('未找到该儿童，或不在您的权限范围内');
  const day = shanghaiDate(now);
  const name = await streetNamer(tx);
  // one connection: the reads run one after another
  const aid = await repo.aidOfChild(tx, childId);
  const facts = await repo.facts(tx, day, { childId });
  const active = await repo.activeProjects(tx, day);
  const workers = await workersOfChild(tx, childId);
  const f = facts[0];
  const aided = new Set(aid.filter((a) => a.status === 'given').map((a) => a.project_id));
  const projects = [];
  if (f) {
    for (const p of active) {
      const m = matchChild(rulesOf(p.rules), factsOf(f), day, name);
      if (m.result !== 'not_matched' || aided.has(p.id))
        projects.push({ projectId: p.id, name: p.name, result: m.result, reasons: m.reasons, aided: aided.has(p.id) });
    }
  }
  return { aid: aid.map(aidOut), projects, workers };
}
