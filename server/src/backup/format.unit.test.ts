/**
 * The backup file format (format.ts), property-tested: any sequence of frames comes back exactly;
 * any single changed byte, any truncation and any appended byte is refused with a BackupError
 * (never a partial success); a wrong key is named as such.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { BackupError, EncryptingWriter, decryptFile, frame, frames, type Frame, type FrameType, type KeySource } from './format.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nybak-unit-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const key: KeySource = { master: Buffer.alloc(32, 3), passphrase: null };
let n = 0;

function write(list: { type: FrameType; payload: Buffer }[], source = key, chunkSize = 64): string {
  const file = path.join(dir, `f${n++}.nybak`);
  const fd = fs.openSync(file, 'w', 0o600);
  const w = new EncryptingWriter(fd, source, chunkSize);
  for (const f of list) w.write(frame(f.type, f.payload));
  w.finish();
  fs.closeSync(fd);
  return file;
}

async function readAll(file: string, source = key): Promise<Frame[]> {
  const out: Frame[] = [];
  for await (const f of frames(decryptFile(file, source))) out.push({ type: f.type, payload: Buffer.from(f.payload) });
  return out;
}

const frameArb = fc.record({
  type: fc.constantFrom<FrameType>('H', 'T', 'D', 'E', 'F', 'M'),
  payload: fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
});

describe('backup file format', () => {
  it('returns every frame exactly, across chunk boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(frameArb, { maxLength: 12 }), fc.integer({ min: 1, max: 200 }), async (list, chunkSize) => {
        const back = await readAll(write(list, key, chunkSize));
        expect(back.map((f) => [f.type, f.payload.toString('hex')])).toEqual(list.map((f) => [f.type, f.payload.toString('hex')]));
      }),
      { numRuns: 60 },
    );
  });

  it('refuses any single altered byte, any truncation and any appended byte', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(frameArb, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        fc.constantFrom('flip', 'cut', 'append'),
        async (list, at, xor, how) => {
          const file = write(list);
          const bytes = fs.readFileSync(file);
          const i = at % bytes.length;
          const bad =
            how === 'flip'
              ? Buffer.from(bytes.map((b, j) => (j === i ? b ^ xor : b)))
              : how === 'cut'
                ? bytes.subarray(0, i)
                : Buffer.concat([bytes, Buffer.from([xor])]);
          fs.writeFileSync(file, bad);
          const err = await readAll(file).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(BackupError);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('names a wrong master key or passphrase as such', async () => {
    const file = write([{ type: 'H', payload: Buffer.from('{}') }]);
    await expect(readAll(file, { master: crypto.randomBytes(32), passphrase: null })).rejects.toThrow(/密钥不符/);
    const withPass = write([{ type: 'H', payload: Buffer.from('{}') }], { master: key.master, passphrase: 'a passphrase of some length' });
    await expect(readAll(withPass)).rejects.toThrow(/NUANYANG_BACKUP_PASSPHRASE/);
    await expect(readAll(withPass, { master: key.master, passphrase: 'another passphrase' })).rejects.toThrow(/口令不符/);
    expect((await readAll(withPass, { master: crypto.randomBytes(32), passphrase: 'a passphrase of some length' })).length).toBe(1);
  });
});
