import { useEffect, useState } from 'react';

/** Phone-sized screens (≤ 768 px): the menu becomes a drawer and forms put labels on top. */
const QUERY = '(max-width: 768px)';

export function useIsMobile(): boolean {
  const [mobile, setMobile] = useState(() => window.matchMedia(QUERY).matches);
  useEffect(() => {
    const media = window.matchMedia(QUERY);
    const onChange = () => setMobile(media.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  return mobile;
}
