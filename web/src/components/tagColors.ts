/** One meaning per colour across the interface (ui.md): red overdue/high, orange due soon/medium, green done/low, grey closed. */
export const TAG_COLOR = {
  danger: 'red',
  warning: 'orange',
  ok: 'green',
  closed: 'default',
  info: 'blue',
} as const;
