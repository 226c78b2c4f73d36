/**
 * Verifies the audit log in two steps:
 * 1. the hash chain: each row's prev_hash must equal the previous row's hash, and its hash must
 *    equal the hash recomputed from its own fields with its own algorithm (SHA-256 or SM3);
 * 2. the signed checkpoints from the data folder (checkpoints.ts): each must still find its row,
 *    with the same hash and the same number of rows up to it. Step 1 cannot see a shortened chain
 *    or a chain whose owner recomputed every hash after an edit; step 2 can.
 * After a retention purge (docs/retention.md) the chain starts from the last purged row (its id and
 * hash, kept in `audit_purges`) and the purged rows count towards each checkpoint's number of rows;
 * a checkpoint taken on a row since purged is passed over.
 * Reports the first problem found.
 */
import type pg from 'pg';
import { checkpointFile, readCheckpoints, verifySegment, type Checkpoint } from './checkpoints.js';
import * as repo from './repo.js';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenId: string | null;
  reason: string | null;
  /** Signed checkpoints compared (0: none found, so truncation could not be checked). */
  checkpoints: number;
  lastCheckpoint: { id: string; at: string } | null;
  /** Rows written after the last checkpoint: covered by the chain only. */
  afterLastCheckpoint: number;
}

export interface VerifyOptions {
  /** The data folder holding `audit-checkpoints/`, and the checkpoint key; absent → chain only. */
  anchor?: { dataDir: string; key: Buffer };
}

export async function verifyAuditChain(client: pg.ClientBase, o: VerifyOptions = {}): Promise<VerifyResult> {
  const purge = await repo.purgeBase(client);
  const purged = purge?.purged ?? 0;
  const chain = await verifySegment(client, purge?.throughId ?? 0, purge?.throughHash ?? null, null);
  const base: VerifyResult = {
    ok: true,
    checked: chain.checked,
    firstBrokenId: null,
    reason: null,
    checkpoints: 0,
    lastCheckpoint: null,
    afterLastCheckpoint: chain.checked,
  };
  if (chain.firstBrokenId) {
    base.ok = false;
    base.firstBrokenId = chain.firstBrokenId;
    base.reason = chain.reason === 'content' ? '该行内容与其哈希不符（记录被修改）' : '该行的前序哈希与上一行不符（记录被删除、插入或调换）';
  }
  if (!o.anchor) return base;

  const db = await repo.currentDatabase(client);
  const file = readCheckpoints(checkpointFile(o.anchor.dataDir, db), o.anchor.key, db);
  base.checkpoints = file.checkpoints.length;
  const last = file.checkpoints.reduce<Checkpoint | null>((a, c) => (a && a.id >= c.id ? a : c), null);
  if (last) {
    base.lastCheckpoint = { id: String(last.id), at: last.at };
    base.afterLastCheckpoint = Math.max(0, chain.checked + purged - last.count);
  }
  if (!base.ok) return base;
  if (file.bad.length) {
    const b = file.bad[0];
    if (b) return { ...base, ok: false, reason: `检查点文件第 ${b.line} 行无效（${b.error}）：检查点被伪造或改动` };
  }
  if (!file.checkpoints.length) return base;

  // Every checkpoint against the rows as they are now, in one pass over the table.
  const cps = file.checkpoints;
  const rows = await repo.rowsAtCheckpoints(
    client,
    cps.map((c) => c.id),
  );
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    const r = rows[i];
    if (!c || !r) break; // one row per checkpoint, in order
    const when = c.at.replace('T', ' ').slice(0, 19);
    if (purge && c.id <= purge.throughId) {
      // Purged by retention: only the last purged row's hash is still known.
      if (c.id === purge.throughId && purge.throughHash.toString('hex') !== c.hash) {
        return { ...base, ok: false, firstBrokenId: String(c.id), reason: `第 ${c.id} 行（最后清理的一行）的哈希与 ${when} 签名的检查点不符：清理记录被改写` };
      }
      continue;
    }
    if (r.hash === null) {
      const reason =
        r.max_id === null || r.max_id < c.id
          ? `${when} 签名的检查点记录到第 ${c.id} 行，现在日志只到第 ${r.max_id ?? 0} 行：末尾的记录被删除（截断）`
          : `${when} 签名的检查点所记的第 ${c.id} 行已不存在：记录被删除`;
      return { ...base, ok: false, firstBrokenId: String(c.id), reason };
    }
    if (r.hash.toString('hex') !== c.hash) {
      return {
        ...base,
        ok: false,
        firstBrokenId: String(c.id),
        reason: `第 ${c.id} 行的哈希与 ${when} 签名的检查点不符：该行或更早的记录被改写并重新计算了哈希`,
      };
    }
    if (r.n === null || r.n + purged !== c.count) {
      return {
        ...base,
        ok: false,
        firstBrokenId: String(c.id),
        reason: `截至第 ${c.id} 行现有 ${(r.n ?? 0) + purged} 条记录（含按保存期限清理的 ${purged} 条），${when} 签名的检查点记为 ${c.count} 条：更早的记录被删除或插入`,
      };
    }
  }
  return base;
}
