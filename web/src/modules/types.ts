import type { ComponentType, ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '@common/permissions';
import type { NavItem } from '../layout/navItems';
import type { MessageKey } from '../locales/zh-CN';

/** A tab a module adds to the child file page (e.g. 走访记录, 问题与解决). */
export interface ChildTab {
  key: string;
  label: MessageKey;
  permission?: Permission;
  /** Shown to whoever holds any of these (when `permission` is not set). */
  anyPermission?: Permission[];
  /** `version` is the file's version, `onChanged` reloads the file header after a change. */
  render: (props: { childId: string; onChanged: () => void }) => ReactNode;
}

/**
 * What a domain module contributes to the interface. Each module lives in web/src/modules/<name>/
 * and is listed once in registry.ts; the router, the side menu, the home page and the child
 * file page read from the registry, so modules never edit each other's files.
 */
export interface WebModule {
  name: string;
  /** Routes inside the application layout (paths without a leading slash). */
  routes: RouteObject[];
  /** Side-menu entries, placed after 儿童档案. */
  nav: NavItem[];
  /** To-do cards on 工作台. */
  homeCards?: { key: string; permission?: Permission; component: ComponentType }[];
  childTabs?: ChildTab[];
  /** Breadcrumb entries of the module's pages (`parent` is another crumb's pattern, '/' for home). */
  crumbs?: { pattern: string; label: MessageKey; parent?: string }[];
}
