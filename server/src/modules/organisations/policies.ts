/**
 * The pure decisions of the organisations module: whether a caller sees a served child's name
 * (only who can open the file: children.read; the row itself is already in the caller's area by
 * RLS), whether a child may join a project (a running or planned project, an active child, a day
 * within the project's period).
 */
export function mayOpenChild(permissions: ReadonlySet<string>): boolean {
  return permissions.has('children.read');
}

/** Why a child cannot join a project (null: it can). */
export function joinRefusal(project: { status: string; starts_on: string; ends_on: string }, childStatus: string, since: string): string | null {
  if (project.status !== 'running' && project.status !== 'planned') return '项目已结项或已终止，不能再添加服务对象';
  if (childStatus !== 'active') return '该儿童档案不在册，不能添加为服务对象';
  if (since < project.starts_on || since > project.ends_on) return `开始服务日期应在项目周期内（${project.starts_on} 至 ${project.ends_on}）`;
  return null;
}
