import { useMediaQuery } from './useMediaQuery';

/** Phone-sized screens (≤ 768 px): the menu becomes a drawer and forms put labels on top. */
export function useIsMobile(): boolean {
  return useMediaQuery('(max-width: 768px)');
}
