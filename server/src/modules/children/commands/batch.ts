/**
 * Creating many files in one go (Excel import): the same rules as createChild — committee in the
 * caller's area, identity number checked and derived, dates, the health-note permission, history,
 * audit, next visit, dropout alerts — but each table is written with one statement per batch.
 * The unique blind index refuses a number registered anywhere in the district (the import's dry
 * run has already reported those rows by street).
 */
import crypto from 'node:crypto';
import type { ChildCreate } from '#common/children.js';
import { namePinyin } from '#common/pinyin.js';
import { shanghaiDate } from '#common/dates.js';
import type { Tx } from '../../../core/context.js';
import type { AppDeps } from '../../../core/deps.js';
import { errors } from '../../../core/errors.js';
import { sealHiv } from '../healthFacts.js';
import { checkHealthNoteWrite, checkHivWrite, committeeAllowed, identity, over18 } from '../policies.js';
import * as repo from '../repo.js';
import { alertOutOfSchool } from './dropoutAlert.js';
import { memberValues } from './file.js';

export async function createChildren(tx: Tx, deps: AppDeps, inputs: ChildCreate[], opts: { action?: string } = {}): Promise<string[]> {
  if (!inputs.length) return [];
  const today = shanghaiDate(deps.clock());
  const scope = tx.ctx.actor?.scope;
  const committees = new Map((await repo.committeesWithStreet(tx, [...new Set(inputs.map((i) => i.committeeId))])).map((r) => [r.id, r]));
  const enc = (v: string | null | undefined, col: string) => deps.crypto.encryptOrNull(v, col);
  const userId = tx.ctx.actor?.userId ?? null;

  const ids = inputs.map(() => crypto.randomUUID());
  const rows = inputs.map((input, i) => {
    const c = committeeAllowed(scope, input.committeeId, committees.get(input.committeeId), `${i}.committeeId`);
    if (input.mentalHealthNote) checkHealthNoteWrite(tx);
    if (input.hivInfected !== undefined && input.hivInfected !== null) checkHivWrite(tx);
    const who = identity(deps, input, today);
    const adult = over18(input, who.birthDate, today, `${i}.`);
    const registeredOn = input.registeredOn ?? today;
    if (registeredOn > today) throw errors.validation([{ path: `${i}.registeredOn`, message: '建档日期不能晚于今天' }]);
    for (const k of input.categories) if (k.since > today) throw errors.validation([{ path: `${i}.categories`, message: '类别起始日期不能晚于今天' }]);
    const py = namePinyin(input.name);
    const row: repo.NewChildRow = {
      committeeId: input.committeeId,
      name: input.name,
      namePinyin: py.full,
      nameInitials: py.initials,
      sex: who.sex,
      birthDate: who.birthDate,
      idNumberEnc: enc(who.idNumber, 'children.id_number'),
      idNumberBidx: who.bidx,
      idNumberTail: who.tail,
      noIdNote: who.idNumber ? null : (input.noIdNote ?? null),
      ethnicity: input.ethnicity ?? null,
      hukou: input.hukou,
      hukouAddressEnc: enc(input.hukouAddress, 'children.hukou_address'),
      residenceAddressEnc: enc(input.residenceAddress, 'children.residence_address'),
      phoneEnc: enc(input.phone, 'children.phone'),
      riskLevel: input.riskLevel,
      riskReason: input.riskReason ?? null,
      riskAssessedOn: input.riskAssessedOn ?? null,
      schoolStage: input.schoolStage ?? null,
      schoolName: input.schoolName ?? null,
      schoolGrade: input.schoolGrade ?? null,
      disabilityType: input.disabilityType ?? null,
      disabilityGrade: input.disabilityGrade ?? null,
      seriousIllness: input.seriousIllness ?? null,
      mentalHealthNoteEnc: enc(input.mentalHealthNote, 'children.mental_health_note'),
      householdSize: input.householdSize ?? null,
      monthlyIncomeFen: input.monthlyIncomeFen ?? null,
      assetsFen: input.assetsFen ?? null,
      assetsAssessedOn: input.assetsAssessedOn ?? null,
      registeredOn,
      createdBy: userId,
      adopted: input.adopted ?? null,
      autism: input.autism ?? null,
      caregiverCanRaise: input.caregiverCanRaise ?? null,
      hivInfectedEnc: sealHiv(deps, input.hivInfected),
      over18Reason: adult.reason,
      over18Note: adult.note,
      highRiskSince: input.riskLevel === 'high' ? today : null,
    };
    return { id: ids[i] ?? '', input, who, adult, committee: c, row };
  });
  const bidxs = rows.map((r) => r.who.bidx).filter((b): b is string => !!b);
  if (new Set(bidxs).size !== bidxs.length) throw errors.conflict('同一批次中有重复的身份证号');

  // The next visit due is set by the insert itself (from the risk level and the categories).
  await repo.insertChildren(
    tx,
    ids,
    rows.map((r) => r.row),
    userId,
    rows.map((r) => r.input.categories.map((k) => k.category)),
  );
  const cats = rows.flatMap((r) => r.input.categories.map((k) => ({ childId: r.id, category: k.category, since: k.since, sourceNote: k.sourceNote ?? null })));
  if (cats.length) await repo.insertCategories(tx, cats, userId);
  const members = rows.flatMap((r, i) => r.input.members.map((m, j) => ({ child: r.id, v: memberValues(deps, m, `${i}.members.${j}.`) })));
  if (members.length) await repo.insertMembers(tx, members);
  const bens = rows.flatMap((r) =>
    r.input.benefits.map((b) => ({
      childId: r.id,
      benefit: b.benefit,
      since: b.since,
      until: b.until ?? null,
      monthlyAmountFen: b.monthlyAmountFen ?? null,
      note: b.note ?? null,
    })),
  );
  if (bens.length) await repo.insertBenefits(tx, bens);
  const action = opts.action ?? 'create';
  await repo.insertHistories(tx, ids, { userId, username: tx.ctx.actor?.username ?? null }, action);
  for (const r of rows) {
    await tx.audit({
      action: action === 'import' ? 'child.import' : 'child.create',
      entity: 'child',
      entityId: r.id,
      summary: { committeeId: r.input.committeeId, withIdNumber: !!r.who.idNumber, ...(r.adult.reason ? { over18Reason: r.adult.reason } : {}) },
    });
  }
  // The 控辍保学 alerts of the whole batch together: a constant number of statements, not ~25 per child.
  await alertOutOfSchool(
    tx,
    rows.map((r) => ({
      child: {
        id: r.id,
        name: r.input.name,
        birthDate: r.who.birthDate,
        streetCode: r.committee.street_code,
        committeeId: r.input.committeeId,
        streetName: r.committee.street_name,
        committeeName: r.committee.name,
      },
      before: null,
      after: r.input.schoolStage ?? null,
    })),
    today,
    deps.clock(),
  );
  return ids;
}
