/** Helpers shared by the Excel export, the import template and the import reader. */
import { PassThrough } from 'node:stream';

/**
 * Spreadsheet formula injection (security requirement 24): a text that starts with = + - @ or a
 * tab / carriage return is what Excel, WPS and CSV importers may run as a formula. Such text is
 * written with a leading single quote, so it stays text wherever the file goes.
 */
export function safeText(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** Each string of a row made safe; numbers and dates stay typed values. */
export function safeRow(values: unknown[]): unknown[] {
  return values.map((v) => (typeof v === 'string' ? safeText(v) : v));
}

/** A calendar date ('YYYY-MM-DD') as the Date ExcelJS writes: midnight UTC, so Excel shows that very day. */
export function excelDate(day: string | null | undefined): Date | null {
  if (!day) return null;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

const SHANGHAI = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 'YYYY-MM-DD HH:mm' in Shanghai (UTC+8), whatever the server's time zone. */
export function shanghaiDateTime(ms: number): string {
  return SHANGHAI.format(new Date(ms)).replace('T', ' ');
}

/** '&' is a control character in Excel page headers and footers. */
export const headerText = (s: string) => s.replace(/&/g, '&&');

/** A stream that collects what an ExcelJS streaming writer produces. */
export function collector(): { stream: PassThrough; done: Promise<Buffer> } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
  return { stream, done };
}

/** Lets the event loop answer other requests between chunks of heavy work. */
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
