/**
 * Checkpoints anchor the audit chain outside the database. The chain alone proves only that rows
 * agree with each other: whoever owns the database can delete the last rows, or edit a row and
 * recompute every later hash, and the chain still verifies. A checkpoint records the chain's head
 * (row id, its hash, the number of rows up to it, the time), signed with an HMAC whose key is
 * derived from the master key — which the database never holds — and is appended to a file in the
 * data folder. The verifier then requires every checkpoint's row to exist with the same hash and
 * the same count of rows up to it: truncation and re-chaining before the latest checkpoint fail.
 *
 * One JSON object per line, in `<data folder>/audit-checkpoints/<database>.jsonl` (owner-only, 0600;
 * one file per database, so databases sharing a data folder — tests — keep their own).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import * as repo from './repo.js';

export type AuditHashAlg = 'sha256' | 'sm3';

export interface Checkpoint {
  v: 1;
  /** The database the chain lives in (current_database()). */
  db: string;
  /** The chain's head row when the checkpoint was taken. */
  id: number;
  /** That row's stored hash, hex. */
  hash: string;
  /** Rows with id ≤ `id`. */
  count: number;
  /** When the checkpoint was taken (ISO 8601, UTC). */
  at: string;
  /** HMAC algorithm of `mac`: follows NUANYANG_AUDIT_HASH. */
  alg: AuditHashAlg;
  mac: string;
}

export const CHECKPOINT_INTERVAL_MS = 60_000;

export function checkpointFile(dataDir: string, db: string): string {
  // Database names come from our own configuration; anything unusual is replaced all the same.
  return path.join(dataDir, 'audit-checkpoints', `${db.replace(/[^A-Za-z0-9_-]/g, '_')}.jsonl`);
}

function macOf(key: Buffer, c: Omit<Checkpoint, 'mac'>): string {
  // Fixed field order and separators: the JSON text's key order cannot change what is signed.
  const text = ['nuanyang-audit-checkpoint', c.v, c.db, c.id, c.hash, c.count, c.at, c.alg].join('\n');
  return crypto.createHmac(c.alg, key).update(text, 'utf8').digest('hex');
}

export function signCheckpoint(key: Buffer, c: Omit<Checkpoint, 'v' | 'mac'>): Checkpoint {
  const body = { v: 1 as const, ...c };
  return { ...body, mac: macOf(key, body) };
}

export type ParsedLine = { ok: true; checkpoint: Checkpoint } | { ok: false; error: string };

/** Parses one line and checks its signature; any change to a signed line makes it invalid. */
export function parseCheckpointLine(line: string, key: Buffer): ParsedLine {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return { ok: false, error: '不是有效的 JSON / not JSON' };
  }
  const c = o as Partial<Checkpoint>;
  if (
    typeof o !== 'object' ||
    o === null ||
    c.v !== 1 ||
    typeof c.db !== 'string' ||
    typeof c.id !== 'number' ||
    !Number.isSafeInteger(c.id) ||
    c.id < 1 ||
    typeof c.hash !== 'string' ||
    !/^[0-9a-f]{64}$/.test(c.hash) ||
    typeof c.count !== 'number' ||
    !Number.isSafeInteger(c.count) ||
    c.count < 1 ||
    typeof c.at !== 'string' ||
    Number.isNaN(Date.parse(c.at)) ||
    (c.alg !== 'sha256' && c.alg !== 'sm3') ||
    typeof c.mac !== 'string' ||
    !/^[0-9a-f]{64}$/.test(c.mac)
  ) {
    return { ok: false, error: '字段缺失或格式错误 / missing or malformed fields' };
  }
  const cp: Checkpoint = { v: 1, db: c.db, id: c.id, hash: c.hash, count: c.count, at: c.at, alg: c.alg, mac: c.mac };
  const expected = Buffer.from(macOf(key, cp), 'hex');
  if (!crypto.timingSafeEqual(expected, Buffer.from(cp.mac, 'hex'))) return { ok: false, error: '签名无效 / signature does not match' };
  return { ok: true, checkpoint: cp };
}

export function serializeCheckpoint(c: Checkpoint): string {
  return JSON.stringify({ v: c.v, db: c.db, id: c.id, hash: c.hash, count: c.count, at: c.at, alg: c.alg, mac: c.mac });
}

export interface CheckpointFile {
  checkpoints: Checkpoint[];
  /** Lines whose signature or shape is wrong (1-based line numbers). */
  bad: { line: number; error: string }[];
}

