/**
 * Demo workforce (固本强基): the organisations, and a ledger of people with the committees they
 * serve and their record checks. Every demo account with a child-facing role (the street
 * supervisors, director-dinghai, sw-sunshine) is a ledger person with a valid check, so the demo
 * logins keep their access; around them, generated directors: most committees have one, a few two,
 * a few none (the staffing rule lists those); a few checks are about to lapse (the reminders) and a
 * few have lapsed. Deterministic for a seed and a day. Other modules' demo data (stations, training,
 * projects, charity) reads these rows.
 */
import type pg from 'pg';
import { addDays } from '#common/dates.js';
import { checkDigit } from '#common/idNumber.js';
import type { FieldCrypto } from '../crypto/fieldCrypto.js';
import { DEMO_COMMITTEES, STREETS } from './committees.js';
import { GIVEN_CHARS, SURNAMES } from './names.js';
import { streetUnitCode } from './reference.js';

/** Organisations that have accounts (units of kind organisation), created with the demo accounts. */
export const DEMO_ORG_UNITS = [{ code: 'org-sunshine', name: '阳光社工服务社', nameEn: 'Sunshine Social Work Agency' }];

export const DEMO_ORGANISATIONS = [
  {
    name: '杨浦区阳光社会工作服务社',
    kind: 'social_work_agency',
    unit: 'org-sunshine',
    creditCode: '52310110MJ49602315',
    staff: 26,
    streets: ['dinghai', 'pingliang', 'jiangpu'],
    incubated: false,
  },
  { name: '杨浦区青年志愿者协会', kind: 'volunteer', unit: null, creditCode: '51310110MJ4913378N', staff: 8, streets: [], incubated: false },
  { name: '上海暖杨慈善基金会', kind: 'foundation', unit: null, creditCode: '53310000MJ5001462N', staff: 6, streets: [], incubated: false },
  {
    name: '杨浦区同心儿童关爱服务中心',
    kind: 'social_work_agency',
    unit: null,
    creditCode: '52310110MJ4987705W',
    staff: 9,
    streets: ['yinhang', 'daqiao'],
    incubated: true,
  },
] as const;

/** A small deterministic generator (the demo must be the same for a seed). */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Person {
  name: string;
  gender: 'male' | 'female';
  idNumber: string;
  phone: string;
}

/** One element of a non-empty list, by a number in [0, 1). */
function pick<T>(list: readonly T[], x: number): T {
  const v = list[Math.min(list.length - 1, Math.floor(x * list.length))];
  if (v === undefined) throw new Error('empty list');
  return v;
}

