/**
 * What an import would do, row by row, decided inside the caller's scope: the committee named in
 * the row must be one of the caller's; an identity number already registered in the caller's area
 * means "update that file", one registered in another street is a problem (answered, like the
 * duplicate check of the child file, without naming the street); a child without an
 * identity number is recognised by name + birth date + committee. The same function runs for the
 * dry run and again inside the commit's transaction, so what is written is what was checked.
 */
import { ChildCreate, type Category, type ChildFields, type MemberInput } from '#common/children.js';
import type { ImportProblem } from '#common/files.js';
import { ADULT_AGE, ageOn, validateIdNumber } from '#common/idNumber.js';

const OVER18_IMPORT = '该人员已年满18周岁：儿童档案适用于未满18周岁的儿童。如确需建档，请删除本行，在“新建档案”页面逐个登记并选择在档原因';
import type { AppDeps } from '../../core/deps.js';
import type { Tx } from '../../core/context.js';
import * as repo from './repo.js';
import { shanghaiDate } from '#common/dates.js';
import { BIDX, ELSEWHERE } from '../children/policies.js';
import { IMPORT_COLUMNS } from './importColumns.js';
import { parseRow, type ParsedRow, type RawRow } from './importRead.js';
import { yieldToLoop } from './sheet.js';
import { zhIssueMessage } from '../../http/validation.js';

const CHUNK = 250;
/** Stands in for an unresolved committee while the rest of a row is checked. */
const NO_COMMITTEE = '00000000-0000-4000-8000-000000000000';
const header = (key: string) => IMPORT_COLUMNS.find((c) => c.child === key)?.header ?? key;

/** Column of each ChildCreate field, for problems reported by the shared contract. */
const FIELD_HEADER: Record<string, string> = {
  name: header('name'),
  idNumber: header('idNumber'),
  sex: header('sex'),
  birthDate: header('birthDate'),
  noIdNote: header('noIdNote'),
  ethnicity: header('ethnicity'),
  hukou: header('hukou'),
  hukouAddress: header('hukouAddress'),
  residenceAddress: header('residenceAddress'),
  phone: header('phone'),
  committeeId: header('committee'),
  riskLevel: header('riskLevel'),
  riskReason: header('riskReason'),
  schoolStage: header('schoolStage'),
  schoolName: header('schoolName'),
  schoolGrade: header('schoolGrade'),
  disabilityType: header('disabilityType'),
  disabilityGrade: header('disabilityGrade'),
  seriousIllness: header('seriousIllness'),
  householdSize: header('householdSize'),
  monthlyIncomeFen: header('monthlyIncomeYuan'),
  registeredOn: header('registeredOn'),
  categories: header('categories'),
};
const MEMBER_HEADER: Record<string, string> = { name: '姓名', relation: '关系', idNumber: '身份证号', phone: '电话', status: '状态' };

/** Stored columns of the fields a row can change (the preview compares like updateChild does). */
const COLUMN: Record<keyof Omit<ChildFields, 'mentalHealthNote'>, { col: string; enc?: string }> = {
  name: { col: 'name' },
  ethnicity: { col: 'ethnicity' },
  hukou: { col: 'hukou' },
  hukouAddress: { col: 'hukou_address_enc', enc: 'children.hukou_address' },
  residenceAddress: { col: 'residence_address_enc', enc: 'children.residence_address' },
  phone: { col: 'phone_enc', enc: 'children.phone' },
  committeeId: { col: 'committee_id' },
  riskLevel: { col: 'risk_level' },
  riskReason: { col: 'risk_reason' },
  riskAssessedOn: { col: 'risk_assessed_on' },
  schoolStage: { col: 'school_stage' },
  schoolName: { col: 'school_name' },
  schoolGrade: { col: 'school_grade' },
  disabilityType: { col: 'disability_type' },
  disabilityGrade: { col: 'disability_grade' },
  seriousIllness: { col: 'serious_illness' },
  householdSize: { col: 'household_size' },
  monthlyIncomeFen: { col: 'monthly_income_fen' },
  assetsFen: { col: 'assets_fen' },
  assetsAssessedOn: { col: 'assets_assessed_on' },
};

export type Action =
  | { kind: 'create'; row: number; input: ChildCreate }
  | {
      kind: 'update';
      row: number;
      childId: string;
      version: number;
      patch: Partial<ChildFields>;
      members: MemberInput[];
      categories: { category: Category; since: string }[];
    }
  | { kind: 'unchanged'; row: number; childId: string };

