/** The parsed (zod output) types of the visits contract, as the route handlers pass them on. */
import type { z } from 'zod';
import type { PageQuery } from '#common/api.js';
import type * as V from '#common/visits.js';

export type { Visit, VisitForm, VisitSummary, Worklist } from '#common/visits.js';
export type PageQueryT = z.infer<typeof PageQuery>;
export type VisitPageT = z.infer<typeof V.VisitPage>;
export type VisitCreateT = z.infer<typeof V.VisitCreate>;
export type VisitUpdateT = z.infer<typeof V.VisitUpdate>;
export type VisitSubmitT = z.infer<typeof V.VisitSubmit>;
export type WorklistQuery = z.infer<typeof V.WorklistQuery>;
export type VisitRuleList = z.infer<typeof V.VisitRuleList>;
export type VisitRulesReplaceT = z.infer<typeof V.VisitRulesReplace>;
export type VisitRulesResultT = z.infer<typeof V.VisitRulesResult>;
export type ChecklistQuery = z.infer<typeof V.ChecklistQuery>;
export type ChecklistItems = z.infer<typeof V.ChecklistItems>;
export type ChecklistItemCreateT = z.infer<typeof V.ChecklistItemCreate>;
export type ChecklistItemUpdateT = z.infer<typeof V.ChecklistItemUpdate>;
export type ChecklistReorderT = z.infer<typeof V.ChecklistReorder>;
