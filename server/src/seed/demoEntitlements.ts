/**
 * Demo benefits at every step of the workflow, each step done by the person whose duty it is
 * (issue 9): 定海路 and 平凉路's street supervisors verify and submit their children's suggested
 * benefits, and 区民政局's caseworker (王敏, `district`) — who prepared none of them — grants or
 * refuses. Runs once, right after the first matching of a demo database has suggested them
 * (scheduler.ts), as the owner like the other demo seeds (it dates the suggestion before the
 * steps, and events are append-only for the application role); deterministic (ordered by child and policy).
 */
import type pg from 'pg';

const STREETS = ['dinghai', 'pingliang'];
const DAY = 86_400_000;

export async function seedDemoEntitlementSteps(client: pg.ClientBase, now: number): Promise<number> {
  const done = await client.query(`select 1 from entitlement_events where to_status <> 'suggested' limit 1`);
  if (done.rowCount) return 0; // someone has already worked on benefits: leave them alone
  const people = (
    await client.query<{ id: string; username: string; display_name: string; unit_code: string; street_code: string | null }>(
      `select u.id, u.username, u.display_name, u.unit_code, un.street_code from users u join units un on un.code = u.unit_code
     where u.username in ('district', 'street-dinghai', 'street-pingliang')`,
    )
  ).rows;
  const decider = people.find((p) => p.username === 'district');
  if (!decider) return 0;
  const ents = (
    await client.query<{ id: string; child_id: string; street_code: string; amount_fen: string | null }>(
      `select id, child_id, street_code, amount_fen from entitlements where status = 'suggested' and street_code = any ($1::text[]) order by child_id, policy_id`,
      [STREETS],
    )
  ).rows;
  let n = 0;
  for (const [i, e] of ents.entries()) {
    const worker = people.find((p) => p.street_code === e.street_code && p.username.startsWith('street-'));
    if (!worker) continue;
    // Of every 10: 4 stay suggested, 1 verified, 2 submitted, 2 granted, 1 refused.
    const slot = i % 10;
    if (slot < 4) continue;
    const steps: { to: string; who: typeof worker; note: string | null }[] = [{ to: 'verified', who: worker, note: '已入户核实，材料齐全' }];
    if (slot >= 5) steps.push({ to: 'submitted', who: worker, note: null });
    if (slot === 7 || slot === 8) steps.push({ to: 'granted', who: decider, note: '经审核符合条件' });
    if (slot === 9) steps.push({ to: 'refused', who: decider, note: '监护人书面表示放弃申请' });
    let from = 'suggested';
    let at = now - (steps.length * 6 + (i % 7)) * DAY;
    // The suggestion came first: it is dated a few days before the first step.
    await client.query(`update entitlement_events set at = $2 where entitlement_id = $1 and to_status = 'suggested'`, [e.id, new Date(at - 3 * DAY)]);
    for (const s of steps) {
      await client.query(
        `insert into entitlement_events (entitlement_id, child_id, at, user_id, username, display_name, unit_code, from_status, to_status, note)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [e.id, e.child_id, new Date(at), s.who.id, s.who.username, s.who.display_name, s.who.unit_code, from, s.to, s.note],
      );
      from = s.to;
      at += 6 * DAY;
    }
    const last = steps.at(-1)!;
    const fromDate = new Date(at - 6 * DAY + 8 * 3_600_000).toISOString().slice(0, 10);
    await client.query(
      `update entitlements set status = $2, from_date = case when $2 = 'granted' then $3::date else from_date end,
         reason = case when $2 = 'refused' then $4 else reason end, updated_at = now(), version = version + $5 where id = $1`,
      [e.id, last.to, fromDate, last.note, steps.length],
    );
    n++;
  }
  return n;
}
