/** What every casework route table shares: the error answers it documents. */
import { ErrorBody } from '#common/api.js';

export const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
