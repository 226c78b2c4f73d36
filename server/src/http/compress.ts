/**
 * Compression of API answers (JSON). The interface's own files are compressed once at build time
 * (web/vite.config.ts) and served as they are; API answers are compressed per response, cheaply
 * (brotli level 4): on a 1.6 Mbps phone link the committees list (22 KB) costs ~110 ms plain and
 * ~15 ms compressed, while compressing it costs well under a millisecond.
 *
 * Not compressed: answers under 1 KB (no gain), anything not JSON (Excel exports and attachments are
 * compressed formats already), and /api/auth/* — those carry the CSRF token, and compression of a
 * secret next to request-controlled text is what BREACH measures (the session cookie is
 * SameSite=Strict, so a cross-site page cannot make such requests with the session anyway).
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const MIN_BYTES = 1024;

/** The encoding to use for an Accept-Encoding header: brotli, then gzip, or none (q=0 honoured). */
export function pickEncoding(header: string | undefined): 'br' | 'gzip' | null {
  if (!header) return null;
  const accepted = new Set<string>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) continue;
    if (name) accepted.add(name.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return null;
}

export function registerApiCompression(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/auth/') || req.method === 'HEAD') return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // streams: files
    if (reply.hasHeader('content-encoding')) return payload;
    if (!String(reply.getHeader('content-type') ?? '').includes('json')) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    if (body.length < MIN_BYTES) return payload;
    reply.header('vary', 'accept-encoding');
    const encoding = pickEncoding(req.headers['accept-encoding']);
    if (!encoding) return payload;
    const out =
      encoding === 'br'
        ? await brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
        : await gzip(body, { level: 6 });
    reply.header('content-encoding', encoding);
    reply.removeHeader('content-length');
    return out;
  });
}
