/**
 * Builds the Fastify application from its dependencies. No global state: tests build as many apps
 * as they like, each on its own database, with their own clock.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps, ZApp } from './core/deps.js';
import './http/access.js';
import { registerApiCompression } from './http/compress.js';
import { AppError, errors } from './core/errors.js';
import { cookieName, registerGuard } from './http/guard.js';
import { registerErrorHandler } from './http/errorHandler.js';
import { registerInputHygiene } from './http/inputHygiene.js';
import { registerIntegrityReporting } from './http/integrity.js';
import { validatorCompiler } from './http/validation.js';
import { MODULES } from './modules/index.js';
import { registerFileGate } from './modules/access/fileGate.js';

export type { AppDeps, ZApp } from './core/deps.js';

/**
 * Cache headers of the built interface. Files under /assets/ carry a content hash in their name (a
 * new build writes new names), so the browser may keep them for a year without asking again;
 * index.html names the current hashes and must be revalidated on every load (no-cache); other
 * public files (the icon) for an hour. Vary: the same URL has brotli, gzip and plain bodies.
 */
export function staticHeaders(res: { setHeader(name: string, value: string): unknown }, filePath: string): void {
  const rel = filePath.split(path.sep).join('/');
  if (rel.includes('/assets/')) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
  else if (/\/index\.html(\.br|\.gz)?$/.test(rel)) res.setHeader('cache-control', 'no-cache');
  else res.setHeader('cache-control', 'public, max-age=3600');
  res.setHeader('vary', 'accept-encoding');
}

/**
 * The router's own refusals (a malformed percent-encoding in the path, an over-long path
 * parameter) in the API's error shape and in Chinese, like every other refusal: Fastify's default
 * answer was English text echoing the path back (found by http/fuzz.test.ts).
 */
function frameworkError(error: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const e = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? new AppError(414, 'URI_TOO_LONG', '请求地址过长') : errors.validation([], '请求地址格式有误');
  void reply
    .code(e.statusCode)
    .header('x-request-id', req.id)
    .header('cache-control', 'no-store')
    .send({ error: { code: e.code, message: e.message, requestId: req.id } });
}

export async function buildApp(deps: AppDeps, opts: { logger?: boolean | object } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    genReqId: () => crypto.randomUUID(),
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1_048_576,
    frameworkErrors: frameworkError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.decorateRequest('ctx', null as never);
  app.addHook('onRequest', async (req, reply) => {
    req.ctx = { requestId: req.id, at: new Date(deps.clock()), ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null, actor: null };
    reply.header('x-request-id', req.id);
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  registerApiCompression(app);

  // Deny by default: an API route that does not declare its access stops the server from starting.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    if (route.url.startsWith('/api/docs') || route.url === '/api/openapi.json') {
      route.config = { ...(route.config ?? {}), access: { public: true } };
      return;
    }
    if (!(route.config as { access?: unknown } | undefined)?.access) {
      throw new Error(`route ${String(route.method)} ${route.url} does not declare its access`);
    }
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    hsts: deps.config.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => errors.tooManyRequests(),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: '暖杨 NuanYang API', description: '杨浦区困境儿童关爱服务平台接口。Cookie 会话；非 GET 请求须带 x-csrf-token 头。', version: '0.1.0' },
      // Relative: the document is served by the platform itself, and a department system calls the same origin.
      servers: [{ url: '/', description: '暖杨平台（本服务）' }],
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: cookieName(deps.config.https) } } },
    },
    // Each operation states its security from the route's declared access: a public route needs
    // no session (an empty list), every other one the session cookie.
    transform: (arg) => {
      const out = jsonSchemaTransform(arg);
      const access = (arg.route.config as { access?: { public?: true } } | undefined)?.access;
      return { ...out, schema: { ...out.schema, security: access?.public ? [] : [{ session: [] }] } };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerGuard(app, deps);
  registerFileGate(app, deps); // 越权查阅须说明理由: every route under /api/children/:id
  registerInputHygiene(app);
  registerIntegrityReporting(app, deps);

  registerErrorHandler(app, deps);

  const zapp: ZApp = app;
  for (const register of MODULES) register(zapp, deps);

  const hasWeb = fs.existsSync(path.join(deps.config.webDist, 'index.html'));
  if (hasWeb) {
    // wildcard: files are looked up at request time, so a rebuilt interface is served without a restart.
    // preCompressed: the build writes .br and .gz beside each asset; the reply is the one the
    // browser accepts (Accept-Encoding), with content-encoding set, or the original file.
    await app.register(fastifyStatic, {
      root: deps.config.webDist,
      wildcard: true,
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: staticHeaders,
    });
    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
  }
  app.setNotFoundHandler(async (req, reply) => {
    // A missing script or image is a 404, not the page: only application paths render the interface.
    if (!req.url.startsWith('/api') && !req.url.startsWith('/assets/') && req.method === 'GET' && hasWeb) {
      // The interface is a single-page app: unknown paths render it and its router decides.
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send({ error: { code: 'NOT_FOUND', message: '接口不存在', requestId: req.id } });
  });

  return app;
}
