/**
 * The built interface on a slow phone link: hashed assets go out compressed (the .br / .gz the build
 * wrote beside them, chosen by Accept-Encoding) and may be cached for a year; index.html is
 * revalidated on every load so a new release is picked up at once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { testEnv, type TestEnv } from '../../test/harness.js';

let env: TestEnv;
let app: FastifyInstance;
let dist: string;
const script = `console.log(${JSON.stringify('暖杨 '.repeat(2000))});\n`;
const html = `<!doctype html><html lang="zh-CN"><head><script type="module" src="/assets/index-Ab12Cd.js"></script></head><body><div id="root"></div>${' '.repeat(2000)}</body></html>`;

beforeAll(async () => {
  env = await testEnv();
  // A build as the vite plugin writes it: each text asset with its brotli and gzip twins.
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'nuanyang-dist-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  const write = (rel: string, body: string) => {
    fs.writeFileSync(path.join(dist, rel), body);
    fs.writeFileSync(path.join(dist, `${rel}.br`), zlib.brotliCompressSync(body));
    fs.writeFileSync(path.join(dist, `${rel}.gz`), zlib.gzipSync(body));
  };
  write('assets/index-Ab12Cd.js', script);
  write('index.html', html);
  fs.writeFileSync(path.join(dist, 'assets/tiny-Zz99.css'), 'a{}'); // below the threshold: no twins
  fs.writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  app = await buildApp({ ...env.deps, config: { ...env.deps.config, webDist: dist } });
});
afterAll(async () => {
  await app?.close();
  await env?.close();
  if (dist) fs.rmSync(dist, { recursive: true, force: true });
});

const get = (url: string, encoding?: string) => app.inject({ method: 'GET', url, headers: encoding === undefined ? {} : { 'accept-encoding': encoding } });

describe('hashed assets', () => {
  it('answer with brotli when the browser accepts it, gzip otherwise, plain when it accepts neither', async () => {
    const br = await get('/assets/index-Ab12Cd.js', 'gzip, deflate, br, zstd');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(script) / 5);

    const gz = await get('/assets/index-Ab12Cd.js', 'gzip, deflate');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await get('/assets/index-Ab12Cd.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.payload).toBe(script);
    for (const r of [br, gz, plain]) expect(r.headers.vary).toContain('accept-encoding');
  });

  it('are cached immutably for a year, compressed or not', async () => {
    for (const [url, enc] of [
      ['/assets/index-Ab12Cd.js', 'br'],
      ['/assets/index-Ab12Cd.js', 'gzip'],
      ['/assets/tiny-Zz99.css', 'br, gzip'],
    ] as const) {
      const res = await get(url, enc);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], `${url} ${enc}`).toBe('public, max-age=31536000, immutable');
    }
    // The tiny file has no compressed twin: it is sent as it is.
    expect((await get('/assets/tiny-Zz99.css', 'br, gzip')).headers['content-encoding']).toBeUndefined();
  });

  it('a missing asset is still a 404, never the page', async () => {
    const res = await get('/assets/no-such-file.js', 'br');
    expect(res.statusCode).toBe(404);
    expect(String(res.headers['cache-control'] ?? '')).not.toContain('immutable');
  });
});

describe('the page itself', () => {
  it('is compressed and revalidated on every load at / and at application paths', async () => {
    for (const url of ['/', '/children', '/children/some-id']) {
      const res = await get(url, 'gzip, deflate, br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(html);
    }
  });

  it('other public files are cached for an hour only (their names carry no hash)', async () => {
    const res = await get('/favicon.svg', 'br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
  });
});

describe('API answers', () => {
  it('are compressed when large and JSON, with brotli or gzip as accepted', async () => {
    const plain = await get('/api/openapi.json');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await get('/api/openapi.json', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const gz = await get('/api/openapi.json', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString())).toEqual(plain.json());
  });

  it('are not compressed under /api/auth (they carry the CSRF token) nor when small', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-encoding': 'br, gzip' },
      payload: { username: 'district', password: 'nuanyang-demo' },
    });
    expect(login.statusCode).toBe(200);
    expect(login.headers['content-encoding']).toBeUndefined();
    expect(login.json().csrfToken).toBeTruthy();
    const health = await get('/api/health', 'br, gzip');
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(health.json().status).toBe('ok');
  });
});
