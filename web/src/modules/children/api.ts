/** Calls of the children API (the only place naming its URLs), typed from the OpenAPI document. */
import { call, http } from '../../api/client';
import type { CommitteeList } from '../../api/types';
import type {
  BenefitInput,
  CategoryInput,
  ChildCreate,
  ChildFile,
  ChildFilters,
  ChildPage,
  ChildSearch,
  ChildUpdate,
  CloseInput,
  CreatedChild,
  DuplicateResult,
  FamilyContacts,
  HistoryPage,
  MemberInput,
  ReopenInput,
  SavedFilter,
  TransferInput,
  UnmaskedValues,
  UnmaskField,
} from './types';

const child = (id: string) => ({ params: { path: { id } } });
const member = (id: string, memberId: string) => ({ params: { path: { id, memberId } } });

export const childrenApi = {
  // POST: names and identity digits stay out of URLs and server logs.
  search: (body: ChildSearch) => call<ChildPage>(http.POST('/api/children/search', { body })),
  get: (id: string) => call<ChildFile>(http.GET('/api/children/{id}', child(id))),
  check: (body: { idNumber?: string; name?: string; birthDate?: string }) => call<DuplicateResult>(http.POST('/api/children/check', { body })),
  create: (body: ChildCreate) => call<CreatedChild>(http.POST('/api/children', { body })),
  update: (id: string, body: ChildUpdate) => call<ChildFile>(http.PATCH('/api/children/{id}', { ...child(id), body })),
  history: (id: string, page: number, pageSize: number) =>
    call<HistoryPage>(http.GET('/api/children/{id}/history', { params: { path: { id }, query: { page, pageSize } } })),
  unmask: (id: string, reason: string, fields: UnmaskField[]) =>
    call<UnmaskedValues>(http.POST('/api/children/{id}/unmask', { ...child(id), body: { reason, fields } })),
  contact: (id: string, reason: string) => call<FamilyContacts>(http.POST('/api/children/{id}/contact', { ...child(id), body: { reason } })),

  addMember: (id: string, body: MemberInput) => call<{ id: string }>(http.POST('/api/children/{id}/members', { ...child(id), body })),
  updateMember: (id: string, memberId: string, body: Partial<MemberInput>) =>
    call(http.PATCH('/api/children/{id}/members/{memberId}', { ...member(id, memberId), body })),
  removeMember: (id: string, memberId: string) => call(http.DELETE('/api/children/{id}/members/{memberId}', member(id, memberId))),
  unmaskMember: (id: string, memberId: string, reason: string) =>
    call<{ idNumber: string | null; phone: string | null }>(
      http.POST('/api/children/{id}/members/{memberId}/unmask', { ...member(id, memberId), body: { reason } }),
    ),

  addCategory: (id: string, body: CategoryInput) => call<{ id: string }>(http.POST('/api/children/{id}/categories', { ...child(id), body })),
  endCategory: (id: string, categoryId: string, until: string) =>
    call(http.POST('/api/children/{id}/categories/{categoryId}/end', { params: { path: { id, categoryId } }, body: { until } })),
  addBenefit: (id: string, body: BenefitInput) => call<{ id: string }>(http.POST('/api/children/{id}/benefits', { ...child(id), body })),
  removeBenefit: (id: string, benefitId: string) => call(http.DELETE('/api/children/{id}/benefits/{benefitId}', { params: { path: { id, benefitId } } })),

  close: (id: string, body: CloseInput) => call<{ version: number }>(http.POST('/api/children/{id}/close', { ...child(id), body })),
  reopen: (id: string, body: ReopenInput) => call<{ version: number }>(http.POST('/api/children/{id}/reopen', { ...child(id), body })),
  transfer: (id: string, body: TransferInput) => call<{ version: number; toStreet: string }>(http.POST('/api/children/{id}/transfer', { ...child(id), body })),

  savedFilters: () => call<{ items: SavedFilter[] }>(http.GET('/api/saved-filters')),
  saveFilter: (name: string, params: ChildFilters) => call<SavedFilter>(http.POST('/api/saved-filters', { body: { name, params } })),
  deleteFilter: (id: string) => call(http.DELETE('/api/saved-filters/{id}', child(id))),

  /** One page of committees (of a street, or all the caller may see): what a file may be registered in. */
  committees: (query: { street?: string; page: number; pageSize: number }) => call<CommitteeList>(http.GET('/api/org/committees', { params: { query } })),
};

/**
 * Other modules change what a file and the list show (a visit moves the next visit due, a mentor is
 * assigned): the file and the list are read again each time a page shows them, the cached answer
 * shown meanwhile.
 */
export const FILE_STALE_TIME = 0;

/** Query keys of the module: every key starts with 'children', so one invalidation refreshes them all. */
export const childKeys = {
  all: ['children'] as const,
  list: (search: ChildSearch) => ['children', 'list', search] as const,
  file: (id: string) => ['children', 'file', id] as const,
  history: (id: string, page: number, pageSize: number) => ['children', 'history', id, page, pageSize] as const,
  savedFilters: ['children', 'saved-filters'] as const,
};
