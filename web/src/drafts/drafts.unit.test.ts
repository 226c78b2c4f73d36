/**
 * The draft codec and sealing, as the browser runs them (WebCrypto is the same API in Node 20).
 * Property tests: any form values (dates included) come back equal; a draft only opens with its
 * own key, user and form.
 */
import fc from 'fast-check';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { decodeDraft, encodeDraft } from './codec';
import { importDraftKey, seal, unseal } from './seal';

/** Form-like values: nested objects and arrays of strings, numbers, booleans, nulls and dates. */
const date = fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => dayjs(d));
const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), date);
const values = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), tie('node'), { maxKeys: 5 }),
  ),
})).node;

/** dayjs objects compared by instant; everything else as is. */
function plain(v: unknown): unknown {
  if (dayjs.isDayjs(v)) return { instant: v.valueOf() };
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

/** 32 bytes of one value, base64url as the server sends keys. */
const keyText = (seed: number) =>
  btoa(String.fromCharCode(...new Array<number>(32).fill(seed)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

describe('draft codec', () => {
  it('gives back any form values, dates as dayjs objects', () => {
    fc.assert(
      fc.property(values, (v) => {
        const back = decodeDraft(encodeDraft(v));
        expect(plain(back)).toEqual(plain(v));
      }),
    );
  });

  it('revives a DatePicker value as a usable dayjs', () => {
    const back = decodeDraft(encodeDraft({ visitedOn: dayjs('2026-12-03'), problems: [{ dueOn: dayjs('2026-12-10') }] })) as {
      visitedOn: dayjs.Dayjs;
      problems: { dueOn: dayjs.Dayjs }[];
    };
    expect(dayjs.isDayjs(back.visitedOn)).toBe(true);
    expect(back.visitedOn.format('YYYY-MM-DD')).toBe('2026-12-03');
    expect(back.problems[0]!.dueOn.format('YYYY-MM-DD')).toBe('2026-12-10');
  });
});

describe('draft sealing', () => {
  it('opens with the same key and slot, never with another key, user or form', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string({ minLength: 1 }), async (text, slot) => {
        const key = await importDraftKey(keyText(1));
        const other = await importDraftKey(keyText(2));
        const sealed = await seal(key, text, slot);
        expect(await unseal(key, sealed, slot)).toBe(text);
        await expect(unseal(other, sealed, slot)).rejects.toThrow();
        await expect(unseal(key, sealed, `${slot}x`)).rejects.toThrow();
      }),
      { numRuns: 30 },
    );
  });

  it('does not show the text in the stored bytes, and refuses altered bytes', async () => {
    const key = await importDraftKey(keyText(3));
    const sealed = await seal(key, '孩子与祖母同住', 'u|visit:new:1');
    expect(new TextDecoder().decode(sealed.data)).not.toContain('祖母');
    const bytes = new Uint8Array(sealed.data.slice(0));
    bytes[0] = bytes[0]! ^ 1;
    await expect(unseal(key, { iv: sealed.iv, data: bytes.buffer }, 'u|visit:new:1')).rejects.toThrow();
  });
});
