import { AID_KIND_NAMES, MATCH_RESULT_NAMES, type AidKind, type MatchResult } from '@common/charity';
import { Tag } from 'antd';

/** The aid kind and match result in words (the contract's Chinese names; the interface is Chinese first). */
export const aidKindName = (k: AidKind) => AID_KIND_NAMES[k];

const RESULT_COLOR: Record<MatchResult, string> = { matched: 'green', not_matched: 'default', undetermined: 'orange' };
export function MatchTag({ result }: { result: MatchResult }) {
  return <Tag color={RESULT_COLOR[result]}>{MATCH_RESULT_NAMES[result]}</Tag>;
}

export const yuan = (v: number | null) => (v === null ? '—' : v.toLocaleString('zh-CN', { maximumFractionDigits: 2 }));
