import { Suspense, lazy, type ComponentType } from 'react';
import { Spin } from 'antd';

/**
 * A named export loaded on first render, for parts a module registers statically (a child-file tab):
 * the registry is read at start-up, so a plain import would put every tab — and the antd
 * components it uses (tables, date pickers, uploads) — into the first download of every page.
 * The spinner stays inside the tab while its code arrives.
 */
export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Lazy = lazy(async () => ({ default: await load() }));
  function LazyPart(props: P) {
    return (
      <Suspense fallback={<Spin style={{ display: 'block', padding: 24 }} />}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  return LazyPart;
}
