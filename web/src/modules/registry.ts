import { adminModule } from './admin';
import { auditModule } from './audit';
import { caseworkModule } from './casework';
import { childrenModule } from './children';
import { filesModule } from './files';
import { meModule } from './me';
import type { WebModule } from './types';
import { visitsModule } from './visits';
import { eligibilityModule } from './eligibility';
import { supervisionModule } from './supervision';
import { referralsModule } from './referrals';
import { guardianshipModule } from './guardianship';
import { servicesModule } from './services';
import { activitiesModule } from './activities';
import { safetyModule } from './safety';
import { appointmentsModule } from './appointments';
import { holidaysModule } from './holidays';
import { workforceModule } from './workforce';
import { staffingModule } from './staffing';
import { organisationsModule } from './organisations';
import { trainingModule } from './training';
import { charityModule } from './charity';
import { consentModule } from './consent';
import { accessModule } from './access';
import { complianceModule } from './compliance';
import { feedsModule } from './feeds';

/** The domain modules of the interface, in menu order. */
export const WEB_MODULES: WebModule[] = [
  childrenModule,
  visitsModule,
  caseworkModule,
  eligibilityModule,
  referralsModule,
  guardianshipModule,
  servicesModule,
  activitiesModule,
  safetyModule,
  appointmentsModule,
  holidaysModule,
  workforceModule,
  staffingModule,
  organisationsModule,
  trainingModule,
  charityModule,
  consentModule,
  accessModule,
  filesModule,
  feedsModule,
  supervisionModule,
  adminModule,
  auditModule,
  complianceModule,
  meModule,
];