function people(seed: number): (birthYear: number) => Person {
  const r = rng(seed);
  const surnames = SURNAMES.flatMap(([s, w]) => Array<string>(Math.max(1, Math.round(w / 10))).fill(s));
  let serial = 100;
  return (birthYear) => {
    const sex = r() < 0.7 ? 'F' : 'M'; // most child directors are women
    const chars = GIVEN_CHARS[sex].classic;
    const given = pick(chars, r()) + (r() < 0.6 ? pick(chars, r()) : '');
    const name = pick(surnames, r()) + given;
    const birth = `${birthYear}${String(1 + Math.floor(r() * 12)).padStart(2, '0')}${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    serial += 2;
    const seq = String(serial % 1000).padStart(3, '0');
    const seqSexed = seq.slice(0, 2) + String((Number(seq[2]) & ~1) | (sex === 'M' ? 1 : 0));
    const first17 = `310110${birth}${seqSexed}`;
    const phone = `139${String(10_000_000 + Math.floor(r() * 89_999_999)).slice(0, 8)}`;
    return { name, gender: sex === 'M' ? 'male' : 'female', idNumber: first17 + checkDigit(first17), phone };
  };
}

export async function seedDemoWorkforce(
  client: pg.ClientBase,
  fieldCrypto: FieldCrypto,
  opts: { seed: number; today: string },
): Promise<{ organisations: number; staff: number; checks: number }> {
  const existing = await client.query('select 1 from staff limit 1');
  if (existing.rowCount) return { organisations: 0, staff: 0, checks: 0 };
  const r = rng(opts.seed + 36);
  const person = people(opts.seed + 37);
  const { today } = opts;

  const orgIds = new Map<string, string>();
  for (const o of DEMO_ORGANISATIONS) {
    const { rows } = await client.query<{ id: string }>(
      `insert into organisations (name, kind, credit_code, registered_on, registration_authority, unit_code, staff_count, service_streets,
                                  contact_name, contact_phone, incubated, incubated_on)
       values ($1, $2, $3, $4, '杨浦区民政局', $5, $6, $7, $8, $9, $10, $11) returning id`,
      [
        o.name,
        o.kind,
        o.creditCode,
        addDays(today, -1800 - Math.floor(r() * 1500)),
        o.unit,
        o.staff,
        o.streets,
        person(1980).name,
        `021-6${String(5_000_000 + Math.floor(r() * 4_999_999))}`,
        o.incubated,
        o.incubated ? addDays(today, -700) : null,
      ],
    );
    for (const row of rows) orgIds.set(o.name, row.id);
  }

  const users = new Map((await client.query<{ username: string; id: string }>('select username, id from users')).rows.map((u) => [u.username, u.id] as const));
  const committees = new Map((await client.query<{ code: string; id: string }>('select code, id from committees')).rows.map((c) => [c.code, c.id] as const));

  let staffCount = 0;
  let checkCount = 0;
  async function addStaff(p: {
    person: Person;
    roleKind: string;
    post: string | null;
    cert: string;
    street: string | null;
    unit: string;
    organisation?: string;
    user?: string;
    appointedAgo: number;
    committees?: string[];
    /** Days since the last clear answer (null: never checked). */
    checkedAgo: number | null;
    /** A re-check asked and not yet answered. */
    renewalAsked?: boolean;
  }): Promise<void> {
    const { rows } = await client.query<{ id: string }>(
      `insert into staff (name, gender, id_number_enc, id_number_bidx, phone_enc, role_kind, post, cert_level, street_code, unit_code,
                          organisation_id, user_id, appointed_on)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
      [
        p.person.name,
        p.person.gender,
        fieldCrypto.encrypt(p.person.idNumber, 'staff.id_number'),
        fieldCrypto.blindIndex(p.person.idNumber, 'staff.id_number'),
        fieldCrypto.encrypt(p.person.phone, 'staff.phone'),
        p.roleKind,
        p.post,
        p.cert,
        p.street,
        p.unit,
        p.organisation ? (orgIds.get(p.organisation) ?? null) : null,
        p.user ? (users.get(p.user) ?? null) : null,
        addDays(today, -p.appointedAgo),
      ],
    );
    const id = pick(rows, 0).id;
    staffCount++;
    for (const code of p.committees ?? []) {
      await client.query(
        `insert into staff_committees (staff_id, committee_id, street_code, since) select $1, id, street_code, $3 from committees where code = $2`,
        [id, code, addDays(today, -p.appointedAgo)],
      );
    }
    // the pre-appointment check, then one a year; the last one answered `checkedAgo` days ago
    if (p.checkedAgo !== null) {
      const answers: number[] = [];
      for (let ago = p.checkedAgo; ago <= p.appointedAgo + 20; ago += 365) answers.push(ago);
      for (const ago of answers) {
        const first = ago === answers[answers.length - 1];
        await client.query(
          `insert into record_checks (staff_id, kind, requested_on, request_ref, answered_on, result, answer_ref)
           values ($1, $2, $3, $4, $5, 'clear', $6)`,
          [
            id,
            first ? 'pre_appointment' : 'annual',
            addDays(today, -ago - 12),
            `杨民查〔${today.slice(0, 4)}〕${100 + checkCount}号`,
            addDays(today, -ago),
            '经查询，未发现从业限制情形',
          ],
        );
        checkCount++;
      }
    }
    if (p.renewalAsked) {
      await client.query(`insert into record_checks (staff_id, kind, requested_on, request_ref) values ($1, 'annual', $2, $3)`, [
        id,
        addDays(today, -5),
        `杨民查〔${today.slice(0, 4)}〕${100 + checkCount}号`,
      ]);
      checkCount++;
    }
  }

  // the demo accounts that work with children: valid checks
  const accountPeople: { user: string; street: string; roleKind: string; post: string; committees?: string[]; org?: string; unit: string }[] = [
    { user: 'street-dinghai', street: 'dinghai', roleKind: 'street_supervisor', post: 'social_worker', unit: streetUnitCode('dinghai') },
    { user: 'street-pingliang', street: 'pingliang', roleKind: 'street_supervisor', post: 'social_worker', unit: streetUnitCode('pingliang') },
    {
      user: 'director-dinghai',
      street: 'dinghai',
      roleKind: 'child_director',
      post: 'committee_director',
      committees: ['dinghai-01'],
      unit: streetUnitCode('dinghai'),
    },
    { user: 'sw-sunshine', street: 'dinghai', roleKind: 'social_worker', post: 'social_worker', org: DEMO_ORGANISATIONS[0].name, unit: 'org-sunshine' },
  ];
  const displayNames = new Map(
    (await client.query<{ username: string; display_name: string }>('select username, display_name from users')).rows.map((u) => [u.username, u.display_name]),
  );
  for (const a of accountPeople) {
    if (!users.has(a.user)) continue;
    const p = person(1982);
    await addStaff({
      person: { ...p, name: displayNames.get(a.user) ?? p.name },
      roleKind: a.roleKind,
      post: a.post,
      cert: a.roleKind === 'child_director' ? 'assistant' : 'intermediate',
      street: a.street,
      unit: a.unit,
      organisation: a.org,
      user: a.user,
      appointedAgo: 900,
      committees: a.committees,
      checkedAgo: 120,
    });
  }

  // a supervisor for the other streets, without an account
  for (const s of STREETS) {
    if (accountPeople.some((a) => a.roleKind === 'street_supervisor' && a.street === s.code)) continue;
    await addStaff({
      person: person(1978 + Math.floor(r() * 12)),
      roleKind: 'street_supervisor',
      post: 'social_worker',
      cert: r() < 0.5 ? 'intermediate' : 'assistant',
      street: s.code,
      unit: streetUnitCode(s.code),
      appointedAgo: 600 + Math.floor(r() * 900),
      checkedAgo: 30 + Math.floor(r() * 300),
    });
  }

  // the committees' directors: one each, a second in some, none in a few (the staffing rule shows them)
  let i = 0;
  for (const c of DEMO_COMMITTEES) {
    i++;
    if (!committees.has(c.code)) continue;
    const taken = c.code === 'dinghai-01' ? 1 : 0; // director-dinghai serves dinghai-01
    const wanted = i % 23 === 7 ? 0 : i % 5 === 0 ? 2 : 1;
    for (let k = taken; k < wanted; k++) {
      const roll = r();
      // checks: most valid; some about to lapse (reminders), a few lapsed, two never checked
      const checkedAgo = i % 31 === 3 ? null : i % 17 === 4 ? 380 + Math.floor(r() * 60) : i % 9 === 2 ? 340 + Math.floor(r() * 20) : Math.floor(r() * 300);
      await addStaff({
        person: person(1968 + Math.floor(r() * 25)),
        roleKind: 'child_director',
        post: roll < 0.35 ? 'party_secretary' : roll < 0.7 ? 'committee_director' : roll < 0.85 ? 'social_worker' : 'committee_member',
        cert: roll < 0.4 ? 'none' : roll < 0.85 ? 'assistant' : 'intermediate',
        street: c.streetCode,
        unit: streetUnitCode(c.streetCode),
        appointedAgo: 400 + Math.floor(r() * 1500),
        committees: [c.code],
        checkedAgo,
        renewalAsked: checkedAgo !== null && checkedAgo > 340 && r() < 0.5,
      });
    }
  }

  // the agency's other social workers
  for (let k = 0; k < 3; k++) {
    await addStaff({
      person: person(1990 + k * 2),
      roleKind: 'social_worker',
      post: 'social_worker',
      cert: k === 0 ? 'intermediate' : 'assistant',
      street: pick(DEMO_ORGANISATIONS[0].streets, k / 3),
      unit: 'org-sunshine',
      organisation: DEMO_ORGANISATIONS[0].name,
      appointedAgo: 300 + k * 100,
      checkedAgo: 60 + k * 90,
    });
  }
  return { organisations: DEMO_ORGANISATIONS.length, staff: staffCount, checks: checkCount };
}
