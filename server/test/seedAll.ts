/**
 * The whole demo dataset on a test database (the template holds children only): visits, referrals,
 * services, safety, workforce … so that a test can find a record of every kind in every street.
 */
import type pg from 'pg';
import { shanghaiDate } from '#common/dates.js';
import type { FieldCrypto } from '../src/crypto/fieldCrypto.js';
import { seedDemoCasework } from '../src/seed/demoCasework.js';
import { seedDemoVisits } from '../src/seed/demoVisits.js';
import { seedDemoPlanReports } from '../src/seed/demoPlan.js';
import { seedDemoReferrals } from '../src/seed/demoReferrals.js';
import { seedDemoAftercare } from '../src/seed/demoAftercare.js';
import { seedDemoAssessments } from '../src/seed/demoAssessments.js';
import { seedDemoGuidance } from '../src/seed/demoGuidance.js';
import { seedDemoSafety } from '../src/seed/demoSafety.js';
import { seedDemoServices } from '../src/seed/demoServices.js';
import { seedDemoHolidays } from '../src/seed/demoHolidays.js';
import { seedDemoAppointments } from '../src/seed/demoAppointments.js';
import { seedDemoInterventions } from '../src/seed/demoInterventions.js';
import { seedDemoActivities } from '../src/seed/demoActivities.js';
import { seedDemoWorkforce } from '../src/seed/demoWorkforce.js';
import { seedDemoCharity } from '../src/seed/demoCharity.js';
import { seedDemoOrganisations } from '../src/seed/demoOrganisations.js';
import { seedDemoStaffing } from '../src/seed/demoStaffing.js';
import { seedDemoTraining } from '../src/seed/demoTraining.js';
import { seedDemoFeedRuns } from '../src/seed/demoFeeds.js';
import { DEMO_SEED } from '../src/seed/startup.js';

/** Runs every demo seeder after the template's children, in the order of seedDemoCasefiles. */
export async function seedAllDemoData(c: pg.ClientBase, fieldCrypto: FieldCrypto, now: number): Promise<void> {
  const seed = DEMO_SEED;
  const today = shanghaiDate(now);
  await seedDemoVisits(c, { seed, today });
  await seedDemoCasework(c, { seed, today, fieldCrypto });
  await seedDemoPlanReports(c, { seed, today });
  await seedDemoReferrals(c, { seed, today });
  await seedDemoAssessments(c, { seed, today, fieldCrypto });
  await seedDemoInterventions(c, { seed, today });
  await seedDemoAftercare(c, { seed, today, fieldCrypto });
  await seedDemoGuidance(c, { seed, today });
  await seedDemoServices(c, { today });
  await seedDemoHolidays(c, { seed, today });
  await seedDemoAppointments(c, { seed, today });
  await seedDemoSafety(c, { today });
  await seedDemoActivities(c, { seed, today });
  await seedDemoWorkforce(c, fieldCrypto, { seed, today });
  await seedDemoStaffing(c, { today });
  await seedDemoOrganisations(c, { today });
  await seedDemoCharity(c, { today });
  await seedDemoTraining(c, fieldCrypto, { seed, today });
  await seedDemoFeedRuns(c, fieldCrypto, { today, now });
}
