// Builds the web interface when its sources (or the shared code it imports) are newer than the
// last build. Used by `npm start` and by the browser tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

function newest(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = 0;
  for (const e of fs.readdirSync(p)) t = Math.max(t, newest(path.join(p, e)));
  return t;
}

export function buildWebIfStale() {
  const built = path.join(root, 'web/dist/index.html');
  const inputs = ['web/src', 'web/index.html', 'web/public', 'web/vite.config.ts', 'common/src'].map((p) => path.join(root, p)).filter((p) => fs.existsSync(p));
  const sources = Math.max(...inputs.map(newest));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return;
  console.log('构建界面 / building the web interface…');
  // Always the production bundle: under vitest NODE_ENV is 'test', and Vite would then build React's
  // and antd's development code (larger, slower, with fixed test ids) for the browser tests.
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error('web build failed');
}
