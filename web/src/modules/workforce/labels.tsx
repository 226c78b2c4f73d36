import { Tag } from 'antd';
import { useT } from '../../i18n/useT';
import type { CheckState } from './api';

const COLOR: Record<CheckState, string> = { valid: 'green', expiring: 'gold', lapsed: 'red', pending: 'blue', none: 'default', restricted: 'magenta' };

/** The record-check state as a coloured tag (the colour repeats the word, never replaces it). */
export function CheckTag({ state }: { state: CheckState }) {
  const t = useT();
  return (
    <Tag color={COLOR[state]} data-testid="check-state">
      {t(`workforce.state.${state}`)}
    </Tag>
  );
}
