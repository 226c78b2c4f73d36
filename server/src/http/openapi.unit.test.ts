/**
 * The API document is what department systems and generated clients read: it passes Redocly's
 * recommended lint (redocly.yaml) with no errors, every operation has a stable, unique operationId
 * and states its security, and openapi-typescript turns it into the types the web's client uses.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument, openApiTypes } from '../../../scripts/openapi.js';

type Operation = { operationId?: string; security?: unknown[] };
let doc: Record<string, unknown>;
const root = path.resolve(import.meta.dirname, '../../..');

beforeAll(async () => {
  doc = await openApiDocument();
}, 120_000);

describe('the OpenAPI document', () => {
  it('gives every operation a unique operationId and its security', () => {
    const ids = new Map<string, string>();
    const problems: string[] = [];
    for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${p}`;
        if (!op.operationId) problems.push(`${where}: no operationId`);
        else if (ids.has(op.operationId)) problems.push(`${where}: operationId ${op.operationId} also on ${ids.get(op.operationId)}`);
        else ids.set(op.operationId, where);
        if (!Array.isArray(op.security)) problems.push(`${where}: no security`);
      }
    }
    expect(problems).toEqual([]);
    expect(ids.size).toBeGreaterThan(100);
  });

  it('passes the Redocly lint with no errors', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nuanyang-oas-'));
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const run = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules/@redocly/cli/bin/cli.js'),
        'lint',
        file,
        '--config',
        path.join(root, 'redocly.yaml'),
        '--format',
        'summary',
        '--max-problems',
        '1000',
      ],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    );
    fs.rmSync(dir, { recursive: true, force: true });
    const errorLines = (run.stdout + run.stderr).split('\n').filter((l) => /^error\s/.test(l.trim()));
    expect(errorLines).toEqual([]);
    expect(run.status).toBe(0);
  }, 120_000);

  it('turns into TypeScript types for a generated client', async () => {
    const types = await openApiTypes(doc);
    expect(types).toContain('export interface paths');
    expect(types).toContain('"/api/children/{id}"');
    // openapi-typescript over the whole document: about 1 s alone, over 5 s (the unit default) on a loaded machine.
  }, 60_000);
});
