/**
 * 从业限制名单 (plan task 37): the restricted-persons list the district loads, matched against the
 * ledger by blind index; only the authorised reviewer (workforce.restricted) sees lists and matches.
 * The route table only.
 */
import { ErrorBody, IdParam } from '#common/api.js';
import { MatchQuery, MatchReview, RestrictedLists, RestrictedLoadReport, RestrictedMatch, RestrictedMatches, RestrictedUpload } from '#common/restricted.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope, signedIn } from '../../core/context.js';
import { can } from '../../http/access.js';
import * as commands from './commands.js';
import * as queries from './queries.js';

const tags = ['从业限制名单 restricted list'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const REVIEWER = { access: can('workforce.restricted') };

export function restrictedRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/restricted/lists',
    { config: REVIEWER, schema: { operationId: 'listRestrictedLists', tags, summary: '已载入的从业限制名单', response: { 200: RestrictedLists, ...errs } } },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.lists(tx)),
  );

  app.post(
    '/api/restricted/lists',
    {
      config: REVIEWER,
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        operationId: 'loadRestrictedList',
        tags,
        summary: '载入从业限制名单（.xlsx 或 .csv，列：姓名、身份证号、限制情形）；只保存身份证号的盲索引和打码姓名；同一文件重复载入不作改动',
        body: RestrictedUpload,
        response: { 200: RestrictedLoadReport, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.load(tx, ctx, req.body, deps.crypto, deps.clock()));
    },
  );

  app.get(
    '/api/restricted/matches',
    {
      config: REVIEWER,
      schema: {
        operationId: 'listRestrictedMatches',
        tags,
        summary: '台账人员与名单的比对结果',
        querystring: MatchQuery,
        response: { 200: RestrictedMatches, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.matches(tx, req.query.status)),
  );

  app.post(
    '/api/restricted/matches/:id/review',
    {
      config: REVIEWER,
      schema: {
        operationId: 'reviewRestrictedMatch',
        tags,
        summary: '核查比对结果：确认（暂停其账户访问儿童档案并结束其登录）或排除，须填写说明',
        params: IdParam,
        body: MatchReview,
        response: { 200: RestrictedMatch, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.review(tx, ctx, req.params.id, req.body, deps.clock()));
    },
  );
}
