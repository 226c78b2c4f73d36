import type { ReactNode } from 'react';
import type { Permission } from '@common/permissions';
import type { MessageKey } from '../../locales/zh-CN';
import TrainingArchiveTab from '../training/ArchiveTab';

/**
 * The tabs of a person's page in the ledger (人员台账): the person and committees, record checks
 * (workforce), training archive, exams, evaluations and rewards (training). Each part lives in its
 * own module folder and adds one line here.
 */
export interface PersonSection {
  key: string;
  title: MessageKey;
  /** Shown to whoever holds any of these. */
  anyPermission: Permission[];
  render: (props: { staffId: string; onChanged: () => void }) => ReactNode;
}

export const PERSON_SECTIONS: PersonSection[] = [
  { key: 'training', title: 'training.nav.archive', anyPermission: ['workforce.read'], render: ({ staffId }) => <TrainingArchiveTab staffId={staffId} /> },
];
