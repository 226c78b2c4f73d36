/**
 * The server's import graph has no cycle, type-only imports included, and no two domain modules
 * import each other (a module uses another's commands, queries or repo, never the other way round
 * as well). Modules import core, never app.ts. Read from the source text: relative imports only
 * (`#common/*`, packages and node built-ins cannot point back into the server).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const serverSrc = path.resolve(import.meta.dirname, '..');
const modulesDir = path.join(serverSrc, 'modules');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g;

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (!spec) continue;
    const target = path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts'));
    if (fs.existsSync(target)) out.push(target);
  }
  return out;
}

const files = sourceFiles(serverSrc);
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const rel = (f: string) => path.relative(serverSrc, f);

describe('the server import graph', () => {
  it('has no cycle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, trail: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(f)), f].map(rel).join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const g of graph.get(f) ?? []) visit(g, [...trail, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('keeps modules off app.ts', () => {
    const app = path.join(serverSrc, 'app.ts');
    const offenders = files.filter((f) => f.startsWith(modulesDir) && graph.get(f)?.includes(app)).map(rel);
    expect(offenders).toEqual([]);
  });

  it('has no two domain modules importing each other', () => {
    const moduleOf = (f: string) => (f.startsWith(modulesDir + path.sep) ? path.relative(modulesDir, f).split(path.sep)[0] : null);
    const uses = new Set<string>();
    for (const [f, targets] of graph) {
      const a = moduleOf(f);
      for (const t of targets) {
        const b = moduleOf(t);
        if (a && b && a !== b && !f.endsWith(`${path.sep}modules${path.sep}index.ts`)) uses.add(`${a}>${b}`);
      }
    }
    const mutual = [...uses].filter((u) => {
      const [a = '', b = ''] = u.split('>');
      return a < b && uses.has(`${b}>${a}`);
    });
    expect(mutual).toEqual([]);
  });
});
