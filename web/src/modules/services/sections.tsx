import type { ReactNode } from 'react';
import type { Permission } from '@common/permissions';
import type { MessageKey } from '../../locales/zh-CN';
import { lazyPart } from '../lazyPart';
import { HolidayPlanSection } from '../holidays/HolidayPlanSection';
import { AppointmentSection } from '../appointments/AppointmentSection';
import { BookingsSection } from './BookingsSection';

const ChildCharitySection = lazyPart(() => import('../charity/ChildCharitySection').then((m) => m.ChildCharitySection));
const ChildActivitiesSection = lazyPart(() => import('../activities/ChildActivitiesSection').then((m) => m.ChildActivitiesSection));

/**
 * The parts of the child file's 服务与活动 tab: the child's bookings and holiday plans (services),
 * the activities the child took part in (activities). Each part lives in its own module folder and
 * adds one line here.
 */
export interface ServiceSection {
  key: string;
  title: MessageKey;
  /** Shown to whoever holds any of these. */
  anyPermission: Permission[];
  render: (props: { childId: string; onChanged: () => void }) => ReactNode;
}

export const SERVICE_SECTIONS: ServiceSection[] = [
  {
    key: 'bookings',
    title: 'services.b.title',
    anyPermission: ['services.read'],
    render: ({ childId, onChanged }) => <BookingsSection childId={childId} onChanged={onChanged} />,
  },
  // 送教上门: the child's home-teaching appointments
  { key: 'appointments', title: 'appointments.section', anyPermission: ['services.read'], render: ({ childId }) => <AppointmentSection childId={childId} /> },
  // 假期安排: the holiday plan, with the bookings inside the holiday
  { key: 'holiday-plan', title: 'holidays.plan.title', anyPermission: ['services.read'], render: ({ childId }) => <HolidayPlanSection childId={childId} /> },
  // 活动与频次: the activities the child (or a guardian) took part in
  {
    key: 'activities',
    title: 'activities.child.section',
    anyPermission: ['services.read'],
    render: ({ childId }) => <ChildActivitiesSection childId={childId} />,
  },
  // 慈善帮扶: the aid, the projects the child matches, the assigned social workers
  { key: 'charity', title: 'charity.child.section', anyPermission: ['charity.record'], render: ({ childId }) => <ChildCharitySection childId={childId} /> },
];
