/**
 * Rows and engine results → API shapes: policies (the library and a policy's detail), a child's
 * evaluation, entitlements with their steps, work-list rows and the units' review rules.
 */
import type { Entitlement, EvalPolicy, EntitlementStatus, PolicyDetail, PolicySummary, WorklistItem } from '#common/eligibility.js';
import { fmtParam } from '../../../../engine/src/format.js';
import { KIND_LABELS, UNIT_LABELS, type TestExpect } from '../../../../engine/src/policy.js';
import { INPUT_BY_PATH, isoFromDay, renderPolicy, type Pack, type Policy, type PolicyResult } from '../../../../engine/src/index.js';
import { VERDICT_OF, type MaintainedRow } from './pack.js';
import type { Decider } from './policies.js';
import type { EntRow, EventRow, ReviewRuleRow, StepFileRow } from './repo/entitlements.js';
import type { WorklistRow } from './repo/worklist.js';

// ---- policies ----

export function summaryOf(p: Policy, maintained: MaintainedRow[]): PolicySummary {
  return {
    id: p.id,
    name: p.name,
    issuer: p.issuer,
    unit: p.unit,
    unitLabel: UNIT_LABELS[p.unit],
    kind: p.kind,
    kindLabel: KIND_LABELS[p.kind],
    summary: p.summary ?? null,
    legalBasis: p.legalBasis,
    parameters: [...p.parameters.values()].map((d) => ({
      name: d.name,
      label: d.label,
      unit: d.unit,
      values: d.values.map((v) => ({
        from: isoFromDay(v.from),
        to: v.end !== null ? isoFromDay(v.end) : null,
        value: v.value,
        text: fmtParam(v, d.unit),
        source: v.source,
        verified: v.verified,
        note: v.note ?? null,
        maintained: maintained.some((m) => m.policy === p.id && m.param === d.name && m.from === v.from && m.value === v.value && m.source === v.source),
      })),
    })),
  };
}

/** The library's terms (defined words) with where each is used. */
export function presentTerms(pack: Pack) {
  return pack.terms.map((t) => ({ name: t.name, label: t.label, basis: t.basis, review: t.review ?? null, usedBy: t.usedBy }));
}