export interface Plan {
  total: number;
  problems: ImportProblem[];
  /** One per row without problems. */
  actions: Action[];
  counts: { create: number; update: number; unchanged: number };
  /** Step 1's rows, for the commit to reuse (see Prepared). */
  prepared: Prepared;
}

type Committee = repo.PlanCommittee;
type Existing = repo.StoredChild;
type PlanRow = ParsedRow & { committee: Committee | null; input: ChildCreate | null; bidx: string | null };

/**
 * Step 1 of a plan (each row parsed and validated on its own: CPU only, about a third of the
 * commit's own time at 10,000 rows) depends only on the file, the day and the caller's committees.
 * The commit reuses the check's when all three are unchanged (`key`), and redoes it otherwise; the
 * steps that read the database (duplicates, who is registered where, what would change) always run
 * again inside the commit's transaction.
 */
export interface Prepared {
  key: string;
  rows: PlanRow[];
}

export async function buildPlan(
  tx: Tx,
  deps: AppDeps,
  raw: RawRow[],
  onProgress: (done: number) => void = () => {},
  reuse: Prepared | null = null,
): Promise<Plan> {
  const today = shanghaiDate(deps.clock());
  const scope = tx.ctx.actor?.scope;
  const committees = await repo.scopeCommittees(tx, { streets: scope?.streets ?? [], committees: scope?.committees ?? [] });
  const key = JSON.stringify([today, [...committees].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))]);
  const rows =
    reuse && reuse.key === key && reuse.rows.length === raw.length
      ? // Later steps add problems to a row: the cached rows stay as the check left them.
        reuse.rows.map((r) => ({ ...r, problems: [...r.problems] }))
      : await parseRows(deps, raw, today, committees, onProgress);
  onProgress(raw.length);
  const prepared: Prepared = { key, rows: rows.map((r) => ({ ...r, problems: [...r.problems] })) };
  return { ...(await planOf(tx, deps, rows, today, raw.length)), prepared };
}

/** Step 1: each row on its own (CPU only), in chunks so the server keeps answering. */
async function parseRows(deps: AppDeps, raw: RawRow[], today: string, committees: Committee[], onProgress: (done: number) => void): Promise<PlanRow[]> {
  const byName = new Map<string, Committee[]>();
  for (const c of committees) byName.set(norm(c.name), [...(byName.get(norm(c.name)) ?? []), c]);
  const rows: PlanRow[] = [];
  for (const [i, rawRow] of raw.entries()) {
    const p = parseRow(rawRow, today);
    const committee = resolveCommittee(p, byName);
    let input: ChildCreate | null = null;
    {
      // Every other cell is checked even when the committee or the name is missing, so one
      // round of corrections fixes the row.
      const since = p.categorySince ?? p.registeredOn ?? today;
      const candidate = {
        hukou: 'local',
        ...p.fields,
        committeeId: committee?.id ?? NO_COMMITTEE,
        idNumber: p.idNumber,
        birthDate: p.idNumber ? null : p.birthDate,
        sex: p.idNumber ? null : p.sex,
        noIdNote: p.idNumber ? null : p.noIdNote,
        registeredOn: p.registeredOn,
        categories: p.categories.map((category) => ({ category, since, sourceNote: '批量导入' })),
        members: p.guardians.map(({ column: _c, ...m }) => m),
        benefits: [],
      };
      const parsed = ChildCreate.safeParse(candidate, { error: zhIssueMessage });
      if (parsed.success) input = committee && p.name ? parsed.data : null;
      else {
        for (const issue of parsed.error.issues) {
          const [first, index, key] = issue.path as (string | number)[];
          // Identity numbers were checked with their own message already.
          if (first === 'idNumber' || (first === 'members' && key === 'idNumber')) continue;
          // A wrong identity number is the problem, not the missing birth date it would replace.
          if (p.idGiven && (first === 'birthDate' || first === 'sex' || first === 'noIdNote')) continue;
          const field =
            first === 'members' ? `监护人${Number(index) + 1}${MEMBER_HEADER[String(key)] ?? ''}` : (FIELD_HEADER[String(first)] ?? String(first ?? ''));
          // A cell already reported (e.g. an unreadable date) is not reported twice.
          if (!p.problems.some((x) => x.field === field)) p.problems.push({ row: p.row, field, message: issue.message });
        }
      }
    }
    if (p.idNumber && p.birthDate) {
      const v = validateIdNumber(p.idNumber, today);
      if (v.ok && v.birthDate !== p.birthDate)
        p.problems.push({ row: p.row, field: header('birthDate'), message: `出生日期与身份证号（${v.birthDate}）不一致，请核对；有身份证号时出生日期可不填` });
    }
    rows.push({ ...p, committee, input, bidx: p.idNumber ? deps.crypto.blindIndex(p.idNumber, BIDX) : null });
    if (i % CHUNK === CHUNK - 1) {
      onProgress(i + 1);
      await yieldToLoop();
    }
  }
  return rows;
}

