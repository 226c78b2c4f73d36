/**
 * The one error handler: every failure becomes the JSON error shape with a Chinese message (English
 * for validation defaults when the request asks for it) and a request id; internals never reach
 * the client, and personal data never reaches the log (see `errorForLog`).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { AppDeps } from '../core/deps.js';
import { IntegrityError } from '../crypto/integrity.js';
import { auditAlone } from '../core/context.js';
import { AppError, errors, isDatabaseUnavailable } from '../core/errors.js';
import { routeId } from './guard.js';
import { NUL_MESSAGE } from './inputHygiene.js';
import { errorForLog } from './logging.js';
import { langOf, localise } from './validation.js';

/** PostgreSQL refuses text with NUL (22021 invalid byte sequence) or jsonb with \u0000 (22P05). */
const NUL_CODES = new Set(['22021', '22P05']);

/** The PostgreSQL code of a driver error, or of the driver error an error wraps (its cause). */
function pgCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  if (typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  if (typeof e?.cause?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.cause.code)) return e.cause.code;
  return undefined;
}

export function registerErrorHandler(app: FastifyInstance, deps: AppDeps): void {
  app.setErrorHandler(async (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const body = (e: AppError) => ({ error: { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}), requestId: req.id } });
    if (err instanceof AppError) return reply.code(err.statusCode).send(body(err));
    // Recorded (audit + alert) by http/integrity.ts when the answer is sent.
    if (err instanceof IntegrityError) return reply.code(500).send(body(errors.integrity()));
    if (hasZodFastifySchemaValidationErrors(err)) {
      const lang = langOf(req.headers['accept-language']);
      const fields = err.validation.map((v) => {
        const path =
          [err.validationContext === 'body' ? '' : err.validationContext, v.instancePath.replace(/^\//, '').replace(/\//g, '.')].filter(Boolean).join('.') ||
          (v.params as { issue?: { path?: unknown[] } })?.issue?.path?.join('.') ||
          '';
        return { path, message: localise(v.message, path, lang) };
      });
      return reply.code(400).send(body(errors.validation(fields, lang === 'en' ? 'Please correct the highlighted input' : undefined)));
    }
    const e = err as { statusCode?: number; code?: string };
    if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || e.statusCode === 415)
      return reply.code(415).send(body(new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请求内容须为 JSON')));
    if (
      e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      (e.statusCode === 400 && !e.code?.startsWith('2') && !e.code?.startsWith('4'))
    ) {
      return reply.code(400).send(body(errors.validation([], '请求内容不是有效的 JSON')));
    }
    if (e.statusCode === 413) return reply.code(413).send(body(new AppError(413, 'PAYLOAD_TOO_LARGE', '请求内容过大')));
    if (e.statusCode === 429) return reply.code(429).send(body(errors.tooManyRequests()));
    if (isDatabaseUnavailable(err)) {
      req.log.error({ err: errorForLog(err) }, 'database unavailable');
      return reply.code(503).send(body(errors.unavailable()));
    }
    const code = pgCode(err);
    // RLS refused a write outside the caller's area, or a row the caller cannot see: "not found".
    if (code === '42501') {
      await auditAlone(deps.db, req.ctx, { action: 'access.denied', outcome: 'denied', summary: { route: routeId(req), by: 'row-level-security' } }).catch(
        () => {},
      );
      return reply.code(404).send(body(errors.notFound()));
    }
    if (code === '23505') return reply.code(409).send(body(errors.conflict('该记录已存在')));
    if (code === '23503') return reply.code(400).send(body(errors.validation([], '引用的记录不存在')));
    // An archived child file (retention: closed long ago, minimised) refuses changes in PostgreSQL (our own SQLSTATE).
    if (code === 'NYARC') return reply.code(409).send(body(errors.conflict('档案已归档（结案已超过保存期限，个人信息已最小化），不能修改')));
    // A NUL that got past the input check (e.g. inside a decoded file name): still the user's input.
    if (code && NUL_CODES.has(code)) return reply.code(400).send(body(errors.validation([], NUL_MESSAGE)));
    if (isResponseSerializationError(err)) req.log.error({ err: errorForLog(err), issues: serializationIssues(err) }, 'response did not match its schema');
    else req.log.error({ err: errorForLog(err) }, 'unhandled error');
    return reply.code(500).send(body(errors.internal()));
  });
}

/** Where a response broke its schema (paths and codes, not the values). */
function serializationIssues(err: unknown): unknown {
  const issues = (err as { cause?: { issues?: { path?: unknown[]; code?: string }[] } }).cause?.issues ?? [];
  return issues.slice(0, 20).map((i) => ({ path: (i.path ?? []).join('.'), code: i.code }));
}
