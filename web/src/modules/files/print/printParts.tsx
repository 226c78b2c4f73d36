/** Building blocks of the printed file: form-like key/value tables, grids, and the lists read from other modules. */
import type { ReactNode } from 'react';
import { Alert } from 'antd';
import { ApiError } from '../../../api/client';
import { useT } from '../../../i18n/useT';
import { isMessageKey } from '../../../locales/zh-CN';

/** A list from another module: null when that module is not there (404), an error to show otherwise. */
export type Part<T> = { items: T[]; total?: number } | null | { error: string };

export async function optional<T>(load: () => Promise<{ items: T[]; total?: number }>): Promise<Part<T>> {
  try {
    const r = await load();
    return { items: r.items ?? [], total: r.total };
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    return { error: err instanceof ApiError && err.message ? err.message : String(err) };
  }
}

export function useLabel() {
  const t = useT();
  return (key: string, fallback?: string | null): string => (isMessageKey(key) ? t(key) : (fallback ?? key.split('.').pop() ?? ''));
}
export const dash = (v: ReactNode | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
export const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? '—' : `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;

/** A two-pairs-per-row form table, as on paper forms. */
export function KeyValues({ rows }: { rows: [string, ReactNode][] }) {
  const pairs: [string, ReactNode][][] = [];
  for (let i = 0; i < rows.length; i += 2) pairs.push(rows.slice(i, i + 2));
  return (
    <table className="print-table print-kv">
      <tbody>
        {pairs.map((p, i) => (
          <tr key={i}>
            {p.map(([k, v]) => [
              <th key={`${k}-k`}>{k}</th>,
              <td key={`${k}-v`} colSpan={p.length === 1 ? 3 : 1}>
                {dash(v)}
              </td>,
            ])}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Grid<T>({ columns, rows, empty }: { columns: { title: string; width?: string; render: (r: T) => ReactNode }[]; rows: T[]; empty: string }) {
  if (!rows.length) return <div className="print-empty">{empty}</div>;
  return (
    <table className="print-table">
      <colgroup>
        {columns.map((c) => (
          <col key={c.title} style={c.width ? { width: c.width } : undefined} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.title}>{c.title}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {columns.map((c) => (
              <td key={c.title}>{dash(c.render(r))}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PartError({ part }: { part: Part<unknown> }) {
  const t = useT();
  if (part && 'error' in part) return <Alert type="warning" showIcon message={t('files.print.partFailed', { error: part.error })} />;
  return null;
}
export const itemsOf = <T,>(p: Part<T>): T[] | null => (p && 'items' in p ? p.items : null);
