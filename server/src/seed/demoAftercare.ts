/**
 * Demo 返家监护监督与临时照料 (plan tasks 16, 17), around the demo accounts:
 * - a child of 定海路街道 (not the director's committee) returned home 75 days ago, its supervisor a
 *   named 社区民警-style person with a phone, the first follow-up done in time, the second overdue —
 *   on the street's overdue list and, masked, on the procuratorate's (`procurator`);
 * - a child of 平凉路街道 returned 130 days ago, every follow-up done by its day, the next due ahead;
 * - a child of the committee of `director-dinghai`, returned 25 days ago, supervised by that
 *   child director (so the demo director has a follow-up to record, due in 5 days);
 * - placements: one open in 定海路 (the district's protection centre: upbringing, education,
 *   psychological), one in 平凉路 discharged to kin.
 * Dates follow the district's default schedule (schedule.ts: every 30 days in the first 90, then
 * every 60). Deterministic for a given seed, children and day. Runs as the owner in the caller's
 * transaction, after the demo casework; the phone and the notes are sealed like the application's.
 */
import type pg from 'pg';
import { addDays } from '#common/dates.js';
import type { FieldCrypto } from '../crypto/fieldCrypto.js';
import { SEALED } from '../modules/aftercare/presenters.js';
import { nextDue, type Schedule } from '../modules/aftercare/schedule.js';

export interface DemoAftercareResult {
  supervisions: number;
  followups: number;
  placements: number;
}

const SCHEDULE: Schedule = { intervalDays: 30, firstPeriodDays: 90, laterIntervalDays: 60 };

const NOTES = [
  '入户查看，孩子按时上学，家中有饭菜，监护人情绪平稳。',
  '电话联系监护人及班主任，孩子出勤正常，未发现异常。',
  '到校了解，孩子在校表现稳定，与同学相处良好。',
  '入户走访，监护人已落实就业，家庭收入稳定。',
];

interface Child {
  id: string;
  street_code: string;
  committee_code: string;
}

