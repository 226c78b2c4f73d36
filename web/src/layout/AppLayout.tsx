import { Suspense, useEffect, useState, type MouseEvent } from 'react';
import { Button, Drawer, Flex, Layout, Typography } from 'antd';
import { MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Outlet, useLocation } from 'react-router';
import { FullPageSpin } from '../components/FullPageSpin';
import { useIsMobile } from '../hooks/useIsMobile';
import { useT } from '../i18n/useT';
import { Brand } from './Brand';
import { Breadcrumbs } from './Breadcrumbs';
import { ContextInfo } from './ContextInfo';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from '../modules/notifications/NotificationBell';
import { SuspendedBanner } from '../modules/workforce/SuspendedBanner';
import { SideMenu } from './SideMenu';
import { UserMenu } from './UserMenu';
import { useFocusableScrollRegions } from './useFocusableScrollRegions';

const { Header, Sider, Content, Footer } = Layout;

/** The frame of every page after login: side menu (a drawer on phones), top bar, breadcrumbs. */
export function AppLayout() {
  const t = useT();
  const mobile = useIsMobile();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { pathname } = useLocation();
  useFocusableScrollRegions();

  // Leaving a page closes the phone menu, whatever triggered the navigation.
  useEffect(() => setDrawerOpen(false), [pathname]);

  // Skip link: keyboard and screen-reader users jump over the menu and the top bar (otherwise a
  // dozen Tab presses) to the page itself; the target takes focus so the next Tab is the page's.
  const skipToMain = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    document.getElementById('main-content')?.focus();
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main-content" className="skip-link" onClick={skipToMain}>
        {t('nav.skipToMain')}
      </a>
      {mobile ? (
        <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} size={280} title={<Brand subtitle />} styles={{ body: { padding: 0 } }}>
          <div style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}>
            <ContextInfo vertical />
          </div>
          <SideMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      ) : (
        <Sider
          theme="light"
          width={216}
          collapsedWidth={64}
          collapsible
          collapsed={collapsed}
          trigger={null}
          style={{ borderInlineEnd: '1px solid #f0f0f0', position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <div style={{ height: 56, display: 'flex', alignItems: 'center', paddingInline: collapsed ? 18 : 16 }}>
            <Brand compact={collapsed} />
          </div>
          <SideMenu collapsed={collapsed} />
        </Sider>
      )}
      <Layout>
        <Header
          className="app-header"
          style={{
            background: '#fff',
            borderBottom: '1px solid #f0f0f0',
            paddingInline: mobile ? 8 : 16,
            height: 56,
            lineHeight: 'normal',
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          <Flex align="center" justify="space-between" gap={8} style={{ height: '100%' }}>
            <Flex align="center" gap={8} style={{ minWidth: 0, flex: 1 }}>
              {mobile ? (
                <>
                  <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.openMenu')} onClick={() => setDrawerOpen(true)} />
                  <Brand />
                </>
              ) : (
                <>
                  <Button
                    type="text"
                    icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                    aria-label={collapsed ? t('nav.expandMenu') : t('nav.collapseMenu')}
                    onClick={() => setCollapsed((v) => !v)}
                  />
                  <ContextInfo />
                </>
              )}
            </Flex>
            <Flex align="center" gap={mobile ? 4 : 12} style={{ flex: 'none' }}>
              <NotificationBell />
              <LanguageSwitch />
              <UserMenu showName={!mobile} />
            </Flex>
          </Flex>
        </Header>
        <Content style={{ padding: mobile ? 12 : 24, minWidth: 0 }}>
          <SuspendedBanner />
          <Breadcrumbs />
          <div id="main-content" tabIndex={-1} style={{ outline: 'none' }}>
            <Suspense fallback={<FullPageSpin />}>
              <Outlet />
            </Suspense>
          </div>
        </Content>
        <Footer style={{ textAlign: 'center', padding: '12px 16px', background: 'transparent' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('app.footer')}
          </Typography.Text>
        </Footer>
      </Layout>
    </Layout>
  );
}