/** Steps 2-4, against the database as the caller sees it now. */
async function planOf(tx: Tx, deps: AppDeps, rows: PlanRow[], today: string, total: number): Promise<Omit<Plan, 'prepared'>> {
  // 2. The same child twice in the file.
  const seen = new Map<string, number>();
  for (const r of rows) {
    const key = r.idNumber ? `id:${r.idNumber}` : r.name && r.birthDate && r.committee ? `nb:${r.name}|${r.birthDate}|${r.committee.id}` : null;
    if (!key) continue;
    const first = seen.get(key);
    if (first !== undefined) {
      r.problems.push(
        r.idNumber
          ? { row: r.row, field: header('idNumber'), message: `与第 ${first} 行的身份证号重复，同一儿童只能填写一行` }
          : { row: r.row, field: header('name'), message: `与第 ${first} 行的姓名、出生日期和居民区相同，同一儿童只能填写一行` },
      );
    } else seen.set(key, r.row);
  }

  // 3. Who is already registered: in the caller's area (→ update), elsewhere (→ problem).
  const bidxs = rows.flatMap((r) => (r.bidx && r.input ? [r.bidx] : []));
  const own = new Map<string, { id: string }>();
  if (bidxs.length) {
    for (const r of await repo.childrenByBlindIndex(tx, bidxs)) own.set(r.id_number_bidx, r);
    const elsewhere = bidxs.filter((b) => !own.has(b));
    if (elsewhere.length) {
      const found = new Map((await repo.registeredElsewhere(tx, elsewhere)).map((r) => [r.bidx, r]));
      for (const r of rows) {
        const hit = r.bidx ? found.get(r.bidx) : undefined;
        // Registered outside the caller's area: say no more than the duplicate check does (which street
        // holds a child is itself personal data the caller may not see).
        if (hit) r.problems.push({ row: r.row, field: header('idNumber'), message: `该儿童${ELSEWHERE}，不能重复登记；如已迁入本辖区，由区民政局办理转入` });
      }
    }
  }
  const noId = rows.filter((r) => !r.idNumber && r.input && r.birthDate && r.committee);
  const byNameBirth = new Map<number, string[]>();
  if (noId.length) {
    const hits = await repo.childrenByNameBirth(
      tx,
      noId.map((r) => r.name),
      noId.map((r) => r.birthDate),
      noId.map((r) => r.committee!.id),
    );
    for (const h of hits) byNameBirth.set(h.i - 1, [...(byNameBirth.get(h.i - 1) ?? []), h.id]);
  }
  const matched = new Map<(typeof rows)[number], string>();
  for (const r of rows) {
    const hit = r.bidx ? own.get(r.bidx) : undefined;
    if (hit) matched.set(r, hit.id);
  }
  noId.forEach((r, i) => {
    const ids = byNameBirth.get(i);
    if (!ids) return;
    if (ids.length > 1) r.problems.push({ row: r.row, field: header('idNumber'), message: '该居民区有多份同名、同出生日期的档案，请填写身份证号以便区分' });
    else if (ids[0]) matched.set(r, ids[0]);
  });

  // 4. For files that exist: what would change.
  const ids = [...new Set(matched.values())];
  const existing = new Map<string, Existing>();
  const members = new Map<string, { name: string; relation: string; id_number_bidx: string | null }[]>();
  const categories = new Map<string, Set<string>>();
  if (ids.length) {
    for (const e of await repo.storedChildren(tx, ids)) existing.set(e.id, e);
    for (const m of await repo.householdMembersOf(tx, ids)) {
      members.set(m.child_id, [...(members.get(m.child_id) ?? []), m]);
    }
    for (const c of await repo.activeCategoriesOf(tx, ids)) {
      categories.set(c.child_id, (categories.get(c.child_id) ?? new Set()).add(c.category));
    }
  }

  const problems: ImportProblem[] = [];
  const actions: Action[] = [];
  const counts = { create: 0, update: 0, unchanged: 0 };
  for (const [i, r] of rows.entries()) {
    if (i % CHUNK === CHUNK - 1) await yieldToLoop();
    const childId = matched.get(r);
    const e = childId ? existing.get(childId) : undefined;
    if (r.input && e) {
      const patch: Partial<ChildFields> = {};
      // The fields the row fills in, as the shared contract reads them (trimmed, typed).
      const fields = [...Object.keys(r.fields), 'committeeId'] as (keyof typeof COLUMN)[];
      for (const field of fields) {
        const spec = COLUMN[field];
        if (!spec) continue;
        const value = r.input[field];
        const stored = e[spec.col] as string | number | null;
        const old = spec.enc ? deps.crypto.decryptOrNull(stored as string | null, spec.enc) : (stored ?? null);
        if (JSON.stringify(old) !== JSON.stringify(value ?? null)) (patch as Record<string, unknown>)[field] = value;
      }
      const have = members.get(e.id) ?? [];
      const newMembers = r.input.members.filter(
        (m) =>
          !have.some(
            (h) =>
              (m.idNumber && h.id_number_bidx === deps.crypto.blindIndex(m.idNumber.toUpperCase(), BIDX)) || (h.name === m.name && h.relation === m.relation),
          ),
      );
      const active = categories.get(e.id) ?? new Set();
      const newCategories = r.input.categories.filter((c) => !active.has(c.category)).map((c) => ({ category: c.category, since: c.since }));
      const changes = Object.keys(patch).length + newMembers.length + newCategories.length;
      if (changes && e.status === 'closed') {
        r.problems.push({ row: r.row, field: header('name'), message: '该儿童的档案已结案，导入不会修改已结案档案：请先在档案页重新开档，或删除本行' });
      } else if ('committeeId' in patch && r.committee!.street_code !== e.street_code) {
        r.problems.push({ row: r.row, field: header('committee'), message: '该儿童现属其他街道，跨街道变更请在档案页使用“转出”，或改回原居民区' });
      }
      if (!r.problems.length) {
        if (changes) actions.push({ kind: 'update', row: r.row, childId: e.id, version: e.version, patch, members: newMembers, categories: newCategories });
        else actions.push({ kind: 'unchanged', row: r.row, childId: e.id });
        counts[changes ? 'update' : 'unchanged']++;
      }
    } else if (r.input && !r.input.over18Reason && ageOn(birthOf(r.input, today), today) >= ADULT_AGE) {
      // A new file for someone 18 or older is never created silently (issue 8): the form asks
      // for the confirmation and the reason, which the template does not carry.
      r.problems.push({ row: r.row, field: header(r.idNumber ? 'idNumber' : 'birthDate'), message: OVER18_IMPORT });
    } else if (r.input && !r.problems.length) {
      actions.push({ kind: 'create', row: r.row, input: r.input });
      counts.create++;
    }
    problems.push(...dedupe(r.problems));
  }
  return { total, problems, actions, counts };
}

