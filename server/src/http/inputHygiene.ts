/**
 * Input hygiene before validation: a NUL character (U+0000) in any string of the body, the query
 * or the path parameters — or in an object key — is refused with 400 on every route. PostgreSQL
 * cannot store NUL in text or jsonb (errors 22021 / 22P05), so without this check such input
 * reached the database and answered 500; no legitimate form field contains it.
 *
 * The hook runs after the guard (so a caller without access still gets 401/403 and learns nothing
 * about the route), and before zod. A route may declare `config.onRefusedInput` to record the
 * refusal its own way (the login counts it as a failed login).
 *
 * It also keeps the list of API routes with their declared access and schemas, so tests can walk
 * every route.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Access } from './access.js';
import { errors } from '../core/errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Called (awaited) before a request with a NUL character is refused. */
    onRefusedInput?: (req: FastifyRequest) => Promise<void>;
  }
  interface FastifyInstance {
    apiRoutes: ApiRoute[];
  }
}

export interface ApiRoute {
  method: string;
  url: string;
  access: Access | undefined;
  schema: { body?: unknown; querystring?: unknown; params?: unknown } | undefined;
}

export const NUL_MESSAGE = '输入中含有不允许的空字符（NUL），请删除后重试';

/** Where the first NUL is ('' when none): a dotted path into the value, or the key itself. */
export function findNul(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  if (Buffer.isBuffer(value)) return null;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const p = path ? `${path}.${k.replace(/\u0000/g, '')}` : k.replace(/\u0000/g, '');
    if (k.includes('\u0000')) return p;
    const found = findNul(v, p, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

export function registerInputHygiene(app: FastifyInstance): void {
  app.decorate('apiRoutes', [] as ApiRoute[]);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || route.url.startsWith('/api/docs') || route.url === '/api/openapi.json') return;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      app.apiRoutes.push({ method, url: route.url, access: route.config?.access, schema: route.schema });
    }
  });

  app.addHook('preValidation', async (req) => {
    if (!req.routeOptions.config?.access) return;
    for (const [where, value] of [
      ['body', req.body],
      ['query', req.query],
      ['params', req.params],
    ] as const) {
      const path = findNul(value);
      if (path === null) continue;
      await req.routeOptions.config.onRefusedInput?.(req);
      throw errors.validation([{ path: where === 'body' ? path : `${where}.${path}`, message: NUL_MESSAGE }], NUL_MESSAGE);
    }
  });
}
