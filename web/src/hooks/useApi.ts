import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export interface ApiState<T> {
  data: T | undefined;
  loading: boolean;
  error: unknown;
  reload: () => void;
  setData: (data: T | undefined) => void;
}

/**
 * Runs a loader when its dependencies change. Answers that arrive after a newer request started are
 * dropped, so fast filter changes never show an older result.
 */
export function useApi<T>(loader: () => Promise<T>, deps: DependencyList): ApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);

  // The caller lists what the loader depends on, as with useEffect.
  const load = useCallback(loader, deps);

  useEffect(() => {
    const id = ++latest.current;
    setLoading(true);
    setError(null);
    load()
      .then((result) => {
        if (id === latest.current) setData(result);
      })
      .catch((err: unknown) => {
        if (id === latest.current) setError(err);
      })
      .finally(() => {
        if (id === latest.current) setLoading(false);
      });
  }, [load, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, loading, error, reload, setData };
}
