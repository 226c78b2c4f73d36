/** Extra accounts for tests: a user of a unit with roles, with the demo password (copied from `district`). */
import type { TestEnv } from './harness.js';

export async function addUser(e: TestEnv, username: string, displayName: string, unit: string, roles: string[]): Promise<string> {
  const id = (
    await e.owner.query<{ id: string }>(
      `insert into users (username, display_name, unit_code, password_hash, password_is_demo)
     select $1, $2, $3, password_hash, true from users where username = 'district' returning id`,
      [username, displayName, unit],
    )
  ).rows[0]!.id;
  for (const r of roles) await e.owner.query('insert into user_roles (user_id, role_code) values ($1, $2)', [id, r]);
  return id;
}
