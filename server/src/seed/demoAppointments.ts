/**
 * Demo 送教上门 (plan task 25): the programme 'home-teaching' of the education bureau (mode
 * appointment, ages 0–3, for the child), slots on the weekdays of the next three weeks at 09:30 and
 * 14:30 at home, some of them booked for young children of the demo area by their street, and one
 * visit last week completed with what was taught. Deterministic for a given seed, children and day;
 * runs as the owner in the caller's transaction, once (an existing 'home-teaching' is left alone).
 */
import type pg from 'pg';
import { displayLabel, slotInstant } from '#common/appointments.js';
import { addDays, ageOn } from '#common/dates.js';
import { maskName } from '#common/mask.js';

const TIMES = ['09:30', '14:30'];

/** The id an `insert … returning id` gave. */
function firstId(r: { rows: { id: string }[] }): string {
  const id = r.rows[0]?.id;
  if (!id) throw new Error('insert returned no row');
  return id;
}

export async function seedDemoAppointments(client: pg.ClientBase, opts: { seed: number; today: string }): Promise<{ slots: number; bookings: number }> {
  const exists = await client.query(`select 1 from programmes where code = 'home-teaching'`);
  if (exists.rowCount) return { slots: 0, bookings: 0 };
  const programme = firstId(
    await client.query<{ id: string }>(
      `insert into programmes (code, name, kind, owner_unit_code, provider_name, audience, target_group, min_age, max_age, cost, contact, description, plan_tasks, mode, priority_booking)
       values ('home-teaching', '送教上门（0–3岁科学育儿）', 'home_teaching', 'education', '杨浦区早期教育指导中心', 'child', '行动不便或家庭照料困难的 0–3 岁困境儿童',
               0, 3, '免费', '早教指导中心 021-6500 0000',
               '早教老师上门开展亲子游戏、语言与动作发展指导，并向照料人示范科学育儿方法；每次约 60–90 分钟。', '{25,12}', 'appointment', false)
       returning id`,
    ),
  );
  const days: string[] = [];
  for (let d = 1; days.length < 15; d++) {
    const day = addDays(opts.today, d);
    const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) days.push(day);
  }
  const lastWeek = addDays(opts.today, -7);
  const slots: { id: string; day: string; time: string }[] = [];
  for (const day of [lastWeek, ...days]) {
    for (const time of TIMES) {
      const { rows } = await client.query<{ id: string }>(
        `insert into programme_sessions (programme_id, title, starts_on, ends_on, starts_at, place, capacity) values ($1, $2, $3, $3, $4, '家中', 1) returning id`,
        [programme, `送教上门 ${day} ${time}`, day, slotInstant(day, time)],
      );
      slots.push({ id: firstId({ rows }), day, time });
    }
  }
  // Young children (0–3 on the slot's day), the director's committee first, outside it next; the
  // director's own first child is left free for a newcomer to book.
  const { rows: kids } = await client.query<{ id: string; name: string; birth_date: string; street_code: string; committee_id: string; director: boolean }>(
    `select c.id, c.name, c.birth_date::text, c.street_code, c.committee_id, m.code = 'dinghai-01' as director
       from children c join committees m on m.id = c.committee_id
      where c.status = 'active' and c.birth_date > ($1::date - interval '3 years 6 months')
      order by (m.code <> 'dinghai-01'), c.id limit 6`,
    [opts.today],
  );
  const booker = (await client.query<{ id: string; unit_code: string }>(`select id, unit_code from users where username = 'street-dinghai'`)).rows[0];
  let bookings = 0;
  const pickSlots = [slots[0], slots[3], slots[6], slots[9], slots[14]];
  for (const [i, kid] of kids.slice(1).entries()) {
    const s = pickSlots[i];
    if (!s) break;
    const age = ageOn(kid.birth_date, s.day);
    if (age > 3) continue;
    const done = s.day < opts.today;
    await client.query(
      `insert into bookings (session_id, programme_id, participant_kind, child_id, street_code, committee_id, display_label, priority_code, priority_rank,
                             status, requested_at, reserved_at, confirmed_at, requested_by, requested_by_unit, completion_note, duration_minutes)
       values ($1, $2, 'child', $3, $4, $5, $6, 'appointment', 0, $7, $8, $8, $8, $9, $10, $11, $12)`,
      [
        s.id,
        programme,
        kid.id,
        kid.street_code,
        kid.committee_id,
        displayLabel(maskName(kid.name) ?? '*', age),
        done ? 'attended' : 'confirmed',
        `${addDays(s.day, -5)}T10:00:00+08:00`,
        booker?.id ?? null,
        booker?.unit_code ?? null,
        done ? '亲子共读绘本《好饿的毛毛虫》，示范精细动作训练（串珠、撕纸），指导照料人每日陪读 15 分钟。' : null,
        done ? 75 : null,
      ],
    );
    bookings++;
  }
  return { slots: slots.length, bookings };
}
