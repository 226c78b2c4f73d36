import type { ThemeConfig } from 'antd';

/**
 * Calm office look: a sober blue for actions, neutral greys, compact spacing. Red stays reserved
 * for overdue and high-risk, so it is not the brand colour of controls.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d5fa8',
    colorLink: '#1d5fa8',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    colorBgLayout: '#f3f5f8',
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff' },
    Menu: { itemBorderRadius: 4 },
    Table: { headerBg: '#f7f8fa' },
  },
};
