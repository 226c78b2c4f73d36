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

/** The domain modules of the interface, in menu order. */
export const WEB_MODULES: WebModule[] = [
  childrenModule,
  visitsModule,
  caseworkModule,
  eligibilityModule,
  referralsModule,
  guardianshipModule,
  filesModule,
  supervisionModule,
  adminModule,
  auditModule,
  meModule,
];
