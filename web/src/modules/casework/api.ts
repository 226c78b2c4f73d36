/**
 * Types and calls of the casework API (work logs, assistance, problems, help plans, mentors,
 * mandatory reports), on the typed client: the only place in this module that names URLs.
 * Query keys start with 'casework'; a change invalidates `caseworkKeys.all` (the lists, counts and
 * the child-file tabs all read one another's records).
 */
import type {
  AssistanceCreate,
  AssistanceList,
  CarePlan,
  CarePlanCreate,
  CarePlanList,
  CarePlanReviewCreate,
  CarePlanUpdate,
  ChildMentors,
  Coverage,
  GapList,
  MandatoryReport,
  MandatoryReportRecord,
  Mentor,
  MentorCreate,
  MentorKind,
  MentorList,
  MentorUpdate,
  Problem,
  ProblemDetail,
  ProblemEscalate,
  ProblemList,
  ProblemStats,
  ProblemStatusChange,
  WorkLog,
  WorkLogCreate,
  WorkLogList,
  WorkLogUpdate,
  Assistance,
} from '@common/casework';
import { call, http } from '../../api/client';
import type { ChildList } from '../../api/types';

export interface WorkLogQuery {
  mine: 'true' | 'false';
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}
export interface ProblemQuery {
  status?: 'open' | 'in_progress' | 'escalated' | 'resolved' | 'unresolved';
  overdue?: 'true';
  severity?: 'high' | 'medium' | 'low';
  category?: 'living' | 'safety' | 'health' | 'schooling' | 'guardianship' | 'psychology' | 'policy' | 'other';
  street?: string;
  committee?: string;
  page: number;
  pageSize: number;
}
export interface MentorQuery {
  kind?: MentorKind;
  q?: string;
  includeInactive?: 'true';
  page?: number;
  pageSize?: number;
}
export interface GapQuery {
  kind: MentorKind;
  page: number;
  pageSize: number;
}
export interface MandatoryQuery {
  status: 'pending' | 'all';
  problemId?: string;
}
/** A draft plan from the child's matched benefits, open problems and risk (eligibility module). */
export interface CarePlanProposal {
  goals: string;
  measures: string;
  responsible: string;
  reviewOn: string;
  basis: string[];
}

const path = (id: string) => ({ params: { path: { id } } });

export const caseworkKeys = {
  all: ['casework'] as const,
  workLogs: (q: WorkLogQuery) => ['casework', 'workLogs', q] as const,
  problems: (q: ProblemQuery) => ['casework', 'problems', q] as const,
  problemStats: ['casework', 'problemStats'] as const,
  problem: (id: string | null) => ['casework', 'problem', id] as const,
  childProblems: (childId: string) => ['casework', 'childProblems', childId] as const,
  assistance: (childId: string) => ['casework', 'assistance', childId] as const,
  carePlans: (childId: string) => ['casework', 'carePlans', childId] as const,
  childMentors: (childId: string) => ['casework', 'childMentors', childId] as const,
  mentors: (q: MentorQuery) => ['casework', 'mentors', q] as const,
  coverage: ['casework', 'coverage'] as const,
  gaps: (q: GapQuery) => ['casework', 'gaps', q] as const,
  mandatory: (q: MandatoryQuery) => ['casework', 'mandatory', q] as const,
  childSearch: (q: string) => ['casework', 'childSearch', q] as const,
};

