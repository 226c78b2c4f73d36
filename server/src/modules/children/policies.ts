/**
 * Record-level rules of the child file: which committee a file may be placed in, when a file may be
 * changed (in the caller's area, not closed, the version the caller saw), who may write the
 * restricted health facts, what a file for someone 18 or older needs, and the `can` flags the
 * interface shows — computed from the same permissions the commands check.
 */
import type { ChildCreate, ChildFields, ChildFile } from '#common/children.js';
import { OVER18_MISSING, OVER18_NOTE_MISSING } from '#common/children.js';
import { ADULT_AGE, ageOn, normaliseIdNumber, validateIdNumber } from '#common/idNumber.js';
import type { Actor, Scope, Tx } from '../../core/context.js';
import type { AppDeps } from '../../core/deps.js';
import { errors } from '../../core/errors.js';
import { HEALTH_PERMISSION, checkHivWrite } from './healthFacts.js';
import type { CommitteeRow, CurrentRow, ElsewhereRow } from './repo.js';

/** The blind-index purpose of identity numbers (children and household members alike). */
export const BIDX = 'id_number';
export const ELSEWHERE = '已在本区登记，请联系区民政局';
export const NOT_FOUND = '未找到该档案，或不在您的辖区内';

/** A committee a file may be placed in: existing, active, inside the caller's area. */
export function committeeAllowed(scope: Scope | undefined, committeeId: string, c: CommitteeRow | undefined, field = 'committeeId'): CommitteeRow {
  const inScope = !!c && !!scope && (scope.streets.includes(c.street_code) || scope.committees.includes(committeeId));
  if (!c || !inScope) throw errors.validation([{ path: field, message: '居民区不存在或不在您的辖区内' }]);
  if (!c.active) throw errors.validation([{ path: field, message: '该居民区已合并或停用，请选择现有居民区' }]);
  return c;
}

/**
 * Where else in the district an identity number is registered, as the caller may be told: the
 * street only when the caller's scope covers it; otherwise only that it is registered (a street
 * user must not learn, by typing numbers, which street holds a child — issue 10.10).
 */
export function elsewhereNotice(scope: Scope | undefined, other: ElsewhereRow | undefined): { message: string; field: string } | null {
  if (!other) return null;
  if (scope?.streets.includes(other.street_code)) {
    return { message: `该儿童已在${other.street_name}建档，请联系${other.unit_name ?? other.street_name}办理转入`, field: `已在${other.street_name}建档` };
  }
  return { message: ELSEWHERE, field: ELSEWHERE };
}

/** A file found and locked for a change: 404 outside the area, 409 when the caller saw an older version. */
export function lockedFile(row: CurrentRow | undefined, version?: number): CurrentRow {
  if (!row) throw errors.notFound(NOT_FOUND);
  if (version !== undefined && row.version !== version) throw errors.staleVersion();
  return row;
}

/** A closed file is not changed until it is reopened. */
export function mustBeOpen(row: CurrentRow): void {
  if (row.status === 'closed') throw errors.conflict('档案已结案，如需修改请先重新开档');
}

/** The identity of a new child: the number checked (birth date and sex derived from it), or birth date and sex as entered. */
export function identity(deps: AppDeps, input: Pick<ChildCreate, 'idNumber' | 'birthDate' | 'sex'>, today: string) {
  if (input.idNumber) {
    const v = validateIdNumber(input.idNumber, today);
    if (!v.ok) throw errors.validation([{ path: 'idNumber', message: v.message }]);
    const id = normaliseIdNumber(input.idNumber);
    return { idNumber: id, birthDate: v.birthDate, sex: v.sex, bidx: deps.crypto.blindIndex(id, BIDX), tail: id.slice(-6) };
  }
  if (!input.birthDate || !input.sex) throw errors.validation([{ path: 'birthDate', message: '无身份证号时须填写出生日期和性别' }]);
  if (input.birthDate > today) throw errors.validation([{ path: 'birthDate', message: '出生日期不能晚于今天' }]);
  return { idNumber: null, birthDate: input.birthDate, sex: input.sex, bidx: null, tail: null };
}

/**
 * A child file for someone 18 or older is never created silently: the caller confirms by giving
 * the reason the file is kept (其他 with its text). Answers the stored pair (null under 18).
 */
export function over18(input: Pick<ChildCreate, 'over18Reason' | 'over18Note'>, birthDate: string, today: string, path = '') {
  if (ageOn(birthDate, today) < ADULT_AGE) return { reason: null, note: null };
  if (!input.over18Reason) throw errors.validation([{ path: `${path}over18Reason`, message: OVER18_MISSING }], OVER18_MISSING);
  if (input.over18Reason === 'other' && !input.over18Note)
    throw errors.validation([{ path: `${path}over18Note`, message: OVER18_NOTE_MISSING }], OVER18_NOTE_MISSING);
  return { reason: input.over18Reason, note: input.over18Note ?? null };
}

/** Assessment dates are not in the future. */
export function checkDates(fields: Partial<ChildFields>, today: string): void {
  for (const k of ['riskAssessedOn', 'assetsAssessedOn'] as const) {
    const v = fields[k];
    if (v && v > today) throw errors.validation([{ path: k, message: '日期不能晚于今天' }]);
  }
}

export const mayWriteHealth = (tx: Tx): boolean => !!tx.ctx.actor?.permissions.has(HEALTH_PERMISSION);

/** The mental-health note is written only with `children.health`. */
export function checkHealthNoteWrite(tx: Tx, verb: '填写' | '修改' = '填写'): void {
  if (!mayWriteHealth(tx)) throw errors.forbidden(`心理健康记录仅限有相应权限的人员${verb}`);
}

export { checkHivWrite };

/** What the interface offers on a file, and which restricted fields it does not show. */
export function fileFlags(actor: Actor | null): Pick<ChildFile, 'can' | 'restricted'> & { health: boolean } {
  const can = (p: string) => !!actor?.permissions.has(p);
  return {
    can: {
      edit: can('children.write'),
      unmask: can('children.unmask'),
      transfer: can('children.transfer'),
      health: can('children.health'),
      contact: can('children.contact'),
    },
    restricted: can(HEALTH_PERMISSION) ? [] : ['mentalHealthNote', 'hivInfected'],
    health: can(HEALTH_PERMISSION),
  };
}
