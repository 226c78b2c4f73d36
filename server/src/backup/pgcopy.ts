/**
 * COPY … TO STDOUT and COPY … FROM STDIN over a node-postgres client, without another package: the
 * client accepts "submittable" objects that speak the protocol themselves (pg-copy-streams works
 * the same way). COPY out hands each data message to a synchronous callback, so the socket is read
 * no faster than the callback writes; COPY in sends chunks and waits for the socket to drain.
 */
import type { Duplex } from 'node:stream';
import type pg from 'pg';

interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(b: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(msg: string): void;
  stream: Duplex;
}

function isCopyConnection(c: unknown): c is CopyConnection {
  if (typeof c !== 'object' || c === null) return false;
  return ['query', 'sendCopyFromChunk', 'endCopyFrom', 'sendCopyFail'].every((m) => m in c && typeof Reflect.get(c, m) === 'function');
}

function pgError(msg: unknown): Error {
  return msg instanceof Error ? msg : new Error(String(msg));
}

/** Runs `COPY (…) TO STDOUT`, handing each chunk to onData; resolves when the server is done. */
export function copyOut(client: pg.ClientBase, sql: string, onData: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed: Error | null = null;
    const submittable = {
      submit(connection: unknown) {
        if (!isCopyConnection(connection)) {
          reject(new Error('unsupported pg connection'));
          return;
        }
        connection.query(sql);
      },
      handleCopyData(msg: { chunk: Buffer }) {
        if (failed) return;
        try {
          onData(msg.chunk);
        } catch (err) {
          failed = pgError(err);
        }
      },
      handleCommandComplete() {},
      handleReadyForQuery() {
        if (failed) reject(failed);
        else resolve();
      },
      handleError(err: unknown) {
        reject(pgError(err));
      },
      handleEmptyQuery() {},
      handleRowDescription() {},
      handleDataRow() {},
      handlePortalSuspended() {},
    };
    client.query(submittable);
  });
}

export interface CopyIn {
  write(chunk: Buffer): Promise<void>;
  /** Ends the COPY; resolves with the number of rows the server loaded. */
  end(): Promise<number>;
  /** Aborts the COPY (the transaction then fails). */
  fail(reason: string): Promise<void>;
}

/** Starts `COPY … FROM STDIN`; resolves once the server accepts data. */
export function copyIn(client: pg.ClientBase, sql: string): Promise<CopyIn> {
  return new Promise((resolveStart, rejectStart) => {
    let conn: CopyConnection | null = null;
    let error: Error | null = null;
    let started = false;
    let rows = 0;
    let settle: { resolve: (n: number) => void; reject: (e: Error) => void } | null = null;
    let finished: { ok: true; rows: number } | { ok: false; error: Error } | null = null;
    const done = new Promise<number>((resolve, reject) => {
      settle = { resolve, reject };
    });
    done.catch(() => {}); // observed through end() / fail()
    const finish = (r: { ok: true; rows: number } | { ok: false; error: Error }) => {
      if (finished) return;
      finished = r;
      if (r.ok) settle?.resolve(r.rows);
      else settle?.reject(r.error);
    };
    const api: CopyIn = {
      async write(chunk) {
        if (error) throw error;
        if (!conn) throw new Error('COPY not started');
        conn.sendCopyFromChunk(chunk);
        if (conn.stream.writableNeedDrain) await new Promise((r) => conn?.stream.once('drain', r));
      },
      async end() {
        if (!error) conn?.endCopyFrom();
        return done;
      },
      async fail(reason) {
        if (!error) conn?.sendCopyFail(reason);
        await done.catch(() => {});
      },
    };
    const submittable = {
      submit(connection: unknown) {
        if (!isCopyConnection(connection)) {
          rejectStart(new Error('unsupported pg connection'));
          return;
        }
        conn = connection;
        connection.query(sql);
      },
      handleCopyInResponse() {
        started = true;
        resolveStart(api);
      },
      handleCommandComplete(msg: { text?: string }) {
        const m = /(\d+)\s*$/.exec(msg.text ?? '');
        rows = m ? Number(m[1]) : 0;
      },
      handleReadyForQuery() {
        if (error) finish({ ok: false, error });
        else finish({ ok: true, rows });
      },
      handleError(err: unknown) {
        error = pgError(err);
        if (!started) rejectStart(error);
        finish({ ok: false, error });
      },
      handleCopyData() {},
      handleEmptyQuery() {},
      handleRowDescription() {},
      handleDataRow() {},
      handlePortalSuspended() {},
    };
    client.query(submittable);
  });
}
