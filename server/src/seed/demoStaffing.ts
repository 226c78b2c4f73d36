/**
 * Demo station rosters (task 3): the 12 street minor-protection stations, each with a head (the
 * street office), a legal deputy head, a social worker and a member, and a prosecutor deputy head
 * from 区检察院 — except 定海路街道, whose prosecutor deputy post is vacant, so the coverage check
 * shows a gap that the street can fill in the demo. Deterministic (names by street order); the
 * phones are fictitious 021-6xxx numbers.
 */
import type pg from 'pg';
import { STREETS } from './committees.js';
import { streetUnitCode } from './reference.js';

/** The street whose station has no prosecutor deputy head in the demo. */
export const DEMO_STATION_GAP_STREET = 'dinghai';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['建华', '丽娟', '志强', '海燕', '伟', '静', '明', '雪梅', '卫东', '红', '晓峰', '敏', '立新', '慧', '国庆', '雯', '俊', '芳', '军', '琳'];

export async function seedDemoStaffing(client: pg.ClientBase, opts: { today: string }): Promise<{ members: number }> {
  const existing = await client.query('select 1 from station_members limit 1');
  if ((existing.rowCount ?? 0) > 0) return { members: 0 };
  const since = `${Number(opts.today.slice(0, 4)) - 2}-03-01`;
  let members = 0;
  let k = 0;
  const name = () => {
    const n = `${SURNAMES[k % SURNAMES.length] ?? '王'}${GIVEN[(k * 7 + 3) % GIVEN.length] ?? '明'}`;
    k += 1;
    return n;
  };
  for (const [i, s] of STREETS.entries()) {
    const phone = (n: number) => `021-6${String(5100000 + i * 100 + n).padStart(7, '0')}`;
    const rows: [string, string, string | null, string, string | null][] = [
      ['head', name(), streetUnitCode(s.code), '街道办事处副主任', phone(1)],
      ['legal_deputy', name(), null, '律师（法律顾问）', phone(2)],
      ['social_worker', name(), null, '驻站社工', phone(3)],
      ['member', name(), streetUnitCode(s.code), '街道平安办', null],
    ];
    if (s.code !== DEMO_STATION_GAP_STREET) rows.splice(1, 0, ['prosecutor_deputy', name(), 'procuratorate', '检察官', phone(4)]);
    for (const [role, person, unit, title, tel] of rows) {
      await client.query(`insert into station_members (street_code, role, person_name, unit_code, title, phone, since) values ($1, $2, $3, $4, $5, $6, $7)`, [
        s.code,
        role,
        person,
        unit,
        title,
        tel,
        since,
      ]);
      members += 1;
    }
  }
  return { members };
}
