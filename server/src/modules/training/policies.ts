/**
 * Pure decisions of the training module: who may edit a session (its organising unit, or the
 * district's trainers for sessions of the district), who may evaluate whom (never oneself), and
 * whether an evaluation may be saved.
 */
export interface Caller {
  userId: string;
  unitCode: string;
  permissions: ReadonlySet<string>;
}

/** A street edits its own sessions; the district (workforce.configure) edits any. */
export function canEditSession(c: Caller, organiserUnit: string | null): boolean {
  return c.permissions.has('workforce.configure') || (organiserUnit !== null && organiserUnit === c.unitCode);
}

/** Why the caller may not evaluate this person, or null. */
export function evaluateRefusal(c: Caller, person: { userId: string | null; roleKind: string }): string | null {
  if (person.roleKind !== 'child_director') return '年度考核评价只针对儿童主任';
  if (person.userId !== null && person.userId === c.userId) return '不能评价自己，请由其他审核人评价';
  return null;
}

/** Why this save of an evaluation is refused, or null. */
export function saveRefusal(current: { status: string } | null, finish: boolean, grade: string | null): string | null {
  if (current?.status === 'done') return '该年度评价已完成，不能再修改';
  if (finish && grade === null) return '完成评价前请选择评价等次';
  return null;
}

/** The day metrics are computed on: the year's last day, or today while the year runs. */
export function metricsDay(year: number, today: string): string {
  const end = `${year}-12-31`;
  return today < end ? today : end;
}
