import type { ReactNode } from 'react';
import type { Permission } from '@common/permissions';
import type { MessageKey } from '../../locales/zh-CN';
import { LadderCard } from './ladder/LadderCard';

/**
 * The parts of the child file's 监护 tab, in the order of the work: the assessment, the
 * intervention ladder, guidance for guardians, supervision of a child returned home, placement.
 * Each part lives in its own folder under web/src/modules/guardianship/ and adds one line here.
 */
export interface GuardianshipSection {
  key: string;
  title: MessageKey;
  /** Shown to whoever holds any of these. */
  anyPermission: Permission[];
  render: (props: { childId: string; onChanged: () => void }) => ReactNode;
}

export const GUARDIANSHIP_SECTIONS: GuardianshipSection[] = [
  { key: 'ladder', title: 'guardianship.ladder.title', anyPermission: ['guardianship.read', 'guardianship.summary'], render: (p) => <LadderCard {...p} /> },
];
