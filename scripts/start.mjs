// `npm start`: builds the web interface when its sources are newer than the last build, then runs
// the server (TypeScript through tsx). Signals are passed on so Ctrl-C stops PostgreSQL cleanly.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildWebIfStale } from './webBuild.mjs';

const root = path.resolve(import.meta.dirname, '..');
try {
  // NUANYANG_SKIP_WEB_BUILD=1: serve whatever web/dist holds (or the API alone), e.g. in a CI check
  // that only needs the server to come up.
  if (!process.env.NUANYANG_SKIP_WEB_BUILD) buildWebIfStale();
} catch (err) {
  console.error(`\n✖ 界面构建失败 / ${err.message}\n`);
  process.exit(1);
}
const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/main.ts')], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
