import type { ReactNode } from 'react';
import { AppstoreAddOutlined, TeamOutlined } from '@ant-design/icons';
import type { MessageKey } from '../locales/zh-CN';
import type { NavItem } from './navItems';

/**
 * Groups that several modules fill: issue 13 added six modules' pages (programmes, 送教上门, holiday
 * plans, activities, cadence compliance, their rules), which as top-level entries doubled the menu.
 */
const NAV_GROUPS = {
  services: { label: 'nav.group.services', icon: <AppstoreAddOutlined /> },
  // 固本强基 (issue 14): the ledger, record checks, staffing, stations, training, organisations, charity
  workforce: { label: 'nav.group.workforce', icon: <TeamOutlined /> },
} satisfies Record<string, { label: MessageKey; icon: ReactNode }>;
export type NavGroup = keyof typeof NAV_GROUPS;

/** Grouped entries become one group item, where the group's first entry stood. */
export function grouped(items: NavItem[]): NavItem[] {
  const out: NavItem[] = [];
  const groups = new Map<NavGroup, NavItem>();
  for (const item of items) {
    if (!item.group) {
      out.push(item);
      continue;
    }
    let g = groups.get(item.group);
    if (!g) {
      g = { key: `group:${item.group}`, ...NAV_GROUPS[item.group], children: [] };
      groups.set(item.group, g);
      out.push(g);
    }
    g.children?.push({ ...item, group: undefined });
  }
  return out;
}
