// `npm test` after the type check: runs vitest with a JSON report beside the normal output, and
// fails unless every project (unit, server, e2e) ran tests and none failed. Vitest can exit 0 after
// an error that stopped it from running anything; a suite that ran nothing must not look green.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const report = path.join(root, 'test-results', 'vitest.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });

const args = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
const run = spawnSync(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), ...args], { cwd: root, stdio: 'inherit' });

if (!fs.existsSync(report)) {
  console.error('\n✖ vitest wrote no report: the run did not complete');
  process.exit(run.status || 1);
}
const r = JSON.parse(fs.readFileSync(report, 'utf8'));
const files = r.testResults ?? [];
const projects = new Set(
  files.map((f) => (f.name.includes('/tests/e2e/') ? 'e2e' : f.name.includes('/server/src/') && !f.name.endsWith('.unit.test.ts') ? 'server' : 'unit')),
);
const filtered = process.argv.length > 2; // a filtered run (one project or file) need not cover all
const missing = filtered ? [] : ['unit', 'server', 'e2e'].filter((p) => !projects.has(p));
const passed = r.numPassedTests ?? 0;
const failed = (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0);
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (run.status !== 0 || failed > 0 || r.success === false || passed === 0 || missing.length) {
  if (missing.length) console.error(`✖ no tests ran in: ${missing.join(', ')}`);
  if (passed === 0) console.error('✖ no test passed');
  process.exit(run.status || 1);
}
