import { App, Avatar, Button, Dropdown, Flex, Typography } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useMe } from '../auth/useAuth';
import { useLogout } from '../drafts/useLogout';
import { useT } from '../i18n/useT';

export function UserMenu({ showName }: { showName: boolean }) {
  const t = useT();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const { message } = App.useApp();

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'me', icon: <UserOutlined />, label: t('nav.me') },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout') },
        ],
        onClick: ({ key }) => {
          if (key === 'me') void navigate('/me');
          if (key === 'logout') {
            void logout().then((done) => {
              if (done) void message.success(t('nav.loggedOut'));
            });
          }
        },
      }}
    >
      <Button type="text" style={{ height: 40, paddingInline: 6 }}>
        <Flex align="center" gap={8}>
          <Avatar size={28} style={{ background: '#1d5fa8' }} aria-hidden>
            {me.user.displayName.slice(0, 1)}
          </Avatar>
          {showName ? <Typography.Text>{me.user.displayName}</Typography.Text> : null}
          {/* Named by its visible text plus this (WCAG 2.5.3: the label contains what is seen). */}
          <span className="sr-only">{t('nav.me')}</span>
        </Flex>
      </Button>
    </Dropdown>
  );
}