/** The birth date a new file would get: from the identity number when there is one. */
function birthOf(input: ChildCreate, today: string): string {
  const v = input.idNumber ? validateIdNumber(input.idNumber, today) : null;
  return v?.ok ? v.birthDate : (input.birthDate ?? today);
}

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

function resolveCommittee(p: ParsedRow, byName: Map<string, Committee[]>): Committee | null {
  const field = header('committee');
  if (!p.committeeName) {
    p.problems.push({ row: p.row, field, message: '请填写居民区名称（见模板说明页的居民区列表）' });
    return null;
  }
  let found = byName.get(norm(p.committeeName)) ?? [];
  if (p.streetName && found.length) {
    const s = norm(p.streetName);
    const inStreet = found.filter((c) => norm(c.street_name) === s || c.street_code === p.streetName || norm(c.street_name) === `${s}街道`);
    if (!inStreet.length) {
      p.problems.push({ row: p.row, field, message: `居民区“${p.committeeName}”不属于“${p.streetName}”，请核对街道和居民区` });
      return null;
    }
    found = inStreet;
  }
  const [c, another] = found;
  if (!c) {
    p.problems.push({ row: p.row, field, message: `居民区“${p.committeeName}”不在您的辖区内或名称有误，请按模板说明页列出的居民区全称填写` });
    return null;
  }
  if (another) {
    p.problems.push({ row: p.row, field, message: `有多个名为“${p.committeeName}”的居民区，请在“街道”列填写所属街道` });
    return null;
  }
  if (!c.active) {
    p.problems.push({ row: p.row, field, message: `居民区“${p.committeeName}”已合并或停用，请改填现在的居民区` });
    return null;
  }
  return c;
}

function dedupe(list: ImportProblem[]): ImportProblem[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const k = `${p.field}|${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
