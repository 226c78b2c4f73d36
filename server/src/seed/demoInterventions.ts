/**
 * Demo intervention ladders (干预措施, 监护提质), deterministic for a seed, the children and the day:
 * - in the child director's committee (dinghai-01): a 劝诫 that failed and the 训诫 sent to 区公安分局
 *   the working day before today — new in the `police` account's queue;
 * - in Dinghai: 劝诫 failed → 训诫 done by the police (its referral completed) → 家庭教育指导令 issued
 *   by the procuratorate, in progress, 6 sessions required, 2 attended and 1 missed;
 * - in dinghai-01 also a 劝诫 still to take (the director's task);
 * - in Pingliang: a 劝诫 the guardian complied with;
 * - in Dinghai: the whole ladder — 训诫 done, a guidance order the guardian did not follow (sessions
 *   missed), and 申请撤销监护资格 sent to the procuratorate three working days ago, not yet
 *   acknowledged (past its acknowledgement deadline: the overdue indicator counts it).
 * Steps are written with the module's own statements (interventions/repo.ts insertStep); the
 * referrals that carry the police and procuratorate steps with their timelines, as the application
 * writes them (first event 'sent', one status event per version). Runs as the owner in its own
 * transaction; call it once, after the demo referrals.
 */
import type pg from 'pg';
import { addDays } from '#common/dates.js';
import type { InterventionKind, InterventionStatus } from '#common/interventions.js';
import { PLAIN_CALENDAR, addWorkingDays, endOfShanghaiDay, isWorkingDay } from '../modules/referrals/deadlines.js';
import { insertStep } from '../modules/interventions/repo.js';

export interface DemoInterventionsResult {
  steps: number;
  referrals: number;
}

const HOUR = 3_600_000;
const on = (date: string, hour: number) => Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);
const previousWorkingDay = (date: string) => {
  let d = addDays(date, -1);
  while (!isWorkingDay(d, PLAIN_CALENDAR)) d = addDays(d, -1);
  return d;
};

interface Person {
  id: string | null;
  username: string | null;
  name: string;
  unit: string;
}

