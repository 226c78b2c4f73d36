/**
 * The pure decisions of the charity module: whether an aid record may be written for a project on
 * a day (period, active, amount, capacity, the child's match). Unit-tested; the command gathers
 * the facts with the project row locked.
 */
import type { Match } from '#common/charity.js';
import type { FieldError } from '../../core/errors.js';

export interface AidProject {
  active: boolean;
  startsOn: string;
  endsOn: string | null;
  amountPerChild: number | null;
  capacity: number | null;
}

export interface AidFacts {
  today: string;
  givenOn: string;
  amount: number | null;
  project: AidProject;
  /** Children holding given aid of the project (district-wide), and whether this child is one. */
  uptake: { children: number; has: boolean };
  match: Match;
}

/** The field errors of an aid record (empty: it may be written). Capacity is a conflict, reported apart. */
export function aidRefusals(f: AidFacts): { fields: FieldError[]; full: boolean } {
  const fields: FieldError[] = [];
  if (f.givenOn > f.today) fields.push({ path: 'givenOn', message: '帮扶日期不能晚于今天' });
  if (!f.project.active) fields.push({ path: 'projectId', message: '该项目已停用，不能登记帮扶' });
  else if (f.givenOn < f.project.startsOn || (f.project.endsOn !== null && f.givenOn > f.project.endsOn)) {
    fields.push({ path: 'givenOn', message: `帮扶日期应在项目期间内（${f.project.startsOn} 至 ${f.project.endsOn ?? '长期'}）` });
  }
  if (f.amount !== null && f.project.amountPerChild !== null && f.amount > f.project.amountPerChild) {
    fields.push({ path: 'amount', message: `金额不能超过项目的每名儿童标准（${f.project.amountPerChild} 元）` });
  }
  if (f.match.result === 'not_matched') fields.push({ path: 'childId', message: '该儿童不符合项目条件：' + f.match.reasons.join('；') });
  const full = !f.uptake.has && f.project.capacity !== null && f.uptake.children >= f.project.capacity;
  return { fields, full };
}
