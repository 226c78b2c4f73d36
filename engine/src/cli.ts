/**
 * `npm run eligibility -- --profile file.json --date 2025-03-01 [--policy id] [--json]
 *    [--what-if policy.param=3400yuan@2026-07-01]`
 * Prints the full Chinese explanation of every policy for one child. A profile with wrong types
 * is refused with its field messages (exit 2); an invalid policy file with its file and line.
 */
import fs from 'node:fs';
import { checkExpression } from './expr/check.js';
import { evaluateChild } from './compile/single.js';
import { dayFromIso } from './dates.js';
import { loadPack, PolicyLoadError } from './load.js';
import type { Override } from './policy.js';
import { checkProfile } from './profile.js';
import { renderAll } from './render.js';

function usage(msg?: string): never {
  if (msg) console.error(msg);
  console.error('usage: npm run eligibility -- --profile file.json --date YYYY-MM-DD [--policy id] [--json] [--what-if policy.param=VALUE@YYYY-MM-DD]');
  process.exit(2);
}

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const all = (name: string) => args.flatMap((a, i) => (a === name && args[i + 1] ? [args[i + 1]!] : []));
const file = opt('--profile') ?? usage('--profile is required');
const date = opt('--date') ?? new Date().toISOString().slice(0, 10);
const asOf = dayFromIso(date) ?? usage(`--date ${date} is not a date YYYY-MM-DD`);

let pack;
try {
  pack = loadPack();
} catch (e) {
  if (e instanceof PolicyLoadError) {
    console.error(`策略文件无效：\n${e.message}`);
    process.exit(1);
  }
  throw e;
}
let input: unknown;
try {
  input = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (e) {
  usage(`cannot read ${file}: ${(e as Error).message}`);
}
const checked = checkProfile(input, pack.policyIds);
if (!checked.ok) {
  console.error('档案数据有误：');
  for (const e of checked.errors) console.error(`  ${e.path}: ${e.message}`);
  process.exit(2);
}
const overrides: Override[] = all('--what-if').map((w) => {
  const m = /^([a-z0-9-]+)\.([A-Za-z0-9]+)=(.+)@(\d{4}-\d{2}-\d{2})$/.exec(w) ?? usage(`--what-if ${w}: write policy.param=VALUE@YYYY-MM-DD`);
  const [, policy, param, value, from] = m;
  const def = pack.byId.get(policy!)?.parameters.get(param!) ?? usage(`--what-if: no parameter ${policy}.${param}`);
  const lit = checkExpression(value!.replace(/(\d)(yuan|fen|%)/, '$1 $2'), { domains: pack.domains, params: new Map() }, def.type);
  if (lit.k !== 'lit' || typeof lit.v !== 'number') usage(`--what-if: ${value} is not a value`);
  return { policy: policy!, param: param!, from: dayFromIso(from!)!, value: lit.v, note: `--what-if ${w}` };
});
const only = opt('--policy');
const results = evaluateChild(pack, checked.facts, asOf, { overrides }).filter((r) => !only || r.policy === only);
if (only && !results.length) usage(`no policy ${only}`);
console.log(args.includes('--json') ? JSON.stringify(results, null, 2) : renderAll(results, date));