export async function seedDemoInterventions(client: pg.ClientBase, opts: { seed: number; today: string }): Promise<DemoInterventionsResult> {
  const { today } = opts;
  const pick = async (committeeLike: string, skip: string[]) =>
    (
      await client.query<{ id: string }>(
        `select c.id from children c join committees m on m.id = c.committee_id
          where m.code like $1 and c.status = 'active' and c.birth_date > $2::date - interval '15 years' and not (c.id = any ($3::uuid[]))
            and not exists (select 1 from guardianship_interventions i where i.child_id = c.id)
          order by m.code, c.name_pinyin, c.name, c.birth_date, c.id offset $4 limit 1`,
        [committeeLike, today, skip, opts.seed % 3],
      )
    ).rows[0]?.id ?? null;
  const users = (
    await client.query<{ id: string; username: string; display_name: string; unit_code: string }>('select id, username, display_name, unit_code from users')
  ).rows;
  const person = (username: string, unit: string, fallback: string): Person => {
    const u = users.find((x) => x.username === username);
    return u ? { id: u.id, username: u.username, name: u.display_name, unit: u.unit_code } : { id: null, username: null, name: fallback, unit };
  };
  const street = person('street-dinghai', 'street-dinghai', '定海路街道儿童督导员');
  const pingliang = person('street-pingliang', 'street-pingliang', '平凉路街道儿童督导员');
  const police = person('police', 'police', '区公安分局');
  const procurator = person('procurator', 'procuratorate', '区检察院');
  const units = new Set((await client.query<{ code: string }>('select code from units')).rows.map((r) => r.code));
  if (!units.has(street.unit) || !units.has('police') || !units.has('procuratorate')) return { steps: 0, referrals: 0 };

  let steps = 0;
  let referrals = 0;

  const step = async (s: {
    child: string;
    kind: InterventionKind;
    status: InterventionStatus;
    unit: string;
    person: string | null;
    decidedOn: string | null;
    reason: string;
    outcome: string | null;
    sessions?: number;
    previous: string | null;
    createdOn: string;
    by: Person;
  }): Promise<string> => {
    const id = await insertStep(
      { client },
      {
        childId: s.child,
        kind: s.kind,
        status: s.status,
        unitCode: s.unit,
        personName: s.person,
        decidedOn: s.decidedOn,
        reason: s.reason,
        outcomeNote: s.outcome,
        sessionsRequired: s.sessions ?? null,
        previousId: s.previous,
        assessmentId: null,
        createdBy: s.by.id,
      },
    );
    await client.query('update guardianship_interventions set created_at = $2, updated_at = $2 where id = $1', [id, new Date(on(s.createdOn, 10))]);
    steps++;
    return id;
  };

  /** The referral carrying a step: sent, then (when given) accepted and completed with the outcome. */
  const carry = async (
    stepId: string,
    r: { child: string; kind: string; from: Person; to: Person; reason: string; sentOn: string; done?: { on: string; outcome: string; note: string } },
  ): Promise<void> => {
    const sentAt = on(r.sentOn, 16);
    const ackDue = endOfShanghaiDay(addWorkingDays(r.sentOn, 1, PLAIN_CALENDAR));
    const dueOn = addWorkingDays(r.sentOn, r.kind === 'reprimand' ? 5 : 10, PLAIN_CALENDAR);
    const acceptAt = r.done ? sentAt + 18 * HOUR : null;
    const doneAt = r.done ? on(r.done.on, 15) : null;
    const { rows } = await client.query<{ id: string }>(
      `insert into referrals (child_id, kind, channel, from_unit, from_user, to_unit, reason, urgency, status, ack_due_at, due_on, received_at, accepted_at,
                              ended_at, outcome, outcome_result, source_kind, source_id, created_at, updated_at, version)
       values ($1, $2, false, $3, $4, $5, $6, 'normal', $7, $8, $9, $10, $10, $11, $12, $13, 'intervention', $14, $15, $16, $17) returning id`,
      [
        r.child,
        r.kind,
        r.from.unit,
        r.from.id,
        r.to.unit,
        r.reason,
        r.done ? 'completed' : 'sent',
        ackDue,
        dueOn,
        acceptAt === null ? null : new Date(acceptAt),
        doneAt === null ? null : new Date(doneAt),
        r.done?.outcome ?? null,
        r.done ? 'done' : null,
        stepId,
        new Date(sentAt),
        new Date(doneAt ?? sentAt),
        r.done ? 3 : 1,
      ],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error('demo referral insert returned no id');
    const events: { at: number; by: Person; from: string | null; to: string; note: string | null }[] = [
      { at: sentAt, by: r.from, from: null, to: 'sent', note: r.reason },
    ];
    if (r.done && acceptAt !== null && doneAt !== null) {
      events.push({ at: acceptAt, by: r.to, from: 'sent', to: 'accepted', note: null });
      events.push({ at: doneAt, by: r.to, from: 'accepted', to: 'completed', note: `${r.done.outcome}\n${r.done.note}` });
    }
    for (const e of events) {
      await client.query(
        `insert into referral_events (referral_id, at, user_id, username, display_name, unit_code, kind, from_status, to_status, note)
         values ($1, $2, $3, $4, $5, $6, 'status', $7, $8, $9)`,
        [id, new Date(e.at), e.by.id, e.by.username, e.by.name, e.by.unit, e.from, e.to, e.note],
      );
    }
    await client.query('update guardianship_interventions set referral_id = $2 where id = $1', [stepId, id]);
    referrals++;
  };

  await client.query('begin');
  try {
    const taken: string[] = [];
    // 1. dinghai-01: 劝诫 failed → 训诫 new in the police queue
    const a = await pick('dinghai-01', taken);
    if (a) {
      taken.push(a);
      const adm = await step({
        child: a,
        kind: 'admonition',
        status: 'failed',
        unit: street.unit,
        person: '居委会儿童主任',
        decidedOn: addDays(today, -21),
        reason: '监护人酗酒后多次将孩子独自留在家中过夜',
        outcome: '监护人拒不改正，上周再次夜不归宿',
        previous: null,
        createdOn: addDays(today, -22),
        by: street,
      });
      const sentOn = previousWorkingDay(today);
      const rep = await step({
        child: a,
        kind: 'reprimand',
        status: 'planned',
        unit: 'police',
        person: null,
        decidedOn: null,
        reason: '劝诫无效，请公安机关对监护人予以训诫',
        outcome: null,
        previous: adm,
        createdOn: sentOn,
        by: street,
      });
      await carry(rep, { child: a, kind: 'reprimand', from: street, to: police, reason: '训诫：劝诫无效，请公安机关对监护人予以训诫', sentOn });
    }
    // 2. dinghai: 劝诫 failed → 训诫 done → 家庭教育指导令 in progress with its sessions
    const b = await pick('dinghai-%', taken);
    if (b) {
      taken.push(b);
      const adm = await step({
        child: b,
        kind: 'admonition',
        status: 'failed',
        unit: street.unit,
        person: '居委会儿童主任',
        decidedOn: addDays(today, -90),
        reason: '监护人长期不让孩子上学，在家照看弟妹',
        outcome: '监护人表示无法改变',
        previous: null,
        createdOn: addDays(today, -91),
        by: street,
      });
      const repOn = addDays(today, -80);
      const rep = await step({
        child: b,
        kind: 'reprimand',
        status: 'complied',
        unit: 'police',
        person: police.name,
        decidedOn: addDays(repOn, 3),
        reason: '劝诫无效，请公安机关训诫',
        outcome: '已对监护人训诫并责令改正',
        previous: adm,
        createdOn: repOn,
        by: street,
      });
      await carry(rep, {
        child: b,
        kind: 'reprimand',
        from: street,
        to: police,
        reason: '训诫：劝诫无效，请公安机关训诫',
        sentOn: repOn,
        done: { on: addDays(repOn, 3), outcome: '已对监护人训诫并责令改正', note: `干预措施「训诫」：已作出（${police.name}，${addDays(repOn, 3)}）` },
      });
      const orderOn = addDays(today, -40);
      const issuedOn = addDays(orderOn, 6);
      const order = await step({
        child: b,
        kind: 'guidance_order',
        status: 'in_progress',
        unit: 'procuratorate',
        person: procurator.name,
        decidedOn: issuedOn,
        reason: '训诫后孩子仍未返校，申请家庭教育指导令',
        outcome: '已发出家庭教育指导令，责令监护人接受 6 次家庭教育指导',
        sessions: 6,
        previous: rep,
        createdOn: orderOn,
        by: street,
      });
      await carry(order, {
        child: b,
        kind: 'guidance_order',
        from: street,
        to: procurator,
        reason: '家庭教育指导令：训诫后孩子仍未返校，申请家庭教育指导令',
        sentOn: orderOn,
        done: { on: issuedOn, outcome: '已发出家庭教育指导令', note: `干预措施「家庭教育指导令」：已作出（${procurator.name}，${issuedOn}，应参加指导 6 次）` },
      });
      for (const [i, attended] of [true, true, false].entries()) {
        await client.query(
          `insert into guidance_sessions (child_id, kind, intervention_id, provider, topic, scheduled_on, attended, absence_reason, created_by)
           values ($1, 'family_education', $2, '区妇联家庭教育指导服务中心', $3, $4, $5, $6, $7)`,
          [b, order, `家庭教育指导令第 ${i + 1} 次指导`, addDays(issuedOn, 7 * (i + 1)), attended, attended ? null : '监护人未到，电话未接', street.id],
        );
      }
    }
    // 3. dinghai-01: a 劝诫 still to take
    const c = await pick('dinghai-01', taken);
    if (c) {
      taken.push(c);
      await step({
        child: c,
        kind: 'admonition',
        status: 'planned',
        unit: street.unit,
        person: null,
        decidedOn: null,
        reason: '走访发现孩子衣着单薄、饮食无人照料，需劝诫监护人',
        outcome: null,
        previous: null,
        createdOn: addDays(today, -2),
        by: street,
      });
    }
    // 4. pingliang: a 劝诫 complied with
    const d = await pick('pingliang-%', taken);
    if (d && units.has(pingliang.unit)) {
      await step({
        child: d,
        kind: 'admonition',
        status: 'complied',
        unit: pingliang.unit,
        person: '居委会儿童主任',
        decidedOn: addDays(today, -30),
        reason: '监护人对孩子言语辱骂，邻居多次反映',
        outcome: '监护人已认识错误，后续走访未再发现',
        previous: null,
        createdOn: addDays(today, -31),
        by: pingliang,
      });
    }
    // 5. dinghai: the whole ladder up to 申请撤销监护资格
    const e = await pick('dinghai-%', taken);
    if (e) {
      taken.push(e);
      const repOn = addDays(today, -150);
      const rep = await step({
        child: e,
        kind: 'reprimand',
        status: 'complied',
        unit: 'police',
        person: police.name,
        decidedOn: addDays(repOn, 2),
        reason: '发现监护人殴打孩子，请公安机关训诫',
        outcome: '已对监护人训诫',
        previous: null,
        createdOn: repOn,
        by: street,
      });
      await carry(rep, {
        child: e,
        kind: 'reprimand',
        from: street,
        to: police,
        reason: '训诫：发现监护人殴打孩子，请公安机关训诫',
        sentOn: repOn,
        done: { on: addDays(repOn, 2), outcome: '已对监护人训诫', note: `干预措施「训诫」：已作出（${police.name}，${addDays(repOn, 2)}）` },
      });
      const orderOn = addDays(today, -120);
      const order = await step({
        child: e,
        kind: 'guidance_order',
        status: 'failed',
        unit: 'procuratorate',
        person: procurator.name,
        decidedOn: addDays(orderOn, 5),
        reason: '训诫后仍发现伤痕，申请家庭教育指导令',
        outcome: '监护人 4 次指导缺席 3 次，拒不履行指导令',
        sessions: 4,
        previous: rep,
        createdOn: orderOn,
        by: street,
      });
      await carry(order, {
        child: e,
        kind: 'guidance_order',
        from: street,
        to: procurator,
        reason: '家庭教育指导令：训诫后仍发现伤痕',
        sentOn: orderOn,
        done: {
          on: addDays(orderOn, 5),
          outcome: '已发出家庭教育指导令',
          note: `干预措施「家庭教育指导令」：已作出（${procurator.name}，${addDays(orderOn, 5)}，应参加指导 4 次）`,
        },
      });
      let sentOn = today;
      for (let i = 0; i < 3; i++) sentOn = previousWorkingDay(sentOn);
      const petition = await step({
        child: e,
        kind: 'revocation_petition',
        status: 'planned',
        unit: 'procuratorate',
        person: null,
        decidedOn: null,
        reason: '监护人拒不履行家庭教育指导令，孩子仍受伤害，请检察院支持申请撤销监护资格',
        outcome: null,
        previous: order,
        createdOn: sentOn,
        by: street,
      });
      await carry(petition, {
        child: e,
        kind: 'guardianship_petition',
        from: street,
        to: procurator,
        reason: '申请撤销监护资格：监护人拒不履行家庭教育指导令',
        sentOn,
      });
    }
    await client.query('commit');
  } catch (err) {
    await client.query('rollback');
    throw err;
  }
  return { steps, referrals };
}
