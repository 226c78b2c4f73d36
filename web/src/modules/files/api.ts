/**
 * Calls of the files API (attachments, export, import, the print log), and the reads the printable
 * file makes of other modules' lists. JSON calls go through the typed client; uploads are JSON too
 * (the file as base64, checked by content on the server), so they fit it as well.
 */
import type { ChildFile } from '@common/children';
import type { Assistance, CarePlan, Problem } from '@common/casework';
import type { Visit } from '@common/visits';
import { BACKGROUND, call, http, seg } from '../../api/client';
import { downloadFile } from './download';
import type { Attachment, AttachmentList, AttachmentUpload, ExportCreated, ExportRequest, ImportCreated, ImportReport } from './types';

const TEMPLATE_NAME = '困境儿童导入模板.xlsx';

export const filesApi = {
  attachments: (childId: string) => call<AttachmentList>(http.GET('/api/children/{id}/attachments', { params: { path: { id: childId } } })),
  upload: (body: AttachmentUpload) => call<Attachment>(http.POST('/api/attachments', { body })),
  removeAttachment: (id: string) => call(http.DELETE('/api/attachments/{id}', { params: { path: { id } } })),

  exportChildren: (body: ExportRequest) => call<ExportCreated>(http.POST('/api/children/export', { body })),
  startImport: (body: { filename: string; contentBase64: string }) => call<ImportCreated>(http.POST('/api/children/import', { body })),
  /** `poll`: asked by the progress timer, so it does not extend the session. */
  importReport: (id: string, page: number, pageSize: number, poll = false) =>
    call<ImportReport>(http.GET('/api/imports/{id}', { params: { path: { id }, query: { page, pageSize } }, ...(poll ? BACKGROUND : {}) })),
  commitImport: (id: string) => call<ImportCreated>(http.POST('/api/imports/{id}/commit', { params: { path: { id } } })),
  logPrint: (childId: string) => call(http.POST('/api/children/{id}/print-log', { params: { path: { id: childId } } })),

  // Downloads stay on downloadFile (./download): the answer is a file, kept as a Blob and saved
  // under the name in its Content-Disposition header; the typed client parses JSON answers and
  // does not give the headers back through call().
  downloadAttachment: (file: { id: string; filename: string }) => downloadFile(`/api/attachments/${seg(file.id)}`, file.filename),
  downloadExport: (created: { id: string; filename: string }) => downloadFile(`/api/exports/${seg(created.id)}`, created.filename),
  downloadTemplate: () => downloadFile('/api/children/import/template', TEMPLATE_NAME),
};

/** What the printable file (一人一档) reads: the child's file and the lists of the other modules. */
export const printApi = {
  childFile: (id: string) => call<ChildFile>(http.GET('/api/children/{id}', { params: { path: { id } } })),
  visits: (id: string, pageSize: number) =>
    call<{ items: Visit[]; total: number }>(http.GET('/api/children/{id}/visits', { params: { path: { id }, query: { pageSize } } })),
  problems: (id: string) => call<{ items: Problem[] }>(http.GET('/api/children/{id}/problems', { params: { path: { id } } })),
  assistance: (id: string) => call<{ items: Assistance[] }>(http.GET('/api/children/{id}/assistance', { params: { path: { id } } })),
  carePlans: (id: string) => call<{ items: CarePlan[] }>(http.GET('/api/children/{id}/care-plans', { params: { path: { id } } })),
  attachments: (id: string) => filesApi.attachments(id),
};