export function readCheckpoints(file: string, key: Buffer, db: string): CheckpointFile {
  if (!fs.existsSync(file)) return { checkpoints: [], bad: [] };
  const out: CheckpointFile = { checkpoints: [], bad: [] };
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      const p = parseCheckpointLine(line, key);
      if (!p.ok) out.bad.push({ line: i + 1, error: p.error });
      else if (p.checkpoint.db !== db) out.bad.push({ line: i + 1, error: `属于另一个数据库 / belongs to database ${p.checkpoint.db}` });
      else out.checkpoints.push(p.checkpoint);
    });
  return out;
}

function appendLine(file: string, line: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Append-only by construction (O_APPEND); an operator may add `chattr +a` on the file.
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    fs.writeSync(fd, `${line}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export interface CheckpointOptions {
  dataDir: string;
  key: Buffer;
  alg: AuditHashAlg;
  now?: () => Date;
}

export type CheckpointOutcome =
  | { written: true; checkpoint: Checkpoint }
  | { written: false; why: 'empty' | 'unchanged' }
  | { written: false; why: 'broken'; firstBrokenId: string; reason: string };

/**
 * Takes a checkpoint of the chain's head if it moved since the last one. The rows added since the
 * last checkpoint are verified first (from its hash onwards), so a rewrite of those rows is not
 * signed; the count is carried forward from the last checkpoint, so deletions before it stay visible.
 */
export async function writeCheckpoint(client: pg.ClientBase, o: CheckpointOptions): Promise<CheckpointOutcome> {
  const db = await repo.currentDatabase(client);
  const file = checkpointFile(o.dataDir, db);
  const { checkpoints } = readCheckpoints(file, o.key, db);
  const last = checkpoints.reduce<Checkpoint | null>((a, c) => (a && a.id >= c.id ? a : c), null);
  const head = await repo.chainHead(client);
  if (!head) return { written: false, why: 'empty' };
  if (last && head.id === last.id) return { written: false, why: 'unchanged' };
  // Fewer rows than at the last checkpoint: never sign the shortened chain.
  if (last && head.id < last.id) return { written: false, why: 'broken', firstBrokenId: String(last.id), reason: 'truncated' };
  // Start from the last checkpoint, or from the last retention purge when that checkpoint's row is gone.
  let from: { id: number; hash: Buffer; count: number } | null = last ? { id: last.id, hash: Buffer.from(last.hash, 'hex'), count: last.count } : null;
  const purge = await repo.purgeBase(client);
  if (purge && (!from || from.id < purge.throughId)) from = { id: purge.throughId, hash: purge.throughHash, count: purge.purged };
  const segment = await verifySegment(client, from ? from.id : 0, from ? from.hash : null, head.id);
  if (segment.firstBrokenId) return { written: false, why: 'broken', firstBrokenId: segment.firstBrokenId, reason: segment.reason ?? '' };
  const count = from ? from.count + segment.checked : await repo.countUpTo(client, head.id);
  const cp = signCheckpoint(o.key, { db, id: head.id, hash: head.hash.toString('hex'), count, at: (o.now?.() ?? new Date()).toISOString(), alg: o.alg });
  appendLine(file, serializeCheckpoint(cp));
  return { written: true, checkpoint: cp };
}

export interface SegmentResult {
  checked: number;
  firstBrokenId: string | null;
  reason: 'content' | 'link' | null;
}

/**
 * Recomputes rows with afterId < id ≤ upTo (upTo null: to the end), each with its own algorithm;
 * the first row must link to `afterHash` (null: the chain's first row, which links to nothing).
 */
export async function verifySegment(client: pg.ClientBase, afterId: number, afterHash: Buffer | null, upTo: number | null): Promise<SegmentResult> {
  const r = await repo.recomputeSegment(client, afterId, afterHash, upTo);
  return { checked: r.checked, firstBrokenId: r.broken_id === null ? null : String(r.broken_id), reason: r.reason };
}

/**
 * Writes a checkpoint now and then every `intervalMs` while the server runs, and a last one when it
 * stops. A failure is reported, never thrown: the audit chain in the database is still written.
 */
export function scheduleCheckpoints(
  pool: pg.Pool,
  o: CheckpointOptions,
  log: (m: string) => void,
  intervalMs = CHECKPOINT_INTERVAL_MS,
): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running.then(async () => {
      try {
        const client = await pool.connect();
        let r: CheckpointOutcome;
        try {
          r = await writeCheckpoint(client, o);
        } finally {
          client.release();
        }
        if (!r.written && r.why === 'broken') {
          log(
            `✖ 审计日志在第 ${r.firstBrokenId} 行校验失败，未写检查点 / audit chain broken at row ${r.firstBrokenId}: no checkpoint written. 请运行 npm run audit:verify`,
          );
        }
      } catch (err) {
        log(`审计检查点写入失败 / audit checkpoint failed: ${(err as Error).message}`);
      }
    });
    return running;
  };
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await run();
    },
  };
}
