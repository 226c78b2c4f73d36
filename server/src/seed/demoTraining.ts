/**
 * Demo training, exams, evaluations and rewards (plan tasks 37-39), and a small restricted-persons
 * list with one match: sessions over two years (the district's yearly full training, specialised
 * and social-work sessions, one of 定海路街道's own) with attendance — most directors and
 * supervisors trained this year, some not (the coverage page lists them; director-dinghai is
 * trained) —, exam registrations and results (a pass raised the certificate), last year's
 * evaluations mostly done (the metrics computed as the module computes them), a few rewards, and a
 * list whose one entry is a generated 定海路街道 director without an account (the reviewer sees the
 * match; no demo login is suspended). Deterministic for a seed and a day; runs once.
 */
import type pg from 'pg';
import { addDays } from '#common/dates.js';
import { makeIdNumber } from '#common/idNumber.js';
import { raisedCertLevel, CERT_LEVELS, type CertLevel, type ExamLevel } from '#common/training.js';
import type { FieldCrypto } from '../crypto/fieldCrypto.js';

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const earlier = (a: string, b: string) => (a < b ? a : b);
const later = (a: string, b: string) => (a > b ? a : b);

export async function seedDemoTraining(
  client: pg.ClientBase,
  fieldCrypto: FieldCrypto,
  opts: { seed: number; today: string },
): Promise<{ sessions: number; attendance: number; exams: number; evaluations: number; rewards: number; restricted: number }> {
  const none = { sessions: 0, attendance: 0, exams: 0, evaluations: 0, rewards: 0, restricted: 0 };
  if ((await client.query('select 1 from training_sessions limit 1')).rowCount) return none;
  const { rows: people } = await client.query<{
    id: string;
    role_kind: string;
    street_code: string | null;
    cert_level: string;
    user_id: string | null;
    username: string | null;
  }>(
    `select s.id, s.role_kind, s.street_code, s.cert_level, s.user_id, u.username
       from staff s left join users u on u.id = s.user_id where s.left_on is null order by s.street_code nulls first, s.role_kind, s.name, s.id`,
  );
  if (!people.length) return none;
  const r = rng(opts.seed + 39);
  const { today } = opts;
  const year = Number(today.slice(0, 4));
  const ly = year - 1;
  const thisYear = (md: string) => later(`${year}-01-01`, earlier(`${year}-${md}`, today));

  const sessionIds: string[] = [];
  async function session(s: {
    topic: string;
    kind: string;
    on: string;
    hours: number;
    trainer: string;
    unit: string;
    location: string;
    audience: string[];
    tasks: number[];
  }) {
    const { rows } = await client.query<{ id: string }>(
      `insert into training_sessions (topic, kind, held_on, hours, trainer, organiser_unit_code, location, audience, plan_tasks)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [s.topic, s.kind, s.on, s.hours, s.trainer, s.unit, s.location, s.audience, s.tasks],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error('no session');
    sessionIds.push(id);
    return id;
  }
  const covered = ['child_director', 'street_supervisor'];
  const lyAnnual = await session({
    topic: `${ly}年度儿童主任、儿童督导员全员培训`,
    kind: 'annual',
    on: `${ly}-03-20`,
    hours: 6,
    trainer: '区民政局儿童福利科',
    unit: 'civil-affairs',
    location: '杨浦区社会福利中心报告厅',
    audience: covered,
    tasks: [37],
  });
  const lySpecial = await session({
    topic: '困境儿童风险评估与走访实务',
    kind: 'specialised',
    on: `${ly}-09-12`,
    hours: 3,
    trainer: '复旦大学社会发展与公共政策学院',
    unit: 'civil-affairs',
    location: '杨浦区社会福利中心',
    audience: ['child_director'],
    tasks: [37],
  });
  const lySocial = await session({
    topic: '儿童社会工作专业能力提升培训',
    kind: 'social_work',
    on: `${ly}-11-05`,
    hours: 4,
    trainer: '阳光社工服务社督导组',
    unit: 'org-sunshine',
    location: '阳光社工服务社',
    audience: ['social_worker'],
    tasks: [39],
  });
  const annual = await session({
    topic: `${year}年度儿童主任、儿童督导员全员培训`,
    kind: 'annual',
    on: thisYear('04-16'),
    hours: 6,
    trainer: '区民政局儿童福利科',
    unit: 'civil-affairs',
    location: '杨浦区社会福利中心报告厅',
    audience: covered,
    tasks: [37],
  });
  const dinghai = await session({
    topic: '定海路街道儿童主任走访记录规范培训',
    kind: 'specialised',
    on: thisYear('06-10'),
    hours: 2,
    trainer: '定海路街道儿童督导员',
    unit: 'street-dinghai',
    location: '定海路街道社区事务受理服务中心',
    audience: ['child_director'],
    tasks: [37],
  });
  const social = await session({
    topic: '家庭监护评估与干预实务（社工专场）',
    kind: 'social_work',
    on: thisYear('09-18'),
    hours: 4,
    trainer: '上海市儿童福利协会',
    unit: 'org-sunshine',
    location: '阳光社工服务社',
    audience: ['social_worker'],
    tasks: [39],
  });

  const att: [string, string, boolean][] = [];
  for (const p of people) {
    const isCovered = covered.includes(p.role_kind);
    if (isCovered && r() > 0.08) att.push([lyAnnual, p.id, true]);
    if (p.role_kind === 'child_director' && r() < 0.4) att.push([lySpecial, p.id, true]);
    if (p.role_kind === 'social_worker') att.push([lySocial, p.id, true], [social, p.id, r() > 0.2]);
    // this year: most trained; the demo accounts always (their pages show the archive)
    if (isCovered && (p.username !== null || r() > 0.16)) att.push([annual, p.id, true]);
    else if (isCovered && r() < 0.3) att.push([annual, p.id, false]); // registered, absent
    if (p.role_kind === 'child_director' && p.street_code === 'dinghai' && r() < 0.7) att.push([dinghai, p.id, true]);
  }
  await client.query(
    `insert into training_attendance (session_id, staff_id, attended, note)
     select s, p, a, case when a then null else '缺勤（请假）' end from unnest($1::uuid[], $2::uuid[], $3::boolean[]) as t(s, p, a)`,
    [att.map((a) => a[0]), att.map((a) => a[1]), att.map((a) => a[2])],
  );

  // exams: last year's and this year's registrations one level above the certificate held
  let exams = 0;
  const directors = people.filter((p) => p.role_kind === 'child_director' || p.role_kind === 'social_worker');
  for (const [k, p] of directors.entries()) {
    if (k % 7 !== 3) continue;
    let cert = CERT_LEVELS.find((c) => c === p.cert_level) ?? 'none';
    for (const y of [ly, year]) {
      const next: ExamLevel | undefined =
        cert === 'none' ? 'assistant' : cert === 'assistant' ? 'intermediate' : cert === 'intermediate' ? 'senior' : undefined;
      if (!next) break;
      const roll = r();
      const result = y === ly ? (roll < 0.55 ? 'passed' : roll < 0.85 ? 'failed' : 'absent') : roll < 0.45 ? 'passed' : roll < 0.7 ? 'failed' : 'registered';
      const score = result === 'passed' ? 60 + Math.floor(r() * 30) : result === 'failed' ? 35 + Math.floor(r() * 24) : null;
      await client.query(`insert into exam_records (staff_id, year, level, registered_on, result, score) values ($1, $2, $3, $4, $5, $6)`, [
        p.id,
        y,
        next,
        y === ly ? `${ly}-03-10` : thisYear('03-10'),
        result,
        score,
      ]);
      exams++;
      if (result === 'passed') {
        const raised: CertLevel = raisedCertLevel(cert, next);
        cert = raised;
        await client.query(`update staff set cert_level = $2 where id = $1`, [p.id, raised]);
      }
    }
  }

  // last year's evaluations: most done, a few drafts; reviewed by the street's supervisor account
  const reviewers = new Map(
    (
      await client.query<{ street_code: string; user_id: string }>(
        `select distinct on (s.street_code) s.street_code, s.user_id from staff s where s.role_kind = 'street_supervisor' and s.user_id is not null order by s.street_code, s.name`,
      )
    ).rows.map((x) => [x.street_code, x.user_id]),
  );
  const districtUser = (await client.query<{ id: string }>(`select id from users where username = 'district'`)).rows[0]?.id ?? null;
  const GRADES = ['excellent', 'good', 'good', 'good', 'pass', 'pass', 'fail'] as const;
  const COMMENTS = {
    excellent: '走访及时，台账规范，表现突出',
    good: '履职认真，走访基本及时',
    pass: '基本履职，档案资料需进一步完善',
    fail: '走访逾期较多，需加强督导',
  };
  const evals: { id: string; grade: string | null; status: string; reviewer: string | null; comment: string | null }[] = [];
  const { rows: lyDirectors } = await client.query<{ id: string; street_code: string | null }>(
    `select id, street_code from staff where role_kind = 'child_director' and appointed_on < $1::date order by street_code, name, id`,
    [`${year}-01-01`],
  );
  for (const d of lyDirectors) {
    const roll = r();
    if (roll < 0.06) continue;
    const reviewer = (d.street_code ? reviewers.get(d.street_code) : undefined) ?? districtUser;
    if (roll < 0.12) {
      evals.push({ id: d.id, grade: null, status: 'draft', reviewer, comment: null });
      continue;
    }
    const grade = GRADES[Math.floor(r() * GRADES.length)] ?? 'good';
    evals.push({ id: d.id, grade, status: 'done', reviewer, comment: COMMENTS[grade] });
  }
  const asOf = `${ly}-12-31`;
  const reviewedOn = earlier(`${year}-01-25`, today);
  // the metrics as the training module computes them (repo.ts metrics), for all at once
  await client.query(
    `insert into staff_evaluations (staff_id, year, metrics, grade, comment, status, reviewer_id, reviewed_at)
     select e.staff_id, $1, jsonb_build_object('computedOn', $2::text, 'children', m.children,
              'visitsOnTime', jsonb_build_object('num', m.on_time, 'den', m.children),
              'filesComplete', jsonb_build_object('num', m.complete, 'den', m.children),
              'problemsResolved', jsonb_build_object('num', m.resolved, 'den', m.problems),
              'trainingHours', m.hours),
            e.grade, e.comment, e.status, e.reviewer, ($3::date + time '10:00') at time zone 'Asia/Shanghai'
       from unnest($4::uuid[], $5::text[], $6::text[], $7::uuid[], $8::text[]) as e(staff_id, grade, status, reviewer, comment)
       cross join lateral (
         with c as (select distinct ch.id, ch.next_visit_due, ch.id_number_bidx, ch.residence_address_enc
                      from staff_committees sc join children ch on ch.committee_id = sc.committee_id and ch.status = 'active'
                     where sc.staff_id = e.staff_id),
              p as (select pr.status, pr.resolved_on from problems pr
                     where pr.child_id in (select id from c) and (pr.created_at at time zone 'Asia/Shanghai')::date between make_date($1, 1, 1) and $2::date)
         select (select count(*)::int from c) as children,
                (select count(*)::int from c where c.next_visit_due is null or c.next_visit_due >= $2::date) as on_time,
                (select count(*)::int from c where c.id_number_bidx is not null and c.residence_address_enc is not null
                    and exists (select 1 from household_members hm where hm.child_id = c.id and hm.role = 'guardian')) as complete,
                (select count(*)::int from p) as problems,
                (select count(*)::int from p where p.status = 'resolved' and p.resolved_on <= $2::date) as resolved,
                (select coalesce(sum(coalesce(a.hours, ts.hours)), 0) from training_attendance a join training_sessions ts on ts.id = a.session_id
                  where a.staff_id = e.staff_id and a.attended and extract(year from ts.held_on) = $1) as hours
       ) m`,
    [
      ly,
      asOf,
      reviewedOn,
      evals.map((e) => e.id),
      evals.map((e) => e.grade),
      evals.map((e) => e.status),
      evals.map((e) => e.reviewer),
      evals.map((e) => e.comment),
    ],
  );

  // rewards: the first excellent ones of last year
  const best = evals.filter((e) => e.grade === 'excellent').slice(0, 4);
  for (const e of best) {
    await client.query(`insert into staff_rewards (staff_id, year, title, granted_on, granting_unit_code, note) values ($1, $2, $3, $4, 'civil-affairs', $5)`, [
      e.id,
      year,
      `${ly}年度杨浦区优秀儿童主任`,
      earlier(`${year}-02-28`, today),
      '年度考核评价优秀',
    ]);
  }

  // the restricted list: one entry is a generated 定海路街道 director (no account), two are not on the ledger
  const { rows: target } = await client.query<{ id_number_bidx: string }>(
    `select s.id_number_bidx from staff s join staff_committees sc on sc.staff_id = s.id join committees c on c.id = sc.committee_id
      where s.street_code = 'dinghai' and s.role_kind = 'child_director' and s.user_id is null and s.id_number_bidx is not null
      order by c.code desc, s.name limit 1`,
  );
  let restricted = 0;
  const hit = target[0];
  if (hit) {
    const { rows: list } = await client.query<{ id: string }>(
      `insert into restricted_lists (name, source, file_sha256, rows, loaded_by, loaded_at)
       values ('区公安分局从业限制人员名单（演示）', '杨浦公安分局', null, 3, (select id from users where username = 'reviewer'), ($1::date + time '09:30') at time zone 'Asia/Shanghai')
       returning id`,
      [addDays(today, -3)],
    );
    const listId = list[0]?.id;
    if (listId) {
      const others = [makeIdNumber('310110', '1979-05-14', 305, 'M'), makeIdNumber('310107', '1985-11-02', 118, 'M')].map((n) =>
        fieldCrypto.blindIndex(n, 'staff.id_number'),
      );
      await client.query(
        `insert into restricted_persons (list_id, id_number_bidx, name_masked, restriction)
         select $1, b, n, x from unnest($2::text[], $3::text[], $4::text[]) as t(b, n, x)`,
        [listId, [hit.id_number_bidx, ...others], ['陈*芳', '刘*强', '周*'], ['因猥亵儿童受过刑事处罚', '因虐待被判处刑罚', '因拐卖儿童受过刑事处罚']],
      );
      const { rows: m } = await client.query<{ n: number }>(`select restricted_match_write(null, $1) as n`, [listId]);
      restricted = m[0]?.n ?? 0;
    }
  }
  return { sessions: sessionIds.length, attendance: att.length, exams, evaluations: evals.length, rewards: best.length, restricted };
}
