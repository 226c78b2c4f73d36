/** The reads of the data feeds (feeds and runs: feeds.manage; changes: feeds.review, within the caller's area). */
import type { FeedChangeList, FeedList, FeedRecordList, FeedRunList, FeedRun } from '#common/feeds.js';
import type { Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { changeOut, countsOut, feedOut, recordOut, runOut, summaryOut } from './presenters.js';
import * as repo from './repo.js';

export async function feeds(tx: Tx, now: number): Promise<FeedList> {
  const rows = await repo.feeds(tx);
  const counts = await repo.runCounts(
    tx,
    rows.flatMap((f) => (f.last_run_id ? [f.last_run_id] : [])),
  );
  return { items: rows.map((f) => summaryOut(f, f.last_run_id ? countsOut(counts.get(f.last_run_id)) : undefined, now)) };
}

export async function feed(tx: Tx, code: string, now: number) {
  const f = await repo.feed(tx, code);
  if (!f) throw errors.notFound('未找到该数据源');
  const counts = f.last_run_id ? (await repo.runCounts(tx, [f.last_run_id])).get(f.last_run_id) : undefined;
  return feedOut(f, counts ? countsOut(counts) : undefined, now);
}

export async function run(tx: Tx, id: string, duplicateOf?: string): Promise<FeedRun> {
  const r = await repo.run(tx, id);
  if (!r) throw errors.notFound('未找到该批次');
  return runOut(r, (await repo.runCounts(tx, [id])).get(id), duplicateOf);
}

export async function runs(tx: Tx, code: string, page: number, pageSize: number): Promise<FeedRunList> {
  const { rows, total } = await repo.runs(tx, code, pageSize, (page - 1) * pageSize);
  const counts = await repo.runCounts(
    tx,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => runOut(r, counts.get(r.id))), total };
}

export async function records(tx: Tx, runId: string, outcome: string | undefined, page: number, pageSize: number): Promise<FeedRecordList> {
  if (!(await repo.run(tx, runId))) throw errors.notFound('未找到该批次');
  const { rows, total } = await repo.records(tx, runId, outcome ?? null, pageSize, (page - 1) * pageSize);
  return { items: rows.map(recordOut), total };
}

export async function record(tx: Tx, id: string) {
  const r = await repo.record(tx, id);
  if (!r) throw errors.notFound('未找到该记录');
  return recordOut(r);
}

export async function changes(
  tx: Tx,
  f: { state?: string | undefined; feed?: string | undefined; street?: string | undefined; page: number; pageSize: number },
): Promise<FeedChangeList> {
  const { rows, total } = await repo.changes(tx, f, f.pageSize, (f.page - 1) * f.pageSize);
  return { items: rows.map(changeOut), total };
}

export async function change(tx: Tx, id: string) {
  const c = await repo.change(tx, id);
  if (!c) throw errors.notFound('未找到该拟变更，或不在您的权限范围内');
  return changeOut(c);
}
