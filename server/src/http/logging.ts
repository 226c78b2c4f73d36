/**
 * Server log options. Requests are logged by method, path and id only: no query string (it may
 * hold a search term such as a name), no headers (cookies, CSRF tokens), no bodies.
 */
import type { DestinationStream } from 'pino';

export function loggerOptions(level: string, stream?: DestinationStream) {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, path: req.url.split('?')[0], id: req.id }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/** Properties of a database error that name the schema, never the data. */
const SAFE_PG_FIELDS = ['code', 'severity', 'schema', 'table', 'column', 'constraint', 'dataType', 'routine'] as const;

/**
 * What of an error may go to the log. Query errors carry personal data in several places: a query
 * library that wraps the driver's error may put the parameters in its message ("params: 张三,…")
 * and in `params`; pg's errors quote the offending value in messages such as `invalid input syntax for type date: "…"` and
 * in `detail` ("Key (name)=(…) already exists"), and `where` may quote a statement. Only the code,
 * the names of the objects involved, the message with quoted values removed, and the stack frames are kept.
 */
export function errorForLog(err: unknown): Record<string, unknown> {
  if (!err || typeof err !== 'object') return { message: String(err) };
  const e = err as Error & Record<string, unknown>;
  // An error wrapping the driver's (query text, params, cause): log the cause, and the SQL text (placeholders only).
  const wrapped = typeof e.query === 'string' && 'params' in e && !!e.cause && typeof e.cause === 'object';
  const inner = wrapped ? (e.cause as Error & Record<string, unknown>) : e;
  const out: Record<string, unknown> = { type: wrapped ? 'WrappedQueryError' : typeof e.name === 'string' ? e.name : 'Error' };
  for (const k of SAFE_PG_FIELDS) if (typeof inner[k] === 'string') out[k] = inner[k];
  out.message = scrubMessage(String(inner.message ?? ''));
  if (inner !== e && typeof e.query === 'string') out.query = e.query;
  // Only the frames: the lines before them repeat the message (and a wrapper's, the parameters).
  if (typeof e.stack === 'string')
    out.stack = e.stack
      .split('\n')
      .filter((l) => /^\s+at /.test(l))
      .join('\n');
  return out;
}

/** Removes quoted values and anything after "params:" from a message. */
export function scrubMessage(message: string): string {
  return message
    .replace(/\n?params:[\s\S]*$/, '')
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/\((?:[^()]*)\)=\((?:[^()]*)\)/g, '(…)=(…)')
    .slice(0, 500);
}
