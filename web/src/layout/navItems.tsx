import type { ReactNode } from 'react';
import { HomeOutlined, TeamOutlined } from '@ant-design/icons';
import { grouped, type NavGroup } from './navGroups';
import type { Permission } from '@common/permissions';
import type { MessageKey } from '../locales/zh-CN';
import { WEB_MODULES } from '../modules/registry';

export interface NavItem {
  /** The route path; for groups, a key only. */
  key: string;
  label: MessageKey;
  icon: ReactNode;
  /** Shown only when the session carries it; the server checks the same permission on the route. */
  permission?: Permission;
  /** Shown when the session carries any of these (instead of one `permission`). */
  anyPermission?: Permission[];
  children?: NavItem[];
  /** Entries of several modules that belong together go into one group of the menu (NAV_GROUPS). */
  group?: NavGroup;
}

/** The side menu. Entries a user may not use are left out, not greyed out. */
export const NAV_ITEMS: NavItem[] = [
  { key: '/', label: 'nav.home', icon: <HomeOutlined /> },
  { key: '/children', label: 'nav.children', icon: <TeamOutlined />, permission: 'children.read' },
  ...grouped(WEB_MODULES.flatMap((m) => m.nav)),
];

/** The items this user may see; groups with no visible child disappear. */
export function visibleNav(items: NavItem[], can: (p: Permission) => boolean): NavItem[] {
  const out: NavItem[] = [];
  for (const item of items) {
    if (item.permission && !can(item.permission)) continue;
    if (item.anyPermission && !item.anyPermission.some((p) => can(p))) continue;
    if (item.children) {
      const children = visibleNav(item.children, can);
      if (children.length > 0) out.push({ ...item, children });
    } else {
      out.push(item);
    }
  }
  return out;
}

/** The menu entry that owns a path (the longest matching prefix), so detail pages keep their entry lit. */
export function selectedNavKey(pathname: string, items: NavItem[]): { selected: string; open: string | null } {
  let best = { selected: '/', open: null as string | null, length: 1 };
  for (const item of items) {
    for (const leaf of item.children ?? [item]) {
      const k = leaf.key;
      if (k !== '/' && (pathname === k || pathname.startsWith(`${k}/`)) && k.length > best.length) {
        best = { selected: k, open: item.children ? item.key : null, length: k.length };
      }
    }
  }
  return { selected: best.selected, open: best.open };
}
