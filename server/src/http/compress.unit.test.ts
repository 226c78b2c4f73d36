import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickEncoding } from './compress.js';

describe('pickEncoding', () => {
  it('prefers brotli, then gzip, and honours q=0', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('gzip, deflate')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0.8')).toBe('gzip');
    expect(pickEncoding('BR ; q=1')).toBe('br');
    expect(pickEncoding('*')).toBe('gzip');
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding('gzip;q=0, br;q=0')).toBeNull();
    expect(pickEncoding(undefined)).toBeNull();
    expect(pickEncoding('')).toBeNull();
  });

  it('never answers an encoding the header did not name (or allow through *), whatever the header', () => {
    fc.assert(
      fc.property(fc.string(), (header) => {
        const picked = pickEncoding(header);
        if (picked === null) return;
        const names = header
          .toLowerCase()
          .split(',')
          .map((p) => p.split(';')[0]!.trim());
        expect(names.includes(picked) || names.includes('*')).toBe(true);
      }),
    );
    const token = fc.constantFrom('br', 'gzip', 'deflate', 'identity', 'zstd', '*');
    const q = fc.constantFrom('', ';q=0', ';q=0.5', ';q=1');
    fc.assert(
      fc.property(fc.array(fc.tuple(token, q), { maxLength: 6 }), (parts) => {
        const header = parts.map(([t, p]) => t + p).join(', ');
        const allowed = (t: string) => parts.some(([n, p]) => n === t && p !== ';q=0');
        const expected = allowed('br') ? 'br' : allowed('gzip') || allowed('*') ? 'gzip' : null;
        expect(pickEncoding(header)).toBe(expected);
      }),
    );
  });
});
