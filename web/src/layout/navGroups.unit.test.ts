/**
 * The side menu: entries of several modules marked with one group become one group item, where the
 * group's first entry stood; the others keep their order (the menu then leaves out what a user may
 * not use, and a group left empty: visibleNav).
 */
import { describe, expect, it } from 'vitest';
import { grouped } from './navGroups';
import type { NavItem } from './navItems';

const leaf = (key: string, group?: NavItem['group']): NavItem => ({ key, label: 'nav.home', icon: null, group });

describe('grouped', () => {
  it('gathers the entries of a group in their order, where the first one stood', () => {
    const out = grouped([leaf('/a'), leaf('/s1', 'services'), leaf('/b'), leaf('/s2', 'services')]);
    expect(out.map((i) => i.key)).toEqual(['/a', 'group:services', '/b']);
    expect(out[1]?.children?.map((i) => i.key)).toEqual(['/s1', '/s2']);
    expect(out[1]?.children?.every((i) => i.group === undefined)).toBe(true);
  });

  it('keeps a grouped entry’s permission, so the menu can still leave it out', () => {
    const [g] = grouped([{ ...leaf('/s1', 'services'), permission: 'services.manage' }]);
    expect(g?.children?.[0]?.permission).toBe('services.manage');
  });
});
