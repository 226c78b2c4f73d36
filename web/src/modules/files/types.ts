/** Payload types of the files API, inferred from the shared contract (types only: no zod at runtime). */
import type { z } from 'zod';
import type * as F from '@common/files';

export type Attachment = F.Attachment;
export type AttachmentList = F.AttachmentList;
export type AttachmentUpload = F.AttachmentUpload;
export type AttachmentEntity = F.AttachmentEntity;
export type ExportRequest = F.ExportRequest;
export type ExportCreated = F.ExportCreated;
export type ImportReport = F.ImportReport;
export type ImportProblem = F.ImportProblem;
export type ImportStatus = F.ImportStatusCode;
export type ImportCreated = z.infer<typeof F.ImportCreated>;

/** Same limit as the server (MAX_FILE_BYTES), repeated so the contract's zod is not loaded here. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** What the attachment picker offers; the server decides by content all the same. */
export const ATTACHMENT_ACCEPT = '.jpg,.jpeg,.png,.pdf,.docx,.xlsx,image/jpeg,image/png,application/pdf';
