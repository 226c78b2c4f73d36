// `npm run lint`: Prettier's check, then typescript-eslint. Errors fail. Non-null assertions (`x!`)
// and type assertions (`x as T`) are counted per file against lint-ratchet.json: a file may have
// fewer than it had, never more, so no new one comes in silently (one with a reason goes in with
// `--update-ratchet`, reviewed like any change). `--update-ratchet` rewrites the file from today's counts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(import.meta.dirname, '..');
const ratchetFile = path.join(root, 'lint-ratchet.json');
const RATCHETED = new Set(['@typescript-eslint/no-non-null-assertion', '@typescript-eslint/consistent-type-assertions']);
const update = process.argv.includes('--update-ratchet');

const prettier = spawnSync(process.execPath, [path.join(root, 'node_modules/prettier/bin/prettier.cjs'), '--check', '--log-level', 'warn', '.'], {
  cwd: root,
  stdio: 'inherit',
});
if (prettier.status !== 0) {
  console.error('✖ Prettier: 以上文件格式不符，运行 npx prettier --write . 修正');
  process.exit(1);
}

const eslint = new ESLint({ cwd: root });
const results = await eslint.lintFiles(['.']);
const counts = {};
let errors = 0;
for (const r of results) {
  const file = path.relative(root, r.filePath).split(path.sep).join('/');
  for (const m of r.messages) {
    if (m.ruleId && RATCHETED.has(m.ruleId)) {
      counts[file] ??= {};
      counts[file][m.ruleId] = (counts[file][m.ruleId] ?? 0) + 1;
    } else if (m.severity === 2 || m.fatal) {
      errors++;
      console.error(`${file}:${m.line}:${m.column}  ${m.message}  (${m.ruleId ?? 'parse'})`);
    }
  }
}

if (update) {
  fs.writeFileSync(ratchetFile, `${JSON.stringify(Object.fromEntries(Object.entries(counts).sort()), null, 1)}\n`);
  console.log(
    `lint-ratchet.json rewritten: ${Object.values(counts).reduce((n, c) => n + Object.values(c).reduce((a, b) => a + b, 0), 0)} assertions in ${Object.keys(counts).length} files`,
  );
}
const ratchet = fs.existsSync(ratchetFile) ? JSON.parse(fs.readFileSync(ratchetFile, 'utf8')) : {};
let grown = 0;
let total = 0;
for (const [file, rules] of Object.entries(counts)) {
  for (const [rule, n] of Object.entries(rules)) {
    total += n;
    const allowed = ratchet[file]?.[rule] ?? 0;
    if (n > allowed) {
      grown++;
      console.error(`${file}: ${n} × ${rule} (allowed ${allowed}) — remove the new one, or say why in a comment and run npm run lint -- --update-ratchet`);
    }
  }
}
console.log(`lint: ${errors} errors; ${total} assertions (! and as) under the ratchet`);
if (errors || grown) process.exit(1);
