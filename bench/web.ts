/**
 * `npm run bench:web`: first load of the interface on a slow phone. Starts the real server (its own
 * process, embedded PostgreSQL in a fresh temporary folder, 600 demo children), then drives
 * Chromium (playwright-core, /usr/bin/chromium or CHROMIUM_PATH) with the throttling profile of the
 * issue: 1.6 Mbps down / 750 kbps up / 150 ms round trip, CPU 4× slower.
 *
 * For each page (the child director's home, the children list), in a fresh browser profile (empty
 * cache) already logged in as director-dinghai, it measures the bytes sent over the wire (encoded,
 * i.e. after compression, headers included) and the time from navigation until the data shows
 * (the home's figure, the list's first row). Then it reloads the page (warm cache) and measures
 * again, which shows what immutable caching of the hashed assets saves on a second visit.
 *
 * The web build must exist (`npm run build:web`, or once `npm start`). Options: BENCH_RUNS
 * (cold loads per page, default 3; the median is printed).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { freePort } from '../server/src/db/embedded.js';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const root = path.resolve(import.meta.dirname, '..');
if (!fs.existsSync(path.join(root, 'web/dist/index.html'))) {
  console.error('web/dist is missing: run `npm run build:web` first');
  process.exit(1);
}
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nuanyang-bench-web-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;

const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/main.ts')], {
  cwd: root,
  env: { ...process.env, PORT: String(port), NUANYANG_DATA_DIR: dataDir, LOG_LEVEL: 'warn', NUANYANG_JOBS: 'false', DATABASE_URL: '' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
server.stdout.on('data', () => {});
let stopped = false;
const stop = () => {
  if (stopped) return;
  stopped = true;
  server.kill('SIGINT');
};
process.on('exit', stop);

async function waitReady(): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}
await waitReady();

// The profile of the issue (Chrome DevTools' "Slow 4G"-like preset, bytes per second).
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_RATE = 4;

interface Measure {
  bytes: number;
  requests: number;
  ms: number;
}

async function throttle(page: Page): Promise<{ cdp: CDPSession; bytes: () => { bytes: number; requests: number } }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
  let bytes = 0;
  let requests = 0;
  // BENCH_VERBOSE=1 prints each request's start and end (seconds since navigation) and its bytes.
  const started = new Map<string, { url: string; at: number }>();
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string }; timestamp: number }) =>
    started.set(e.requestId, { url: e.request.url, at: e.timestamp }),
  );
  if (process.env.BENCH_VERBOSE) {
    let t0 = 0;
    cdp.on('Network.loadingFinished', (e: { requestId: string; timestamp: number; encodedDataLength: number }) => {
      const r = started.get(e.requestId);
      if (!r) return;
      t0 ||= r.at;
      console.log(
        `  ${(r.at - t0).toFixed(2).padStart(6)} → ${(e.timestamp - t0).toFixed(2).padStart(6)} s ${String(Math.round(e.encodedDataLength / 1024)).padStart(5)} KB ${r.url.replace(base, '')}`,
      );
    });
  }
  // encodedDataLength: what crossed the wire for this response (headers + compressed body); 0 or
  // a few header bytes when the browser answered from its cache.
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
    requests++;
  });
  return { cdp, bytes: () => ({ bytes, requests }) };
}

/** Waits until the page shows its data: the home's figure, or the list's first row. */
async function dataShown(page: Page, which: 'home' | 'children'): Promise<void> {
  if (which === 'home') {
    await page.locator('.ant-statistic-content-value').first().waitFor({ state: 'visible', timeout: 120_000 });
  } else {
    // A table on a desktop, a list of tappable rows (links to each file) on a phone.
    await page.locator('.ant-table-row, .ant-spin-container a[href^="/children/"]').first().waitFor({ state: 'visible', timeout: 120_000 });
  }
}

async function measure(context: BrowserContext, url: string, which: 'home' | 'children'): Promise<{ cold: Measure; warm: Measure }> {
  const page = await context.newPage();
  let t = await throttle(page);
  const start = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await dataShown(page, which);
  const cold = { ...t.bytes(), ms: Date.now() - start };
  await t.cdp.detach();
  // Second visit: same profile, so the browser cache holds whatever the server let it keep.
  t = await throttle(page);
  const start2 = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await dataShown(page, which);
  const warm = { ...t.bytes(), ms: Date.now() - start2 };
  await page.close();
  return { cold, warm };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

async function loggedInContext(): Promise<BrowserContext> {
  // A phone-sized window, Chinese interface, empty cache; the session cookie from the login API.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
  const r = await context.request.post(`${base}/api/auth/login`, { data: { username: 'director-dinghai', password: 'nuanyang-demo' } });
  if (!r.ok()) throw new Error(`login failed: ${r.status()} ${await r.text()}`);
  return context;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pages = [
  { name: "director's home (工作台)", url: `${base}/`, which: 'home' as const },
  { name: 'children list (儿童档案)', url: `${base}/children`, which: 'children' as const },
];
const rows: string[] = [];
try {
  for (const p of pages) {
    const cold: Measure[] = [];
    const warm: Measure[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await loggedInContext();
      const m = await measure(context, p.url, p.which);
      cold.push(m.cold);
      warm.push(m.warm);
      await context.close();
    }
    const kb = (ms: Measure[]) => (median(ms.map((m) => m.bytes)) / 1024).toFixed(0);
    const s = (ms: Measure[]) => (median(ms.map((m) => m.ms)) / 1000).toFixed(1);
    rows.push(
      `${p.name.padEnd(28)} ${`${kb(cold)} KB`.padStart(9)} ${String(median(cold.map((m) => m.requests))).padStart(5)} ${`${s(cold)} s`.padStart(8)}   ${`${kb(warm)} KB`.padStart(9)} ${`${s(warm)} s`.padStart(8)}`,
    );
  }
} finally {
  await browser.close();
  stop();
}

console.log(`\nbench:web — 1.6 Mbps down / 750 kbps up / 150 ms RTT, CPU ×${CPU_RATE} slower, 390×844 phone, director-dinghai, median of ${runs}\n`);
console.log(
  `${'page'.padEnd(28)} ${'first load'.padStart(9)} ${'reqs'.padStart(5)} ${'to data'.padStart(8)}   ${'reload'.padStart(9)} ${'to data'.padStart(8)}`,
);
for (const r of rows) console.log(r);
console.log('\n(first load: empty cache, bytes on the wire incl. headers; reload: same profile, second visit)');
await new Promise((r) => server.once('exit', r));
fs.rmSync(dataDir, { recursive: true, force: true });
