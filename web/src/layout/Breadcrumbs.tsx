import { Breadcrumb } from 'antd';
import { Link, matchPath, useLocation } from 'react-router';
import { useT } from '../i18n/useT';
import type { MessageKey } from '../locales/zh-CN';
import { WEB_MODULES } from '../modules/registry';

interface Crumb {
  pattern: string;
  label: MessageKey;
  parent?: string;
  /** Groups have no page of their own: shown as text, not a link. */
  noLink?: boolean;
}

/** Breadcrumb trail per route; detail pages point to their list. */
const CRUMBS: Crumb[] = [
  { pattern: '/', label: 'nav.home' },
  { pattern: '/children', label: 'nav.children', parent: '/' },
  { pattern: '/children/new', label: 'nav.childNew', parent: '/children' },
  { pattern: '/children/:id/edit', label: 'nav.childEdit', parent: '/children' },
  { pattern: '/children/:id', label: 'nav.childDetail', parent: '/children' },
  { pattern: '/me', label: 'nav.me', parent: '/' },
  { pattern: '/admin', label: 'nav.admin', parent: '/', noLink: true },
  ...WEB_MODULES.flatMap((m) => m.crumbs ?? []),
];

function trail(pathname: string): Array<{ crumb: Crumb; href: string }> {
  // The most specific match wins: '/children/import' before '/children/:id'.
  const params = (c: Crumb) => (c.pattern.match(/:/g) ?? []).length;
  const found = CRUMBS.filter((c) => matchPath({ path: c.pattern, end: true }, pathname)).sort((a, b) => params(a) - params(b))[0];
  if (!found) return [];
  const out = [{ crumb: found, href: pathname }];
  let parent = found.parent;
  while (parent) {
    const p = CRUMBS.find((c) => c.pattern === parent);
    if (!p) break;
    out.unshift({ crumb: p, href: p.pattern });
    parent = p.parent;
  }
  return out;
}

export function Breadcrumbs() {
  const t = useT();
  const { pathname } = useLocation();
  const items = trail(pathname);
  // The home page needs no trail; a single crumb would only repeat the title.
  if (items.length < 2) return null;
  return (
    <Breadcrumb
      style={{ marginBottom: 12 }}
      items={items.map(({ crumb, href }, i) => ({
        key: href,
        title: i === items.length - 1 || crumb.noLink ? t(crumb.label) : <Link to={href}>{t(crumb.label)}</Link>,
      }))}
    />
  );
}
