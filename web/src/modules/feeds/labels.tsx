/** Tags and words of the feeds module: one colour per meaning (ui.md), the word always beside it. */
import { Tag, Tooltip } from 'antd';
import { TAG_COLOR } from '../../components/tagColors';
import { formatDate } from '../../components/format';
import { useT } from '../../i18n/useT';
import type { ChangeState, FeedSummary, Outcome, RunState } from './types';

const OUTCOME_COLOR: Record<Outcome, string> = {
  matched: TAG_COLOR.ok,
  'matched-by-name': 'cyan',
  ambiguous: TAG_COLOR.warning,
  unmatched: TAG_COLOR.warning,
  error: TAG_COLOR.danger,
  duplicate: TAG_COLOR.closed,
  unchanged: TAG_COLOR.closed,
};

export function OutcomeTag({ outcome }: { outcome: Outcome }) {
  const t = useT();
  return <Tag color={OUTCOME_COLOR[outcome]}>{t(`feeds.outcome.${outcome}`)}</Tag>;
}

const CHANGE_COLOR: Record<ChangeState, string> = {
  waiting: TAG_COLOR.warning,
  applied: TAG_COLOR.ok,
  rejected: TAG_COLOR.closed,
  superseded: TAG_COLOR.closed,
};

export function ChangeStateTag({ state }: { state: ChangeState }) {
  const t = useT();
  return <Tag color={CHANGE_COLOR[state]}>{t(`feeds.changeState.${state}`)}</Tag>;
}

const RUN_COLOR: Record<RunState, string> = { checked: TAG_COLOR.info, confirmed: TAG_COLOR.ok, discarded: TAG_COLOR.closed };

export function RunStateTag({ state }: { state: RunState }) {
  const t = useT();
  return <Tag color={RUN_COLOR[state]}>{t(`feeds.runState.${state}`)}</Tag>;
}

/** 按时 / 逾期 / 尚未报送, with the next due date as a tooltip. */
export function OnTimeTag({ feed }: { feed: Pick<FeedSummary, 'onTime' | 'lastRunAt' | 'nextDue'> }) {
  const t = useT();
  const tag = !feed.lastRunAt ? (
    <Tag color={TAG_COLOR.danger}>{t('feeds.never')}</Tag>
  ) : feed.onTime ? (
    <Tag color={TAG_COLOR.ok}>{t('feeds.onTime')}</Tag>
  ) : (
    <Tag color={TAG_COLOR.danger}>{t('feeds.late')}</Tag>
  );
  return feed.nextDue ? <Tooltip title={t('feeds.nextDue', { date: formatDate(feed.nextDue) })}>{tag}</Tooltip> : tag;
}
