/**
 * Form values ↔ text for the browser's drafts. Forms hold dayjs objects (dates), which JSON would
 * turn into strings the DatePicker cannot take back; they are tagged here and revived as dayjs.
 */
import dayjs from 'dayjs';

const TAG = '$dayjs';

export function encodeDraft(values: unknown): string {
  return JSON.stringify(values, function replacer(this: Record<string, unknown>, key: string, value: unknown) {
    // JSON.stringify has already called dayjs's toJSON on `value`; the original is `this[key]`.
    const raw = this[key];
    if (dayjs.isDayjs(raw)) return raw.isValid() ? { [TAG]: raw.valueOf() } : null;
    return value;
  });
}

export function decodeDraft(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      const ms = (value as Record<string, unknown>)[TAG];
      if (keys.length === 1 && typeof ms === 'number') return dayjs(ms);
    }
    return value;
  });
}
