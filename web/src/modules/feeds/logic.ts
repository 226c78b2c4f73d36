/** The feeds module's pure parts: the mapping form's rows, the server's messages placed by field, what confirming does, the example call. */
import type { Feed, FeedFact, FeedField, FeedMapping, FeedRecord, FeedRun } from './types';

export interface ValuePair {
  from: string;
  to: string;
}
export interface ColumnRow {
  header: string;
  field: FeedField | undefined;
  values: ValuePair[];
}

/** The form's rows from the feed's mapping. */
export function toRows(mapping: FeedMapping): ColumnRow[] {
  return mapping.columns.map((c) => ({ header: c.header, field: c.field, values: Object.entries(c.values ?? {}).map(([from, to]) => ({ from, to })) }));
}

/** The mapping from the form's rows (rows already validated: every field chosen). */
export function toMapping(rows: ColumnRow[]): FeedMapping {
  return {
    columns: rows.flatMap((r) => {
      if (!r.field) return [];
      const pairs = (r.values ?? []).filter((p) => p.from?.trim() && p.to?.trim());
      return [
        { header: r.header.trim(), field: r.field, ...(pairs.length ? { values: Object.fromEntries(pairs.map((p) => [p.from.trim(), p.to.trim()])) } : {}) },
      ];
    }),
  };
}

/**
 * The server names a mapping problem by its path in the body (`mapping.columns.2.header`, or with a
 * leading `body`): a column's header or field goes under that cell; anything else is returned for an
 * alert above the table.
 */
export function mappingErrors(fields: { path: string; message: string }[]): {
  cells: { name: (string | number)[]; errors: string[] }[];
  other: string[];
  top: { name: string; errors: string[] }[];
} {
  const cells = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const other: string[] = [];
  const top = new Map<string, string[]>();
  for (const f of fields) {
    const parts = f.path.split(/[./[\]]/).filter(Boolean);
    if (parts[0] === 'body') parts.shift();
    if (parts[0] === 'mapping' && parts[1] === 'columns' && parts[2] !== undefined && /^\d+$/.test(parts[2])) {
      const index = Number(parts[2]);
      const leaf = parts[3] === 'header' || parts[3] === 'field' ? parts[3] : 'values';
      if (leaf === 'values') {
        other.push(`${index + 1}: ${f.message}`);
        continue;
      }
      const key = `${index}.${leaf}`;
      const cell = cells.get(key) ?? { name: ['columns', index, leaf], errors: [] };
      cell.errors.push(f.message);
      cells.set(key, cell);
    } else if (parts[0] && ['frequency', 'autoApply', 'reviewer', 'rateLimitPerMinute'].includes(parts[0])) {
      top.set(parts[0], [...(top.get(parts[0]) ?? []), f.message]);
    } else {
      other.push(f.message);
    }
  }
  return { cells: [...cells.values()], other, top: [...top].map(([name, errors]) => ({ name, errors })) };
}

/** What confirming will do: every matched record makes a change, applied at once or sent to review. */
export function confirmSplit(run: Pick<FeedRun, 'counts'>, feed: Pick<Feed, 'autoApply'> | undefined): { total: number; auto: number; review: number } {
  const total = run.counts.matched + run.counts.matchedByName;
  return feed?.autoApply ? { total, auto: total, review: 0 } : { total, auto: 0, review: total };
}

/** The example call: the feed's own headers as the record's keys. */
export function curlExample(origin: string, feed: Pick<Feed, 'code' | 'mapping'>, key: string): string {
  const record = Object.fromEntries(feed.mapping.columns.map((c) => [c.header, '…']));
  const body = JSON.stringify({ records: [record] });
  return [
    `curl -X POST '${origin}/api/feeds/${encodeURIComponent(feed.code)}/push' \\`,
    `  -H 'Authorization: Bearer ${key}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  --data '${body.replace(/'/g, "'\\''")}'`,
  ].join('\n');
}

/** A rate 0..1 as a percentage; null (nothing received yet) as a dash. */
export const percent = (rate: number | null): string => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

/**
 * 主动发现: the new-file form for a child the data found and no file holds, started from what the
 * source gave (name, birth date; the identity number is not kept in clear, so it is typed from the
 * source's document). Only for facts about a child: a parent's record starts no child's file.
 */
export function newFileLink(record: Pick<FeedRecord, 'name' | 'birthDate'>, fact: FeedFact | undefined): string | null {
  if (!fact?.startsWith('child.')) return null;
  const q = new URLSearchParams();
  if (record.name) q.set('name', record.name);
  if (record.birthDate) q.set('birthDate', record.birthDate);
  const s = q.toString();
  return s ? `/children/new?${s}` : '/children/new';
}
