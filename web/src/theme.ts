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
    // Readable secondary text (WCAG 2.1 AA, 4.5:1): antd's defaults (65% / 45% black) give 3.3:1
    // for tertiary text and descriptions on the grey page background. 62% black is #616161:
    // 6.2:1 on white, 5.7:1 on the page background; secondary text is darker still.
    colorTextSecondary: 'rgba(0, 0, 0, 0.7)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    // Placeholders are read as hints ("请选择街道"): 56% black (#707070) is 4.9:1 on white.
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    // Danger text and outlined danger buttons (上报问题, 删除): antd's #ff4d4f is 3.3:1 on white;
    // #cf1322 (red-7) is 5.6:1.
    colorError: '#cf1322',
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff' },
    Menu: { itemBorderRadius: 4 },
    Table: { headerBg: '#f7f8fa' },
    // Tag text is the 7th shade of its palette on the 1st: gold, orange, green, lime, cyan and
    // volcano then fall under 4.5:1 (gold 2.8:1). Darker shades of the same hues, ≥ 5:1.
    Tag: { gold7: '#874d00', orange7: '#ad4e00', green7: '#237804', lime7: '#3f6600', cyan7: '#006d75', volcano7: '#ad2102', yellow7: '#614700' },
  },
};
