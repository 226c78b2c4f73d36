/**
 * Security requirement 25 — no outbound requests from user input (no SSRF): a static proof.
 *
 * 1. No source file of the server, the engine or the shared code uses an outbound network client:
 *    fetch, http(s).request/get, undici, net/tls connections, DNS lookups, axios, got, WebSocket,
 *    dgram. The allow-list is explicit and short: PostgreSQL (the `pg` driver, to the configured
 *    DATABASE_URL only — never an address from a request), `net.createServer` (a listening probe
 *    for a free port: inbound, on 127.0.0.1) and child_process for the embedded PostgreSQL's own
 *    binaries.
 * 2. No dependency of the application is an HTTP client library.
 * 3. Every field of the API schemas whose name looks like a URL is listed here with why it is never
 *    fetched (all are answers the server writes, none is read from a request): a new one fails
 *    this test until someone has looked at it.
 * The dynamic half (a canary listener that no request can make the server call) is outbound.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '__snapshots__') out.push(...sources(p));
    } else if (/\.(ts|tsx|mjs|js)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

/** Outbound network clients, by how they are called or imported. */
const OUTBOUND: [string, RegExp][] = [
  ['fetch', /(?<![\w.])fetch\s*\(|globalThis\.fetch|\bnew\s+Request\s*\(/],
  ['http/https client', /\bhttps?\.(request|get)\s*\(|from\s+['"](node:)?https?['"]|require\(\s*['"](node:)?https?['"]\s*\)/],
  ['http2', /from\s+['"](node:)?http2['"]/],
  ['undici', /\bundici\b/],
  ['net/tls connect', /\b(net|tls)\.(connect|createConnection)\s*\(|new\s+net\.Socket\s*\(/],
  ['node:tls', /from\s+['"](node:)?tls['"]/],
  ['dns', /from\s+['"](node:)?dns(\/promises)?['"]|\bdns\.(lookup|resolve\w*)\s*\(/],
  ['dgram', /from\s+['"](node:)?dgram['"]/],
  ['axios / got / node-fetch / superagent / request', /from\s+['"](axios|got|node-fetch|superagent|request|needle|ky|cross-fetch)['"]/],
  ['WebSocket / EventSource / XMLHttpRequest', /\bnew\s+(WebSocket|EventSource|XMLHttpRequest)\s*\(/],
  ['child_process', /from\s+['"](node:)?child_process['"]/],
  ['node:net', /from\s+['"](node:)?net['"]/],
];

/** file → the checks it may match, and why. */
const ALLOWED: Record<string, { checks: string[]; why: string }> = {
  'server/src/main.ts': { checks: ['node:net'], why: 'net.createServer: is the port free (listens on the configured host, connects nowhere)' },
  'server/src/db/embedded.ts': { checks: ['node:net'], why: 'net.createServer on 127.0.0.1:0: a free port for the embedded PostgreSQL' },
  'server/src/db/embeddedRoot.ts': { checks: ['child_process'], why: "the embedded PostgreSQL's own binaries (initdb, postgres) when running as root" },
};

describe('requirement 25: the server has no outbound network client', () => {
  it('no source of server/, engine/ or common/ uses one, beyond the explicit allow-list', () => {
    const files = [...sources(path.join(ROOT, 'server/src')), ...sources(path.join(ROOT, 'engine/src')), ...sources(path.join(ROOT, 'common/src'))];
    expect(files.length).toBeGreaterThan(200);
    const found: string[] = [];
    for (const f of files) {
      const rel = path.relative(ROOT, f).split(path.sep).join('/');
      const text = fs.readFileSync(f, 'utf8');
      for (const [name, re] of OUTBOUND) {
        if (!re.test(text)) continue;
        if (ALLOWED[rel]?.checks.includes(name)) continue;
        found.push(`${rel}: ${name}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the allowed net uses only listen (createServer), never connect', () => {
    for (const f of ['server/src/main.ts', 'server/src/db/embedded.ts']) {
      const text = fs.readFileSync(path.join(ROOT, f), 'utf8');
      const uses = [...text.matchAll(/\bnet\.(\w+)/g)].map((m) => m[1]);
      expect(new Set(uses), f).toEqual(new Set(['createServer']));
    }
  });

  it('the only network client among the dependencies is the PostgreSQL driver', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const clients = [
      'axios',
      'got',
      'node-fetch',
      'undici',
      'superagent',
      'request',
      'needle',
      'ky',
      'cross-fetch',
      'isomorphic-fetch',
      'ws',
      'socket.io-client',
    ];
    expect(Object.keys(pkg.dependencies).filter((d) => clients.includes(d))).toEqual([]);
    expect(Object.keys(pkg.dependencies)).toContain('pg');
  });

  it('every URL-like field of the API schemas is known and is an answer, never fetched', () => {
    // Keys of zod objects in common/src whose name says URL, link, href, URI, webhook, callback or endpoint.
    const known: Record<string, string> = {
      'api.ts otpauthUrl': 'an answer: the otpauth:// URI the server builds for the authenticator app (second factor set-up); nothing fetches it',
      'eligibility.ts url':
        "an answer: a policy's legal-basis link from the policy files in engine/policies (not from a request), shown as a link in the browser",
    };
    const found: string[] = [];
    for (const f of sources(path.join(ROOT, 'common/src'))) {
      const text = fs.readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\b(\w+)\s*:\s*z\./g)) {
        const key = m[1] ?? '';
        // a word of the camel-case name: url…, …Url, …URI, links … (not "during")
        if (/^(url|link|href|uri|webhook|callback|endpoint)|(Url|URL|Link|Href|Uri|URI|Webhook|Callback|Endpoint)s?(?![a-z])/.test(key))
          found.push(`${path.basename(f)} ${key}`);
      }
    }
    expect([...new Set(found)].sort()).toEqual(Object.keys(known).sort());
  });
});
