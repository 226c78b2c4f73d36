import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCheckpointLine, serializeCheckpoint, signCheckpoint, type Checkpoint } from './checkpoints.js';

const key = crypto.randomBytes(32);
const hex64 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'));
const fields = fc.record({
  db: fc.stringMatching(/^[a-z_][a-z0-9_]{0,20}$/),
  id: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  hash: hex64,
  count: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  at: fc.date({ min: new Date('2020-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  alg: fc.constantFrom('sha256' as const, 'sm3' as const),
});

describe('audit checkpoint lines', () => {
  it('a signed line parses back to the same checkpoint', () => {
    fc.assert(
      fc.property(fields, (f) => {
        const cp = signCheckpoint(key, f);
        const p = parseCheckpointLine(serializeCheckpoint(cp), key);
        expect(p).toEqual({ ok: true, checkpoint: cp });
      }),
    );
  });

  it('changing any signed field, or the key, makes the line invalid', () => {
    const field = fc.constantFrom<keyof Omit<Checkpoint, 'v' | 'mac'>>('db', 'id', 'hash', 'count', 'at', 'alg');
    fc.assert(
      fc.property(fields, fields, field, (f, g, k) => {
        fc.pre(f[k] !== g[k]);
        const cp = signCheckpoint(key, f);
        const forged = { ...cp, [k]: g[k] };
        expect(parseCheckpointLine(serializeCheckpoint(forged), key).ok).toBe(false);
        expect(parseCheckpointLine(serializeCheckpoint(cp), crypto.randomBytes(32)).ok).toBe(false);
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(parseCheckpointLine(s, key).ok).toBe(false);
      }),
    );
    for (const bad of ['null', '[]', '{"v":1}', '{"v":1,"db":"x","id":-1}', '"str"']) expect(parseCheckpointLine(bad, key).ok).toBe(false);
  });
});
