import type { ReactNode } from 'react';
import type { Permission } from '@common/permissions';
import type { MessageKey } from '../../locales/zh-CN';
import { lazyPart } from '../lazyPart';
import { AFTERCARE_SECTIONS } from './aftercare/parts';

const AssessmentsSection = lazyPart(() => import('./assessments/AssessmentsSection').then((m) => m.AssessmentsSection));
const LadderCard = lazyPart(() => import('./ladder/LadderCard').then((m) => m.LadderCard));
const GuidanceCard = lazyPart(() => import('./guidance/GuidanceCard').then((m) => m.GuidanceCard));
const DocumentsCard = lazyPart(() => import('./documents/DocumentsCard').then((m) => m.DocumentsCard));

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
  {
    key: 'assessments',
    title: 'guardianship.assess.title',
    anyPermission: ['guardianship.read', 'guardianship.summary'],
    render: (p) => <AssessmentsSection {...p} />,
  },
  {
    key: 'ladder',
    title: 'guardianship.ladder.title',
    anyPermission: ['guardianship.read', 'guardianship.summary'],
    render: (p) => <LadderCard {...p} />,
  },
  {
    key: 'guidance',
    title: 'guardianship.guidance.title',
    anyPermission: ['guardianship.read', 'guardianship.summary'],
    render: ({ childId }) => <GuidanceCard childId={childId} />,
  },
  {
    key: 'documents',
    title: 'guardianship.documents.title',
    anyPermission: ['guardianship.read'],
    render: ({ childId }) => <DocumentsCard childId={childId} />,
  },
  ...AFTERCARE_SECTIONS, // 返家监护监督, 临时照料
];
