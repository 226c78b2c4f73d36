import { useSearchParams } from 'react-router';

/**
 * A list page's filters, tab and page kept in the address (a reload or a shared link shows the same
 * list): the current parameters, and `set`, which changes some of them at once — an empty value
 * removes it — replacing the history entry rather than adding one per keystroke.
 */
export function useSearchPatch(): [URLSearchParams, (patch: Record<string, string | undefined>) => void] {
  const [params, setParams] = useSearchParams();
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  return [params, set];
}
