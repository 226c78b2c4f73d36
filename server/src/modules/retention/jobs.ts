/**
 * The daily retention run (docs/retention.md): started by main.ts shortly after start and then once
 * a day; tests call `runRetention` with the `now` they need. A failure is logged and retried the
 * next day; nothing is half done (one transaction).
 */
import type { AppDeps } from '../../core/deps.js';
import { runRetention } from './commands.js';

export const RETENTION_INTERVAL_MS = 24 * 60 * 60_000;

export function scheduleRetention(deps: AppDeps, log: (m: string) => void, everyMs = RETENTION_INTERVAL_MS, firstMs = 60_000): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = async () => {
    try {
      const r = await runRetention(deps, deps.clock());
      const total = Object.values(r.counts).reduce((a, b) => a + b, 0);
      if (total) log('保存期限清理：' + JSON.stringify(r.counts) + ' / retention purge: ' + String(total) + ' rows');
    } catch (err) {
      log('保存期限清理失败 / retention run failed: ' + (err instanceof Error ? err.message : String(err)));
    }
    if (!stopped) timer = setTimeout(() => void run(), everyMs);
  };
  timer = setTimeout(() => void run(), firstMs);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