/** A formula in words: parameter keys and field paths become their Chinese labels. */
function readable(p: Policy, src: string): string {
  return src
    .replace(/\bparam\.([A-Za-z0-9]+)/g, (_, n: string) => `「${p.parameters.get(n)?.label ?? n}」`)
    .replace(/\b(child|household|benefits|caregiver)\.([A-Za-z]+)/g, (m: string) => INPUT_BY_PATH.get(m)?.fullLabel ?? (m === 'child.age' ? '年龄' : m))
    .replace(/\bmax\(/g, '取较大值(')
    .replace(/\bmin\(/g, '取较小值(')
    .replace(/ yuan\b/g, ' 元');
}

/** A test case's expected answer in Chinese, as the library shows it (never the raw JSON). */
function expectText(p: Policy, date: number, e: TestExpect): string {
  const leaves = p.logic.find((v) => v.from <= date && (v.end === null || date <= v.end))?.leaves ?? [];
  const label = (id: string) => leaves.find((l) => l.id === id)?.label ?? id;
  const amount =
    e.amount === undefined
      ? ''
      : typeof e.amount === 'number'
        ? `金额 ${(e.amount / 100).toLocaleString('zh-CN')} 元`
        : { 'not-maintained': '金额：标准待维护', terms: '按比例和限额', none: '不计算金额' }[e.amount];
  return [
    { eligible: '符合', 'not-eligible': '不符合', undetermined: '尚无法判断' }[e.result],
    amount,
    e.failed?.length ? `未满足：${e.failed.map(label).join('、')}` : '',
    e.missing?.length ? `还需：${e.missing.map((m) => INPUT_BY_PATH.get(m)?.fullLabel ?? m).join('、')}` : '',
    e.missingParams?.length ? `待维护或待核实：${e.missingParams.map((n) => p.parameters.get(n)?.label ?? n).join('、')}` : '',
  ]
    .filter(Boolean)
    .join('；');
}

export function detailOf(p: Policy, maintained: MaintainedRow[]): PolicyDetail {
  const a = p.amount;
  return {
    ...summaryOf(p, maintained),
    logic: p.logic.map((l) => ({
      version: l.version,
      from: isoFromDay(l.from),
      to: l.end !== null ? isoFromDay(l.end) : null,
      fromVerified: l.fromVerified,
      basis: l.basis,
      note: l.note ?? null,
      criteria: l.leaves.map((c) => ({ id: c.id, label: c.label, clause: c.clause, expr: c.src, note: c.note ?? null })),
    })),
    amount: a.kind === 'formula' ? `${a.label}：${readable(p, a.src)}` : a.text,
    tests: p.tests.map((t) => ({ name: t.name, date: isoFromDay(t.date), expect: expectText(p, t.date, t.expect), profile: JSON.stringify(t.profile) })),
    notes: p.notes,
  };
}

// ---- evaluation ----

/** The missing facts with where each comes from (the child tab shows all of them). */
function missingShown(r: PolicyResult): { path: string; label: string }[] {
  return [
    ...r.missing.map((m) => {
      const heldBy = INPUT_BY_PATH.get(m.path)?.heldBy;
      return { path: m.path, label: heldBy ? `${m.label}（由${heldBy}提供）` : m.label };
    }),
    ...r.missingParams.map((p) => ({ path: `param.${p.name}`, label: `${p.label}（${/待核实/.test(p.reason) ? '待核实' : '标准待维护'}）` })),
    ...r.review.map((x) => ({ path: `review.${x.criterion}`, label: `需人工核实：${x.text}` })),
  ];
}

export function presentResult(r: PolicyResult): EvalPolicy {
  const labels = new Map(r.criteria.map((c) => [c.id, c.label]));
  const citations = new Set<string>();
  for (const c of r.criteria) if (c.failed || c.value !== null) citations.add(c.clause);
  for (const b of r.legalBasis) citations.add([b.doc, b.title ? `《${b.title}》` : '', b.article ?? '', b.date ? `（${b.date}）` : ''].join(''));
  return {
    policy: r.policy,
    name: r.name,
    unit: r.unit,
    unitLabel: r.unitLabel,
    verdict: VERDICT_OF[r.result],
    // only a decided answer carries an amount; an undetermined one shows the standard as 若符合…
    amountFen: r.result === 'eligible' && r.amount.status === 'computed' ? r.amount.fen : null,
    amountText: r.amount.status === 'not-maintained' ? `标准待维护：${r.amount.reason}` : r.amount.text,
    amountStatus: r.amount.status,
    failed: r.failed.map((id) => ({ id, label: labels.get(id) ?? id })),
    missing: missingShown(r),
    summary: r.summary,
    explanation: r.explanation,
    lines: renderPolicy(r)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0),
    citations: [...citations].filter((c) => c.length > 0),
    logicVersion: r.logic?.version ?? null,
  };
}

// ---- entitlements ----

/** The deciding unit as shown: 区民政局（代区卫健委） when it decides on another's behalf. */
export const deciderLabel = (d: Decider): string => (d.onBehalfOf ? `${d.name}（代${d.onBehalfOf}）` : d.name);

/** One entitlement with its steps (who did each, the evidence linked), the deciding unit, approvals and the caller's next steps. */
export function presentEntitlement(
  pack: Pack,
  r: EntRow,
  own: readonly EventRow[],
  files: readonly StepFileRow[],
  d: { decider: Decider; required: number; approvers: number; allowed: EntitlementStatus[] },
): Entitlement {
  const p = pack.byId.get(r.policy_id);
  const filesOf = (eventId: string) =>
    files
      .filter((f) => f.event_id === eventId)
      .map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, sizeBytes: f.size_bytes, createdAt: f.created_at.toISOString() }));
  return {
    id: r.id,
    childId: r.child_id,
    policy: r.policy_id,
    policyName: p?.name.zh ?? r.policy_id,
    unitLabel: p ? UNIT_LABELS[p.unit] : '',
    status: r.status,
    fromDate: r.from_date,
    amountFen: r.amount_fen === null ? null : Number(r.amount_fen),
    note: r.note,
    reason: r.reason,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    events: own.map((e) => ({
      at: e.at.toISOString(),
      username: e.username,
      displayName: e.display_name,
      unitName: e.unit_name,
      kind: e.kind,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      note: e.note,
      attachments: filesOf(e.id),
    })),
    decidingUnit: deciderLabel(d.decider),
    approvalsRequired: d.required,
    approvals: r.status === 'submitted' ? d.approvers : 0,
    allowed: d.allowed,
  };
}

export function presentReviewRule(pack: Pack, r: ReviewRuleRow) {
  return {
    unitCode: r.unit_code,
    unitName: r.unit_name,
    policy: r.policy_id,
    policyName: r.policy_id === '*' ? '本单位全部政策' : (pack.byId.get(r.policy_id)?.name.zh ?? r.policy_id),
    approvals: r.approvals,
    updatedAt: r.updated_at.toISOString(),
  };
}

// ---- work lists ----

export function presentWorklistItem(pack: Pack, userId: string | undefined, r: WorklistRow): WorklistItem {
  const p = pack.byId.get(r.policy_id);
  return {
    childId: r.child_id,
    childName: r.child_name,
    committeeName: r.committee_name,
    streetName: r.street_name,
    policy: r.policy_id,
    policyName: p?.name.zh ?? r.policy_id,
    unitLabel: p ? UNIT_LABELS[p.unit] : '',
    asOf: r.as_of,
    amountFen: r.amount_fen === null ? null : Number(r.amount_fen),
    missing: r.missing,
    entitlementId: r.entitlement_id,
    entitlementStatus: r.entitlement_status,
    age: r.age,
    assignee: r.assignee,
    assignedToMe: !!r.assignee_id && r.assignee_id === userId,
  };
}
