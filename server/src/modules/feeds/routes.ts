/**
 * 数据共享比对 (issue 16): feeds, runs, records, changes, and the push endpoint for department
 * systems (a key per feed, a per-feed rate limit). The route table only.
 */
import { z } from 'zod';
import { ErrorBody, IdParam, PageQuery } from '#common/api.js';
import {
  Feed,
  FeedChange,
  FeedChangeApply,
  FeedChangeList,
  FeedChangeQuery,
  FeedChangeReject,
  FeedCodeParam,
  FeedKey,
  FeedList,
  FeedPush,
  FeedRecord,
  FeedRecordList,
  FeedRecordQuery,
  FeedResolve,
  FeedRun,
  FeedRunList,
  FeedUpdate,
  FeedUpload,
  MAX_FEED_BYTES,
} from '#common/feeds.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { auditAlone, inScope, signedIn, type RequestCtx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { can, PUBLIC } from '../../http/access.js';
import { systemCtx } from '../../http/systemActor.js';
import * as commands from './commands.js';
import * as queries from './queries.js';
import './indicators.js';
import { readFeedFile, readPushRecords } from './readFeed.js';
import * as repo from './repo.js';

const tags = ['数据共享比对 data feeds'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const MANAGE = { access: can('feeds.manage') };
const REVIEW = { access: can('feeds.review') };
const UPLOAD_LIMIT = Math.ceil((MAX_FEED_BYTES * 4) / 3) + 64 * 1024;
/** Per-feed limits are read at most this often (the push's rate limit asks on every call). */
const LIMITS_TTL_MS = 30_000;

/** The system as the actor of a push (no person is there): every street, the permissions the changes need. */
async function pushCtx(deps: AppDeps, req: RequestCtx): Promise<RequestCtx> {
  const sys = await systemCtx(deps, 'feed-push', ['children.read', 'children.write', 'eligibility.read', 'entitlements.write', 'feeds.manage']);
  return { ...sys, requestId: req.requestId, ip: req.ip, userAgent: req.userAgent, at: req.at };
}

export function feedRoutes(app: ZApp, deps: AppDeps): void {
  let limitsCache: { at: number; limits: Map<string, number> } | null = null;
  const limitOf = async (code: string): Promise<number> => {
    const now = Date.now();
    if (!limitsCache || now - limitsCache.at > LIMITS_TTL_MS) limitsCache = { at: now, limits: await repo.pushLimits(deps.db.app) };
    return limitsCache.limits.get(code) ?? 30;
  };
  const codeOf = (params: unknown): string => z.object({ code: z.string() }).safeParse(params).data?.code ?? '';

  app.get(
    '/api/feeds',
    { config: MANAGE, schema: { operationId: 'listFeeds', tags, summary: '数据源列表（按时报送、匹配率、待复核数）', response: { 200: FeedList, ...errs } } },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.feeds(tx, deps.clock())),
  );

  app.get(
    '/api/feeds/:code',
    {
      config: MANAGE,
      schema: { operationId: 'getFeed', tags, summary: '数据源定义（字段映射、频率、复核方式）', params: FeedCodeParam, response: { 200: Feed, ...errs } },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.feed(tx, req.params.code, deps.clock())),
  );

  app.put(
    '/api/feeds/:code',
    {
      config: MANAGE,
      schema: {
        operationId: 'updateFeed',
        tags,
        summary: '修改数据源的字段映射、频率、是否自动应用、复核方式和接口限流（每次保存留存版本）',
        params: FeedCodeParam,
        body: FeedUpdate,
        response: { 200: Feed, ...errs },
      },
    },
    async (req) =>
      inScope(deps.db, signedIn(req.ctx), async (tx) => {
        await commands.saveFeed(tx, deps, req.params.code, req.body);
        limitsCache = null;
        return queries.feed(tx, req.params.code, deps.clock());
      }),
  );

  app.post(
    '/api/feeds/:code/key',
    {
      config: MANAGE,
      schema: {
        operationId: 'rotateFeedKey',
        tags,
        summary: '生成新的数据接口密钥（只显示一次，旧密钥立即失效）',
        params: FeedCodeParam,
        response: { 200: FeedKey, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => commands.rotateKey(tx, deps, req.params.code)),
  );

  // The upload is JSON ({ filename, contentBase64 }), as the children import's: one schema, no
  // multipart parser to keep (a department's system sends records to the push route instead).
  app.post(
    '/api/feeds/:code/runs',
    {
      config: MANAGE,
      bodyLimit: UPLOAD_LIMIT,
      schema: {
        operationId: 'uploadFeedRun',
        tags,
        summary: '上传一批数据（.xlsx 或 .csv，按数据源自己的表头）：逐行检查并比对档案，不作任何修改，待确认；同一文件再次上传返回原批次（duplicateOf）',
        params: FeedCodeParam,
        body: FeedUpload,
        response: { 200: FeedRun, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      const buf = Buffer.from(req.body.contentBase64, 'base64');
      if (!buf.length) throw errors.validation([{ path: 'contentBase64', message: '文件为空' }], '文件为空');
      const sha = commands.sha256(buf);
      const first = await inScope(deps.db, ctx, async (tx) => {
        const feed = await commands.mustFeed(tx, req.params.code);
        return { feed, before: await repo.runBySha(tx, feed.code, sha) };
      });
      if (first.before) return inScope(deps.db, ctx, (tx) => queries.run(tx, first.before ?? '', first.before ?? undefined));
      // read outside any transaction: a large file must not hold a connection
      const read = await readFeedFile(buf, req.body.filename, first.feed.mapping);
      if (!read.ok) throw errors.validation([{ path: 'contentBase64', message: read.message }], read.message);
      return inScope(deps.db, ctx, async (tx) => {
        const got = await commands.receive(tx, deps, first.feed, { source: 'upload', filename: req.body.filename, sha, rows: read.rows });
        return queries.run(tx, got.runId, got.duplicateOf ? got.runId : undefined);
      });
    },
  );

  app.get(
    '/api/feeds/:code/runs',
    {
      config: MANAGE,
      schema: {
        operationId: 'listFeedRuns',
        tags,
        summary: '数据源的批次（上传与接口推送）',
        params: FeedCodeParam,
        querystring: PageQuery,
        response: { 200: FeedRunList, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.runs(tx, req.params.code, req.query.page, req.query.pageSize)),
  );

  app.get(
    '/api/feed-runs/:id',
    {
      config: MANAGE,
      schema: {
        operationId: 'getFeedRun',
        tags,
        summary: '批次报告（记录、匹配、未匹配、错误、已应用、待复核）',
        params: IdParam,
        response: { 200: FeedRun, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.run(tx, req.params.id)),
  );

  app.get(
    '/api/feed-runs/:id/records',
    {
      config: MANAGE,
      schema: {
        operationId: 'listFeedRecords',
        tags,
        summary: '批次的逐行结果（匹配方式与可信度、中文问题说明、拟变更）',
        params: IdParam,
        querystring: FeedRecordQuery,
        response: { 200: FeedRecordList, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.records(tx, req.params.id, req.query.outcome, req.query.page, req.query.pageSize)),
  );

  app.post(
    '/api/feed-runs/:id/confirm',
    {
      config: MANAGE,
      schema: {
        operationId: 'confirmFeedRun',
        tags,
        summary: '确认批次：与档案一致的不作改动，其余生成拟变更（自动应用的数据源立即应用，其余待复核）',
        params: IdParam,
        response: { 200: FeedRun, ...errs },
      },
    },
    async (req) =>
      inScope(deps.db, signedIn(req.ctx), async (tx) => {
        await commands.confirmRun(tx, deps, req.params.id, req.log);
        return queries.run(tx, req.params.id);
      }),
  );

  app.post(
    '/api/feed-runs/:id/discard',
    { config: MANAGE, schema: { operationId: 'discardFeedRun', tags, summary: '作废未确认的批次', params: IdParam, response: { 200: FeedRun, ...errs } } },
    async (req) =>
      inScope(deps.db, signedIn(req.ctx), async (tx) => {
        await commands.discardRun(tx, deps, req.params.id);
        return queries.run(tx, req.params.id);
      }),
  );

  app.post(
    '/api/feed-records/:id/resolve',
    {
      config: MANAGE,
      schema: {
        operationId: 'resolveFeedRecord',
        tags,
        summary: '为未匹配或多人匹配的记录指定儿童（及家庭成员）',
        params: IdParam,
        body: FeedResolve,
        response: { 200: FeedRecord, ...errs },
      },
    },
    async (req) =>
      inScope(deps.db, signedIn(req.ctx), async (tx) => {
        await commands.resolveRecord(tx, deps, req.params.id, req.body, req.log);
        return queries.record(tx, req.params.id);
      }),
  );

  app.get(
    '/api/feed-changes',
    {
      config: REVIEW,
      schema: {
        operationId: 'listFeedChanges',
        tags,
        summary: '数据共享产生的拟变更（本辖区）',
        querystring: FeedChangeQuery,
        response: { 200: FeedChangeList, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.changes(tx, req.query)),
  );

  app.post(
    '/api/feed-changes/:id/apply',
    {
      config: REVIEW,
      schema: {
        operationId: 'applyFeedChange',
        tags,
        summary: '应用拟变更：写入档案（历史记录注明数据来源）并重新比对免申即享政策',
        params: IdParam,
        body: FeedChangeApply,
        response: { 200: FeedChange, ...errs },
      },
    },
    async (req) =>
      inScope(deps.db, signedIn(req.ctx), async (tx) => {
        await commands.applyChange(tx, deps, req.params.id, { note: req.body.note || null, log: req.log });
        return queries.change(tx, req.params.id);
      }),
  );

  app.post(
    '/api/feed-changes/:id/reject',
    {
      config: REVIEW,
      schema: {
        operationId: 'rejectFeedChange',
        tags,
        summary: '驳回拟变更（须填写理由）',
        params: IdParam,
        body: FeedChangeReject,
        response: { 200: FeedChange, ...errs },
      },
    },
    async (req) =>
      inScope(deps.db, signedIn(req.ctx), async (tx) => {
        await commands.rejectChange(tx, deps, req.params.id, req.body.note);
        return queries.change(tx, req.params.id);
      }),
  );

  app.post(
    '/api/feeds/:code/push',
    {
      config: {
        // the department system's credential is the feed's key (Authorization: Bearer …), not a session
        access: PUBLIC,
        rateLimit: {
          max: async (req) => limitOf(codeOf(req.params)),
          timeWindow: 60_000,
          keyGenerator: (req) => `feed-push:${codeOf(req.params)}`,
        },
      },
      bodyLimit: 8 * 1024 * 1024,
      preValidation: async (req) => {
        const code = codeOf(req.params);
        const presented = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1] ?? null;
        const stored = /^[a-z][a-z0-9-]{1,40}$/.test(code) ? await inScope(deps.db, req.ctx, (tx) => repo.keyHash(tx, code)) : null;
        if (!commands.keyMatches(presented, stored?.hash ?? null)) {
          await auditAlone(deps.db, req.ctx, {
            action: 'feeds.push.denied',
            entity: 'data_feed',
            entityId: code.slice(0, 41),
            outcome: 'denied',
            summary: { reason: presented ? 'bad-key' : 'no-key', keyPrefix: presented?.slice(0, 8) ?? null },
          });
          throw errors.unauthenticated('数据接口密钥无效');
        }
      },
      schema: {
        operationId: 'pushFeedRecords',
        tags,
        summary: '部门系统推送数据（Authorization: Bearer <密钥>；记录以数据源自己的表头为键，每次最多 5000 条）：立即比对并确认，自动应用或待复核',
        params: FeedCodeParam,
        body: FeedPush,
        response: { 200: FeedRun, 429: ErrorBody, ...errs },
      },
    },
    async (req) => {
      const ctx = await pushCtx(deps, req.ctx);
      const feed = await inScope(deps.db, ctx, (tx) => commands.mustFeed(tx, req.params.code));
      const read = readPushRecords(req.body.records, feed.mapping);
      if (!read.ok) throw errors.validation([{ path: 'records', message: read.message }], read.message);
      const sha = commands.sha256(JSON.stringify(req.body.records));
      return inScope(deps.db, ctx, async (tx) => {
        const got = await commands.receive(tx, deps, feed, { source: 'api', filename: null, sha, rows: read.rows });
        if (got.duplicateOf) return queries.run(tx, got.runId, got.runId);
        await commands.confirmRun(tx, deps, got.runId, req.log);
        return queries.run(tx, got.runId);
      });
    },
  );
}
