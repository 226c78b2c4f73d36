/** What the 督办 route tables share: the OpenAPI tag and the error answers. */
import { ErrorBody } from '#common/api.js';

export const tags = ['督办 supervision'];
export const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
