import { useEffect } from 'react';

const SCROLLERS = '.ant-table-content, .ant-table-body';

/**
 * A table wider than a phone scrolls sideways inside its own box; without a tab stop a keyboard
 * user cannot scroll it (WCAG 2.1.1, axe `scrollable-region-focusable`). antd gives the box no
 * tabindex, so every page's tables get one here, while they scroll.
 */
export function useFocusableScrollRegions(): void {
  useEffect(() => {
    let frame = 0;
    const mark = () => {
      frame = 0;
      for (const el of document.querySelectorAll<HTMLElement>(SCROLLERS)) {
        const scrolls = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
        if (scrolls && !el.hasAttribute('tabindex')) el.tabIndex = 0;
        else if (!scrolls && el.getAttribute('tabindex') === '0') el.removeAttribute('tabindex');
      }
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(mark);
    };
    const observer = new MutationObserver(schedule);
    observer.observe(document.body, { childList: true, subtree: true });
    window.addEventListener('resize', schedule);
    schedule();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, []);
}