export const caseworkApi = {
  // work logs
  workLogs: (query: WorkLogQuery) => call<WorkLogList>(http.GET('/api/work-logs', { params: { query } })),
  createWorkLog: (body: WorkLogCreate) => call<WorkLog>(http.POST('/api/work-logs', { body })),
  updateWorkLog: (id: string, body: WorkLogUpdate) => call<WorkLog>(http.PATCH('/api/work-logs/{id}', { ...path(id), body })),
  deleteWorkLog: (id: string) => call(http.DELETE('/api/work-logs/{id}', path(id))),

  // assistance
  assistance: (childId: string) => call<AssistanceList>(http.GET('/api/children/{id}/assistance', path(childId))),
  createAssistance: (body: AssistanceCreate) => call<Assistance>(http.POST('/api/assistance', { body })),
  deleteAssistance: (id: string) => call(http.DELETE('/api/assistance/{id}', path(id))),

  // problems
  problems: (query: ProblemQuery) => call<ProblemList>(http.GET('/api/problems', { params: { query } })),
  problemStats: () => call<ProblemStats>(http.GET('/api/problems/stats')),
  childProblems: (childId: string) => call<{ items: Problem[] }>(http.GET('/api/children/{id}/problems', path(childId))),
  problem: (id: string) => call<ProblemDetail>(http.GET('/api/problems/{id}', path(id))),
  createProblem: (body: {
    childId: string;
    description: string;
    category: Problem['category'];
    severity: Problem['severity'];
    responsibleUnit: string | null;
    dueOn: string | null;
  }) => call<ProblemDetail>(http.POST('/api/problems', { body })),
  changeProblemStatus: (id: string, body: ProblemStatusChange) => call<ProblemDetail>(http.POST('/api/problems/{id}/status', { ...path(id), body })),
  escalateProblem: (id: string, body: ProblemEscalate) => call<ProblemDetail>(http.POST('/api/problems/{id}/escalate', { ...path(id), body })),
  commentProblem: (id: string, note: string) => call<ProblemDetail>(http.POST('/api/problems/{id}/comments', { ...path(id), body: { note } })),

  // mandatory reports
  mandatoryReports: (query: MandatoryQuery) => call<{ items: MandatoryReport[] }>(http.GET('/api/mandatory-reports', { params: { query } })),
  recordMandatoryReport: (id: string, body: MandatoryReportRecord) =>
    call<MandatoryReport>(http.POST('/api/mandatory-reports/{id}/record', { ...path(id), body })),

  // help plans
  carePlans: (childId: string) => call<CarePlanList>(http.GET('/api/children/{id}/care-plans', path(childId))),
  createCarePlan: (body: CarePlanCreate) => call<CarePlan>(http.POST('/api/care-plans', { body })),
  updateCarePlan: (id: string, body: CarePlanUpdate) => call<CarePlan>(http.PATCH('/api/care-plans/{id}', { ...path(id), body })),
  reviewCarePlan: (id: string, body: CarePlanReviewCreate) => call<CarePlan>(http.POST('/api/care-plans/{id}/reviews', { ...path(id), body })),
  closeCarePlan: (id: string, version: number) => call<CarePlan>(http.POST('/api/care-plans/{id}/close', { ...path(id), body: { version } })),
  proposeCarePlan: (childId: string) => call<CarePlanProposal>(http.POST('/api/children/{id}/care-plan-proposal', path(childId))),

  // mentors and buddies
  mentors: (query: MentorQuery) => call<MentorList>(http.GET('/api/mentors', { params: { query } })),
  createMentor: (body: MentorCreate) => call<Mentor>(http.POST('/api/mentors', { body })),
  updateMentor: (id: string, body: MentorUpdate) => call<Mentor>(http.PATCH('/api/mentors/{id}', { ...path(id), body })),
  childMentors: (childId: string) => call<ChildMentors>(http.GET('/api/children/{id}/mentor', path(childId))),
  assignMentor: (childId: string, mentorId: string | null) =>
    call<ChildMentors>(http.PUT('/api/children/{id}/mentor', { ...path(childId), body: { mentorId } })),
  assignBuddy: (childId: string, buddyId: string | null) => call<ChildMentors>(http.PUT('/api/children/{id}/buddy', { ...path(childId), body: { buddyId } })),
  coverage: () => call<Coverage>(http.GET('/api/mentors/coverage')),
  gaps: (query: GapQuery) => call<GapList>(http.GET('/api/mentors/gaps', { params: { query } })),

  // children, for the child picker of a work log
  searchChildren: (q: string) => call<ChildList>(http.GET('/api/children', { params: { query: { q: q || undefined, pageSize: 20 } } })),
};
