import { useEffect, useRef, useState } from 'react';

/**
 * The text typed into a searching select, settled for `delay` ms: the query key follows the settled
 * term, so typing does not fire a request per key press.
 */
export function useSearchTerm(delay = 250): [string, (q: string) => void] {
  const [term, setTerm] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const search = (q: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setTerm(q.trim()), delay);
  };
  return [term, search];
}
