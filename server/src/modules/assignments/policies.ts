/**
 * The pure decisions of the assignments module: which of the requested children an assignment
 * may take, and why a worker may not be chosen.
 */

export interface WorkerFacts {
  suspended: boolean;
}

/** Why the worker cannot take children (null: they can). */
export function workerRefusal(w: WorkerFacts | null): string | null {
  if (w === null) return '只能分派给为本街道服务的机构社工或本街道台账中的社工';
  if (w.suspended) return '该社工的从业查询已失效或未办理，不能分派儿童';
  return null;
}

/** The requested children the caller's area does not hold (unknown, another street's, or closed). */
export function outsideArea(requested: readonly string[], inArea: readonly string[]): string[] {
  const held = new Set(inArea);
  return [...new Set(requested)].filter((id) => !held.has(id));
}
