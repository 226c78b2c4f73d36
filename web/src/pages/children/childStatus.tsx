import { Tag } from 'antd';
import { TAG_COLOR } from '../../components/tagColors';
import { useT } from '../../i18n/useT';
import type { MessageKey } from '../../locales/zh-CN';

/** Known file states and their colours; an unknown state from a newer server shows as plain text. */
const STATUS: Record<string, { label: MessageKey; color: string }> = {
  active: { label: 'children.status.active', color: TAG_COLOR.ok },
  pending: { label: 'children.status.pending', color: TAG_COLOR.warning },
  transferred: { label: 'children.status.transferred', color: TAG_COLOR.closed },
  closed: { label: 'children.status.closed', color: TAG_COLOR.closed },
};

export function ChildStatusTag({ status }: { status: string }) {
  const t = useT();
  const known = STATUS[status];
  return <Tag color={known?.color ?? TAG_COLOR.closed}>{known ? t(known.label) : status}</Tag>;
}
