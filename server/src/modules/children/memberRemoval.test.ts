/**
 * Removing a household member who took part in services as a guardian (a caregiver-course
 * booking, an activity): refused with 409 and a Chinese message, nothing removed — the service
 * records keep the person they are about. Found by the authorization matrix (it was a 500: the
 * foreign key's `set null` broke the records' own check).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { seedAllDemoData } from '../../../test/seedAll.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
  await seedAllDemoData(env.owner, env.deps.crypto, env.clock.now);
});
afterAll(async () => {
  await env?.close();
});

it('refuses to remove a guardian named by an activity participation; removes a member named by none', async () => {
  const street = await env.login('street-dinghai');
  const used = (
    await env.owner.query<{ id: string; child_id: string }>(
      `select m.id, m.child_id from household_members m join children c on c.id = m.child_id
        where c.street_code = 'dinghai' and exists (select 1 from activity_participants p where p.member_id = m.id) limit 1`,
    )
  ).rows[0]!;
  const refused = await street.delete(`/api/children/${used.child_id}/members/${used.id}`);
  expect(refused.statusCode).toBe(409);
  expect(refused.json().error.message).toMatch(/活动参与记录，不能删除/);
  expect((await env.owner.query('select 1 from household_members where id = $1', [used.id])).rowCount).toBe(1);

  const free = (
    await env.owner.query<{ id: string; child_id: string }>(
      `select m.id, m.child_id from household_members m join children c on c.id = m.child_id
        where c.street_code = 'dinghai' and c.status = 'active'
          and not exists (select 1 from activity_participants p where p.member_id = m.id)
          and not exists (select 1 from bookings b where b.member_id = m.id) limit 1`,
    )
  ).rows[0]!;
  expect((await street.delete(`/api/children/${free.child_id}/members/${free.id}`)).statusCode).toBe(204);
  expect((await env.owner.query('select 1 from household_members where id = $1', [free.id])).rowCount).toBe(0);
});
