/**
 * 社工分派 (plan tasks 20, 40): the street assigns children of its area to a commissioned social
 * worker, optionally under a commissioned project, with a note; the worker then sees exactly those
 * children. The API contract of the assignments module.
 */
import { z } from 'zod';
import { plainText } from './text.js';

const Note = plainText(z.string({ error: '备注应为文字' }).trim().max(500, '备注最多 500 个字'), '备注')
  .refine((v) => !/^[=+@]/.test(v), '备注不能以 = + @ 开头')
  .optional()
  .nullable();

export const AssignmentCreate = z.object({
  userId: z.string({ error: '请选择社工' }).uuid('请选择社工'),
  childIds: z.array(z.string().uuid('儿童编号无效'), { error: '请选择儿童' }).min(1, '请至少选择一名儿童').max(200, '一次最多分派 200 名儿童'),
  projectId: z.string().uuid('请选择服务项目').nullable().optional(),
  note: Note,
});
export type AssignmentCreate = z.infer<typeof AssignmentCreate>;

export const AssignmentEnd = z.object({
  userId: z.string({ error: '请选择社工' }).uuid('请选择社工'),
  childId: z.string({ error: '请选择儿童' }).uuid('请选择儿童'),
});
export type AssignmentEnd = z.infer<typeof AssignmentEnd>;

export const Worker = z.object({
  userId: z.string(),
  name: z.string(),
  username: z.string(),
  organisation: z.string().nullable(),
  /** Why the worker is offered to the caller's street: the organisation serves it, or the ledger places the worker there. */
  basis: z.enum(['organisation', 'ledger']),
  /** Access suspended (no valid record check): children cannot be assigned. */
  suspended: z.boolean(),
  children: z.number(),
});
export type Worker = z.infer<typeof Worker>;
export const WorkerList = z.object({ items: z.array(Worker) });

export const Assignment = z.object({
  childId: z.string(),
  childName: z.string(),
  committeeName: z.string(),
  userId: z.string(),
  workerName: z.string(),
  projectId: z.string().nullable(),
  projectName: z.string().nullable(),
  note: z.string().nullable(),
  assignedAt: z.string(),
  assignedByName: z.string().nullable(),
});
export type Assignment = z.infer<typeof Assignment>;
export const AssignmentQuery = z.object({
  userId: z.string().uuid('社工编号无效').optional(),
  childId: z.string().uuid('儿童编号无效').optional(),
});
export const AssignmentList = z.object({ items: z.array(Assignment) });
export const AssignResult = z.object({ assigned: z.number(), already: z.number() });

export const AssignOptions = z.object({
  workers: z.array(Worker),
  projects: z.array(z.object({ id: z.string(), name: z.string(), organisation: z.string() })),
  /** The committees of the caller's streets with their children (to assign a whole committee at once). */
  committees: z.array(z.object({ id: z.string(), name: z.string(), children: z.number() })),
});
