/** Rows of the assignments module → API shapes. */
import type { Assignment, Worker } from '#common/assignments.js';
import type { AssignmentRow, WorkerRow } from './repo.js';

export function workerOut(r: WorkerRow): Worker {
  return {
    userId: r.user_id,
    name: r.name,
    username: r.username,
    organisation: r.organisation,
    basis: r.by_org ? 'organisation' : 'ledger',
    suspended: r.suspended,
    children: r.children,
  };
}

export function assignmentOut(r: AssignmentRow): Assignment {
  return {
    childId: r.child_id,
    childName: r.child_name,
    committeeName: r.committee_name,
    userId: r.user_id,
    workerName: r.worker_name,
    projectId: r.project_id,
    projectName: r.project_name,
    note: r.note,
    assignedAt: r.assigned_at.toISOString(),
    assignedByName: r.assigned_by_name,
  };
}