export async function seedDemoAftercare(client: pg.ClientBase, opts: { seed: number; today: string; fieldCrypto: FieldCrypto }): Promise<DemoAftercareResult> {
  const { today, fieldCrypto } = opts;
  const children = (
    await client.query<Child>(
      `select c.id, c.street_code, m.code as committee_code from children c join committees m on m.id = c.committee_id
        where c.status = 'active' order by c.street_code, m.code, c.name_pinyin, c.name, c.birth_date, c.id`,
    )
  ).rows;
  const result: DemoAftercareResult = { supervisions: 0, followups: 0, placements: 0 };
  if (!children.length) return result;
  const users = new Map(
    (await client.query<{ id: string; username: string; display_name: string }>('select id, username, display_name from users')).rows.map((u) => [
      u.username,
      u,
    ]),
  );
  const used = new Set<string>();
  const pick = (test: (c: Child) => boolean, offset: number): Child | undefined => {
    const pool = children.filter((c) => test(c) && !used.has(c.id));
    const c = pool.length ? pool[(opts.seed + offset) % pool.length] : children.find((x) => !used.has(x.id));
    if (c) used.add(c.id);
    return c;
  };
  const author = users.get('street-dinghai')?.id ?? null;

  const supervise = async (
    c: Child | undefined,
    s: { returnedAgo: number; user?: string; name: string; phone?: string; note: string; late: number[]; doneUntil: number },
  ) => {
    if (!c) return;
    const u = s.user ? users.get(s.user) : undefined;
    const returnedOn = addDays(today, -s.returnedAgo);
    const { rows } = await client.query<{ id: string }>(
      `insert into guardianship_supervisions (child_id, supervisor_user_id, supervisor_name, supervisor_phone, returned_on, interval_days, first_period_days,
                                              later_interval_days, started_on, note, created_by, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $5, $9, $10, ($5::date + time '10:00') at time zone 'Asia/Shanghai') returning id`,
      [
        c.id,
        u?.id ?? null,
        u?.display_name ?? s.name,
        fieldCrypto.encryptOrNull(s.phone, SEALED.phone),
        returnedOn,
        SCHEDULE.intervalDays,
        SCHEDULE.firstPeriodDays,
        SCHEDULE.laterIntervalDays,
        s.note,
        author,
      ],
    );
    const id = rows[0]?.id;
    if (!id) return;
    result.supervisions++;
    // Follow-ups in order: each done `late[i]` days after its due day (negative: early) while
    // done by `doneUntil` days before today; then the one waiting.
    let due = nextDue(returnedOn, returnedOn, SCHEDULE);
    for (let i = 0; ; i++) {
      const doneOn = addDays(due, s.late[i] ?? 0);
      if (doneOn > addDays(today, -s.doneUntil) || i >= s.late.length) break;
      await client.query(
        `insert into supervision_followups (supervision_id, child_id, due_on, done_on, method, concerns, note, created_by)
         values ($1, $2, $3, $4, $5, false, $6, $7)`,
        [
          id,
          c.id,
          due,
          doneOn,
          ['home_visit', 'phone', 'school', 'home_visit'][i % 4],
          fieldCrypto.encrypt(NOTES[(opts.seed + i) % NOTES.length] ?? '', SEALED.note),
          u?.id ?? author,
        ],
      );
      result.followups++;
      due = nextDue(returnedOn, doneOn, SCHEDULE);
    }
    await client.query('insert into supervision_followups (supervision_id, child_id, due_on, created_by) values ($1, $2, $3, $4)', [id, c.id, due, author]);
    result.followups++;
  };

  // Overdue: returned 75 days ago; the first follow-up (day 30) done on day 28, the next (day 58) not done.
  await supervise(
    pick((c) => c.street_code === 'dinghai' && c.committee_code !== 'dinghai-01', 1),
    { returnedAgo: 75, name: '刘建华', phone: '13916602741', note: '父亲戒毒期满返家，由社区民警协助监督。', late: [-2], doneUntil: 0 },
  );
  // On time: returned 130 days ago; follow-ups on days 29, 58, 88, 116 (each by its day); the next on day 176.
  await supervise(
    pick((c) => c.street_code === 'pingliang', 2),
    { returnedAgo: 130, name: '陈桂芳', phone: '13661825539', note: '结束临时照料后回归家庭，由居委干部担任监督员。', late: [-1, -1, 0, -2], doneUntil: 0 },
  );
  // The demo child director's own: returned 25 days ago, first follow-up due in 5 days.
  await supervise(
    pick((c) => c.committee_code === 'dinghai-01', 3),
    { returnedAgo: 25, user: 'director-dinghai', name: '张丽华', note: '母亲出院后返家，儿童主任担任监护监督员。', late: [], doneUntil: 0 },
  );

  const place = async (
    c: Child | undefined,
    p: { kind: string; name: string; ago: number; endedAgo?: number; services: string[]; reason: string; to?: string },
  ) => {
    if (!c) return;
    await client.query(
      `insert into placements (child_id, place_kind, place_name, started_on, ended_on, reason, services, service_note, discharged_to, discharge_note, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        c.id,
        p.kind,
        p.name,
        addDays(today, -p.ago),
        p.endedAgo === undefined ? null : addDays(today, -p.endedAgo),
        p.reason,
        p.services,
        p.services.includes('psychological') ? '每周一次心理辅导，由区未成年人心理健康辅导中心提供。' : null,
        p.to ?? null,
        p.to ? '由祖父母接回抚养，纳入返家后跟踪。' : null,
        author,
      ],
    );
    result.placements++;
  };
  await place(
    pick((c) => c.street_code === 'dinghai', 4),
    {
      kind: 'institution',
      name: '杨浦区未成年人救助保护中心',
      ago: 45,
      services: ['upbringing', 'education', 'psychological'],
      reason: '父母均被羁押，暂无其他监护人，民政部门临时监护。',
    },
  );
  await place(
    pick((c) => c.street_code === 'pingliang', 5),
    {
      kind: 'temporary_point',
      name: '平凉路街道困境儿童临时照料点',
      ago: 200,
      endedAgo: 170,
      services: ['upbringing', 'medical'],
      reason: '监护人突发疾病住院，无人照料。',
      to: 'kin',
    },
  );
  return result;
}
