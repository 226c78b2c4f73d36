/**
 * 免申即享 work lists at scale (issue 9, item 8): 可享未享 / 待补充信息 / 可能不再符合 filtered by
 * street, committee, policy, age and assignee, paged server-side, by row or grouped by child; the
 * bulk "assign to me"; and the Excel export (masked, audited, kept for its creator like the
 * children export, files/exports.ts).
 */
import ExcelJS from 'exceljs';
import { ENTITLEMENT_STATUS_ZH, type EntitlementStatus, type WorklistFilters, type WorklistItem } from '#common/eligibility.js';
import { maskIdNumber } from '#common/mask.js';
import { UNIT_LABELS } from '../../../../engine/src/policy.js';
import type { Pack } from '../../../../engine/src/index.js';
import type { AppDeps } from '../../core/deps.js';
import type { Actor, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { collector, headerText, safeRow, safeText, shanghaiDateTime, yieldToLoop } from '../files/sheet.js';
import { hiddenPolicies, stakeRank } from './service.js';

export const KIND_ZH: Record<WorklistFilters['kind'], string> = { 'eligible-not-receiving': '可享未享', undetermined: '待补充信息', 'no-longer-eligible': '可能不再符合' };
/** The most rows one export may hold (as the children export). */
export const MAX_WORKLIST_EXPORT = 20_000;

/** FROM and WHERE of a work list with its filters; args are positional ($1…). */
function query(tx: Tx, pack: Pack, f: WorklistFilters, today: string): { from: string; where: string; args: unknown[] } {
  const args: unknown[] = [];
  const arg = (v: unknown) => { args.push(v); return `$${args.length}`; };
  let where: string;
  if (f.kind === 'eligible-not-receiving') {
    where = `r.verdict = 'eligible' and not exists (select 1 from entitlements g where g.child_id = r.child_id and g.policy_id = r.policy_id and g.status = 'granted')`;
  } else if (f.kind === 'undetermined') {
    // only results with something to fill in or to check by hand (toFillIn): facts held by a health
    // or court authority are never on a caseworker's list
    where = `r.verdict = 'undetermined' and jsonb_array_length(r.missing) > 0`;
  } else {
    where = `r.verdict = 'not_eligible' and exists (select 1 from entitlements g where g.child_id = r.child_id and g.policy_id = r.policy_id and g.status = 'granted')`;
  }
  where += ` and c.status = 'active'`;
  if (f.policy) where += ` and r.policy_id = ${arg(f.policy)}`;
  // r.street_code / r.committee_id: the indexed area keys of the results (eligibility_results_area).
  if (f.street) where += ` and r.street_code = ${arg(f.street)}`;
  if (f.committee) where += ` and r.committee_id = ${arg(f.committee)}::uuid`;
  // Full years today: born on or before today minus ageMin years, and after today minus (ageMax + 1) years.
  if (f.ageMin !== undefined) where += ` and c.birth_date <= (${arg(today)}::date - make_interval(years => ${arg(f.ageMin)}::int))::date`;
  if (f.ageMax !== undefined) where += ` and c.birth_date > (${arg(today)}::date - make_interval(years => ${arg(f.ageMax + 1)}::int))::date`;
  if (f.assigned === 'me') where += ` and a.user_id = ${arg(tx.ctx.actor?.userId ?? null)}::uuid`;
  if (f.assigned === 'none') where += ' and a.user_id is null';
  const hidden = hiddenPolicies(tx, pack);
  if (hidden.size) where += ` and r.policy_id <> all (${arg([...hidden])}::text[])`;
  const from = `from eligibility_results r join children c on c.id = r.child_id join streets s on s.code = r.street_code join committees m on m.id = r.committee_id
      left join entitlements e on e.child_id = r.child_id and e.policy_id = r.policy_id and e.status not in ('refused', 'ended')
      left join eligibility_assignments a on a.child_id = r.child_id and a.policy_id = r.policy_id
      left join users au on au.id = a.user_id`;
  return { from, where, args };
}

interface Row {
  child_id: string; child_name: string; age: number; committee_name: string; street_name: string; policy_id: string; as_of: string; amount_fen: string | null; missing: string[];
  entitlement_id: string | null; entitlement_status: EntitlementStatus | null; assignee_id: string | null; assignee: string | null;
}
const columns = (today: string, k: number) => `r.child_id, c.name as child_name, date_part('year', age(${`$${k}`}::date, c.birth_date))::int as age, m.name as committee_name, s.name as street_name,
  r.policy_id, to_char(r.as_of, 'YYYY-MM-DD') as as_of, r.amount_fen, r.missing, e.id as entitlement_id, e.status as entitlement_status,
  a.user_id as assignee_id, au.display_name as assignee`;

function present(tx: Tx, pack: Pack, r: Row): WorklistItem {
  const p = pack.byId.get(r.policy_id);
  return {
    childId: r.child_id, childName: r.child_name, committeeName: r.committee_name, streetName: r.street_name, policy: r.policy_id,
    policyName: p?.name.zh ?? r.policy_id, unitLabel: p ? UNIT_LABELS[p.unit] : '', asOf: r.as_of, amountFen: r.amount_fen === null ? null : Number(r.amount_fen),
    missing: r.missing, entitlementId: r.entitlement_id, entitlementStatus: r.entitlement_status, age: r.age,
    assignee: r.assignee, assignedToMe: !!r.assignee_id && r.assignee_id === tx.ctx.actor?.userId,
  };
}

/** One page of rows (child × policy). */
export async function listWorklist(tx: Tx, pack: Pack, f: WorklistFilters, today: string, page: number, pageSize: number) {
  const q = query(tx, pack, f, today);
  const total = (await tx.client.query<{ n: number }>(`select count(*)::int as n ${q.from} where ${q.where}`, q.args)).rows[0]!.n;
  const k = q.args.length;
  // 待补充信息 is ranked by what is at stake (stakeRank: monthly allowances first, higher standard
  // first), then by how little is missing.
  let order = 'm.name, c.name, r.child_id, r.policy_id';
  const extra: unknown[] = [];
  if (f.kind === 'undetermined') {
    const stake = stakeRank(pack, today);
    extra.push(stake.policies, stake.ranks);
    order = `($${k + 5}::bigint[])[array_position($${k + 4}::text[], r.policy_id)] nulls last, jsonb_array_length(r.missing), ${order}`;
  }
  const { rows } = await tx.client.query<Row>(
    `select ${columns(today, k + 1)} ${q.from} where ${q.where} order by ${order} limit $${k + 2} offset $${k + 3}`,
    [...q.args, today, pageSize, (page - 1) * pageSize, ...extra]);
  return { items: rows.map((r) => present(tx, pack, r)), total, page, pageSize };
}

/** One page of children, each with its rows on the list (the child row expands to its policies). */
export async function listWorklistByChild(tx: Tx, pack: Pack, f: WorklistFilters, today: string, page: number, pageSize: number) {
  const q = query(tx, pack, f, today);
  const total = (await tx.client.query<{ n: number }>(`select count(distinct r.child_id)::int as n ${q.from} where ${q.where}`, q.args)).rows[0]!.n;
  const k = q.args.length;
  const ids = (await tx.client.query<{ child_id: string }>(
    `select r.child_id from (select distinct r.child_id, m.name as committee_name, c.name as child_name ${q.from} where ${q.where}) r
     order by r.committee_name, r.child_name, r.child_id limit $${k + 1} offset $${k + 2}`, [...q.args, pageSize, (page - 1) * pageSize])).rows.map((r) => r.child_id);
  if (!ids.length) return { items: [], total, page, pageSize };
  const { rows } = await tx.client.query<Row>(
    `select ${columns(today, k + 1)} ${q.from} where ${q.where} and r.child_id = any ($${k + 2}::uuid[]) order by r.policy_id`, [...q.args, today, ids]);
  const items = ids.map((id) => {
    const own = rows.filter((r) => r.child_id === id);
    const first = own[0]!;
    return { childId: id, childName: first.child_name, age: first.age, committeeName: first.committee_name, streetName: first.street_name, items: own.map((r) => present(tx, pack, r)) };
  });
  return { items, total, page, pageSize };
}

/**
 * 分配给我: the selected rows become the caller's (an earlier assignee's are taken over). Every row
 * must be a child the caller can see (RLS) — an unknown or out-of-area child refuses the whole
 * request with its reason, and nothing changes.
 */
export async function assignToMe(tx: Tx, pack: Pack, items: { childId: string; policy: string }[]): Promise<number> {
  const actor = tx.ctx.actor!;
  const unknownPolicy = items.find((i) => !pack.byId.has(i.policy));
  if (unknownPolicy) throw errors.validation([{ path: 'items', message: `政策不存在：${unknownPolicy.policy}` }]);
  const childIds = [...new Set(items.map((i) => i.childId))];
  const visible = new Set((await tx.client.query<{ id: string }>(`select id from children where id = any ($1::uuid[]) and status = 'active'`, [childIds])).rows.map((r) => r.id));
  const missing = childIds.filter((id) => !visible.has(id));
  if (missing.length) throw errors.validation([{ path: 'items', message: `有 ${missing.length} 名儿童不存在、已结案或不在您的辖区内，请刷新清单后重新选择` }], '分配失败，未做任何更改');
  const unique = [...new Map(items.map((i) => [`${i.childId}|${i.policy}`, i])).values()];
  await tx.client.query(
    `insert into eligibility_assignments (child_id, policy_id, user_id) select * from unnest($1::uuid[], $2::text[], $3::uuid[])
     on conflict (child_id, policy_id) do update set user_id = excluded.user_id, assigned_at = now()`,
    [unique.map((i) => i.childId), unique.map((i) => i.policy), unique.map(() => actor.userId)]);
  await tx.audit({ action: 'eligibility.assign', entity: 'eligibility', entityId: null, summary: { assigned: unique.length, children: childIds.length, to: actor.username } });
  return unique.length;
}

/** The filters in words, for the first sheet of the file. */
async function describe(tx: Tx, pack: Pack, f: WorklistFilters): Promise<string> {
  const parts = [`清单：${KIND_ZH[f.kind]}`];
  if (f.street) parts.push(`街道：${(await tx.client.query<{ name: string }>('select name from streets where code = $1', [f.street])).rows[0]?.name ?? f.street}`);
  if (f.committee) parts.push(`居民区：${(await tx.client.query<{ name: string }>('select name from committees where id = $1', [f.committee])).rows[0]?.name ?? f.committee}`);
  if (f.policy) parts.push(`政策：${pack.byId.get(f.policy)?.name.zh ?? f.policy}`);
  if (f.ageMin !== undefined || f.ageMax !== undefined) parts.push(`年龄：${f.ageMin ?? 0}-${f.ageMax ?? 18} 周岁`);
  if (f.assigned) parts.push(f.assigned === 'me' ? '仅分配给我的' : '仅未分配的');
  return parts.join('；');
}

/**
 * The work list with its filters as .xlsx: every row (up to MAX_WORKLIST_EXPORT), identity numbers
 * masked (first 6 and last 4), who / unit / when in the file and on every page, text cells escaped
 * against formula injection; stored for its creator (exports, RLS) and audited.
 */
export async function exportWorklist(tx: Tx, deps: AppDeps, pack: Pack, f: WorklistFilters, today: string): Promise<{ id: string; filename: string; rows: number; masked: boolean }> {
  const actor = tx.ctx.actor!;
  const q = query(tx, pack, f, today);
  const total = (await tx.client.query<{ n: number }>(`select count(*)::int as n ${q.from} where ${q.where}`, q.args)).rows[0]!.n;
  if (total > MAX_WORKLIST_EXPORT) {
    throw errors.validation([], `当前清单共 ${total} 条，超过单次导出上限 ${MAX_WORKLIST_EXPORT} 条，请按街道、居民区或政策筛选后分批导出`);
  }
  const k = q.args.length;
  const rows = (await tx.client.query<Row & { id_number_enc: string | null }>(
    `select ${columns(today, k + 1)}, c.id_number_enc ${q.from} where ${q.where} order by s.name, m.name, c.name, r.child_id, r.policy_id`, [...q.args, today])).rows;
  const at = deps.clock();
  const content = await workbook(rows.map((r) => ({ item: present(tx, pack, r), id: maskIdNumber(deps.crypto.decryptOrNull(r.id_number_enc, 'children.id_number')) })),
    { actor, at, kind: f.kind, filters: await describe(tx, pack, f) });
  const filename = `免申即享_${KIND_ZH[f.kind]}_${shanghaiDateTime(at).replace(/[-:]/g, '').replace(' ', '_')}.xlsx`;
  const id = (await tx.client.query<{ id: string }>(
    `insert into exports (user_id, kind, filename, rows, masked, content) values ($1, 'eligibility', $2, $3, true, $4) returning id`,
    [actor.userId, filename, rows.length, content])).rows[0]!.id;
  await tx.audit({ action: 'eligibility.export', entity: 'export', entityId: id, summary: { rows: rows.length, masked: true, filters: f } });
  return { id, filename, rows: rows.length, masked: true };
}

const COLUMNS = [
  { header: '姓名', width: 10 }, { header: '身份证号（脱敏）', width: 22 }, { header: '年龄', width: 6 }, { header: '街道', width: 14 }, { header: '居民区', width: 18 },
  { header: '政策', width: 30 }, { header: '主管单位', width: 10 }, { header: '金额（元）', width: 10 }, { header: '办理状态', width: 10 },
  { header: '需补充的信息', width: 36 }, { header: '经办人', width: 10 }, { header: '匹配日期', width: 12 },
] as const;

async function workbook(rows: { item: WorklistItem; id: string | null }[], meta: { actor: Actor; at: number; kind: WorklistFilters['kind']; filters: string }): Promise<Buffer> {
  const out = collector();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out.stream, useStyles: true, useSharedStrings: false });
  wb.creator = '暖杨 杨浦区困境儿童关爱服务平台';
  wb.created = new Date(meta.at);
  const when = shanghaiDateTime(meta.at);
  const who = `${meta.actor.displayName}（${meta.actor.username}）`;
  const footer = { oddHeader: '&C&"-,Bold"内部资料 注意保密', oddFooter: `&L${headerText(safeText(`导出人：${who} ${meta.actor.unitName} ${when}`))}&R第 &P 页，共 &N 页` };
  const info = wb.addWorksheet('导出说明', { headerFooter: footer });
  info.columns = [{ width: 14 }, { width: 80 }];
  const title = info.addRow([`免申即享工作清单：${KIND_ZH[meta.kind]}`]);
  title.font = { bold: true, size: 14 };
  title.commit();
  for (const l of [['导出人', who], ['单位', meta.actor.unitName], ['导出时间', `${when}（北京时间）`], ['筛选条件', meta.filters], ['记录数', String(rows.length)],
    ['身份证号', '已脱敏（仅显示前6位和后4位）'], ['提示', '本文件含未成年人个人信息，仅限本职工作使用，不得外传、不得上传至互联网；用毕请及时删除。']]) info.addRow(safeRow(l)).commit();
  info.commit();
  const ws = wb.addWorksheet(KIND_ZH[meta.kind], { headerFooter: footer, views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = COLUMNS.map((c, i) => ({ key: `c${i}`, width: c.width }));
  const head = ws.addRow(COLUMNS.map((c) => c.header));
  head.font = { bold: true };
  head.commit();
  for (const [i, { item: r, id }] of rows.entries()) {
    ws.addRow(safeRow([
      r.childName, id ?? '', r.age, r.streetName, r.committeeName, r.policyName, r.unitLabel, r.amountFen === null ? null : r.amountFen / 100,
      r.entitlementStatus ? ENTITLEMENT_STATUS_ZH[r.entitlementStatus] : '', r.missing.join('、'), r.assignee ?? '', r.asOf,
    ])).commit();
    if (i % 2000 === 1999) await yieldToLoop();
  }
  ws.commit();
  await wb.commit();
  return out.done;
}
