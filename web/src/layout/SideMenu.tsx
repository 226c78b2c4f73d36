import { useEffect, useMemo, useState } from 'react';
import { Menu, type MenuProps } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/useAuth';
import { useT } from '../i18n/useT';
import { NAV_ITEMS, selectedNavKey, visibleNav, type NavItem } from './navItems';

export function SideMenu({ collapsed, onNavigate }: { collapsed?: boolean; onNavigate?: () => void }) {
  const t = useT();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  const visible = useMemo(() => visibleNav(NAV_ITEMS, can), [can]);
  const { selected, open } = selectedNavKey(pathname, visible);
  // Open groups are the user's to fold; arriving at a page of a closed group (from a card or a
  // link) opens that group too, so the current page is always visible in the menu.
  const [openKeys, setOpenKeys] = useState<string[]>(() => (collapsed ? [] : ['admin', ...(open ? [open] : [])]));
  useEffect(() => {
    if (!collapsed && open) setOpenKeys((keys) => (keys.includes(open) ? keys : [...keys, open]));
  }, [open, collapsed]);

  const toItems = (items: NavItem[]): MenuProps['items'] =>
    items.map((item) =>
      item.children
        ? { key: item.key, icon: item.icon, label: t(item.label), children: toItems(item.children) }
        : { key: item.key, icon: item.icon, label: t(item.label) },
    );

  return (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      {...(collapsed ? {} : { openKeys, onOpenChange: setOpenKeys })}
      items={toItems(visible)}
      onClick={({ key }) => {
        void navigate(key);
        onNavigate?.();
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
