/**
 * Who may do what in the safety module (pure: the commands load the rows, these decide). Each rule
 * returns the Chinese refusal, or null when allowed; the `can…` flags the interface shows come from
 * the same functions.
 */
import { withinRemit } from '#common/safety.js';

/** The caller as the rules see them: their unit (with its street, for a street office) and permissions. */
export interface Caller {
  userId: string;
  unitCode: string;
  unitStreet: string | null;
  permissions: ReadonlySet<string>;
}

export interface SiteFacts {
  active: boolean;
  street_code: string | null;
  responsible_unit_code: string;
  inspecting_units: readonly string[];
}

export interface HazardFacts {
  status: string;
  responsible_unit_code: string;
  inspecting_unit_code: string | null;
  fix_reported_by: string | null;
}

const remitOf = (c: Caller, s: SiteFacts) =>
  withinRemit(
    { code: c.unitCode, streetCode: c.unitStreet },
    { streetCode: s.street_code, responsibleUnitCode: s.responsible_unit_code, inspectingUnits: s.inspecting_units },
  );

/** Inspecting a site: safety.inspect, the site active, and within the unit's remit. */
export function inspectRefusal(c: Caller, s: SiteFacts): string | null {
  if (!c.permissions.has('safety.inspect')) return '您没有开展安全检查的权限';
  if (!s.active) return '该场所已停用，不能再登记检查';
  if (!remitOf(c, s)) return '该场所不在本单位的检查职责范围内（本街道的场所、列为检查单位或责任单位的场所），不能登记检查';
  return null;
}

/** Reporting a fix: safety.rectify, the hazard's responsible unit, and the hazard open. */
export function reportFixRefusal(c: Caller, h: HazardFacts): string | null {
  if (!c.permissions.has('safety.rectify')) return '您没有报告整改情况的权限';
  if (h.responsible_unit_code !== c.unitCode) return '只有整改责任单位可以报告该隐患的整改情况';
  if (h.status !== 'open') return h.status === 'confirmed' ? '该隐患已确认整改完成' : '该隐患的整改情况已报告，正等待检查单位确认';
  return null;
}

/** Confirming a fix (or sending it back): safety.inspect, the inspecting unit, a fix reported; confirming: not one's own fix. */
export function confirmRefusal(c: Caller, h: HazardFacts, action: 'confirm' | 'sendBack'): string | null {
  if (!c.permissions.has('safety.inspect')) return '您没有确认整改的权限';
  if (h.inspecting_unit_code !== c.unitCode) return '只有发现该隐患的检查单位可以确认或退回整改';
  if (h.status !== 'fix_reported') return h.status === 'confirmed' ? '该隐患已确认整改完成' : '责任单位尚未报告整改情况，暂不能确认或退回';
  if (action === 'confirm' && h.fix_reported_by === c.userId) return '整改报告人不能确认本人报告的整改，请由检查单位的其他人员确认';
  return null;
}
