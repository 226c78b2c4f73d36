/** Rows of the safety module → API shapes (common/src/safety.ts). */
import {
  CheckTopicEnum,
  HazardStatusEnum,
  isOverdue,
  ItemResultEnum,
  SeverityEnum,
  SiteKindEnum,
  type Checklist,
  type Hazard,
  type Inspection,
  type Site,
} from '#common/safety.js';
import { confirmRefusal, inspectRefusal, reportFixRefusal, type Caller } from './policies.js';
import type { ChecklistRow, HazardRow, InspectionRow, SiteRow } from './repo.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function siteOut(r: SiteRow, c: Caller): Site {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: SiteKindEnum.parse(r.kind),
    streetCode: r.street_code,
    streetName: r.street_name,
    address: r.address,
    responsibleUnitCode: r.responsible_unit_code,
    responsibleUnitName: r.responsible_unit_name,
    inspectingUnits: r.inspecting_unit_names,
    active: r.active,
    note: r.note,
    lastInspectedOn: r.last_inspected_on,
    openHazards: r.open_hazards,
    canInspect: inspectRefusal(c, r) === null,
    version: r.version,
  };
}

export function checklistOut(r: ChecklistRow): Checklist {
  return {
    code: r.code,
    version: r.version,
    name: r.name,
    siteKinds: r.site_kinds.map((k) => SiteKindEnum.parse(k)),
    items: r.items.map((i) => ({ code: i.code, text: i.text, topic: CheckTopicEnum.catch('other').parse(i.topic) })),
    active: r.active,
    latest: r.latest,
    createdAt: r.created_at.toISOString(),
    createdByName: r.created_by_name,
  };
}

export function hazardOut(r: HazardRow, c: Caller, today: string): Hazard {
  return {
    id: r.id,
    inspectionId: r.inspection_id,
    siteId: r.site_id,
    siteName: r.site_name,
    siteKind: SiteKindEnum.parse(r.site_kind),
    streetCode: r.street_code,
    streetName: r.street_name,
    itemCode: r.item_code,
    itemText: r.item_text,
    description: r.description,
    severity: SeverityEnum.parse(r.severity),
    responsibleUnitCode: r.responsible_unit_code,
    responsibleUnitName: r.responsible_unit_name,
    inspectingUnitCode: r.inspecting_unit_code,
    inspectingUnitName: r.inspecting_unit_name,
    inspectedOn: r.inspected_on,
    deadline: r.deadline,
    status: HazardStatusEnum.parse(r.status),
    overdue: isOverdue(r, today),
    fixNote: r.fix_note,
    fixReportedAt: iso(r.fix_reported_at),
    fixReportedByName: r.fix_reported_by_name,
    confirmedAt: iso(r.confirmed_at),
    confirmedByName: r.confirmed_by_name,
    sentBackReason: r.sent_back_reason,
    sentBackAt: iso(r.sent_back_at),
    createdAt: r.created_at.toISOString(),
    canReportFix: reportFixRefusal(c, r) === null,
    canConfirm: confirmRefusal(c, r, 'confirm') === null,
    version: r.version,
  };
}

export function inspectionSummaryOut(r: InspectionRow): Omit<Inspection, 'results' | 'hazards'> {
  return {
    id: r.id,
    siteId: r.site_id,
    siteName: r.site_name,
    siteKind: SiteKindEnum.parse(r.site_kind),
    streetName: r.street_name,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    inspectedOn: r.inspected_on,
    checklistCode: r.checklist_code,
    checklistVersion: r.checklist_version,
    checklistName: r.checklist_name,
    findings: r.findings,
    inspectorName: r.inspector_name,
    issues: r.issues,
    createdAt: r.created_at.toISOString(),
  };
}

export function inspectionOut(r: InspectionRow, hazards: Hazard[]): Inspection {
  const items = new Map(r.checklist_items.map((i) => [i.code, i]));
  return {
    ...inspectionSummaryOut(r),
    results: r.results.map((x) => ({
      code: x.code,
      text: items.get(x.code)?.text ?? x.code,
      topic: items.get(x.code)?.topic ?? 'other',
      result: ItemResultEnum.parse(x.result),
      note: x.note,
    })),
    hazards,
  };
}
