/**
 * 固本强基·人员台账 (plan tasks 36, 37): the ledger of child directors, street supervisors and social
 * workers, the committees they serve, and the accounts opened for checked people. The route table
 * only. Reading needs workforce.read; every write workforce.manage; the area is row-level security's
 * (a street its people, the district all, the system administrator none).
 */
import { ErrorBody, IdParam } from '#common/api.js';
import { shanghaiDate } from '#common/dates.js';
import {
  AccountLink,
  AccountOpen,
  AccountOpened,
  CommitteeAssign,
  CommitteeEnd,
  Staff,
  StaffCommitteeParams,
  StaffCreate,
  StaffList,
  StaffQuery,
  StaffReveal,
  StaffUpdate,
  WorkforceOptions,
} from '#common/workforce.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope, signedIn } from '../../core/context.js';
import { can } from '../../http/access.js';
import * as commands from './commands.js';
import * as queries from './queries.js';

const tags = ['人员台账 workforce'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const READ = { access: can('workforce.read') };
const MANAGE = { access: can('workforce.manage') };

export function workforceRoutes(app: ZApp, deps: AppDeps): void {
  const today = () => shanghaiDate(deps.clock());
  const now = () => new Date(deps.clock());

  app.get(
    '/api/workforce/options',
    {
      config: READ,
      schema: {
        operationId: 'workforceOptions',
        tags,
        summary: '人员台账表单的选项：本辖区的街道、居民区、单位、社会组织',
        response: { 200: WorkforceOptions, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.options(tx, ctx, today()));
    },
  );

  app.get(
    '/api/workforce/staff',
    {
      config: READ,
      schema: {
        operationId: 'listStaff',
        tags,
        summary: '人员台账：按街道、居民区、人员类别、职务、入职查询状态、在职状态筛选，按姓名搜索，分页（身份证号、电话脱敏）',
        querystring: StaffQuery,
        response: { 200: StaffList, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.list(tx, deps, req.query, today())),
  );

  app.get(
    '/api/workforce/staff/:id',
    {
      config: READ,
      schema: { operationId: 'getStaff', tags, summary: '一名人员：任职居民区（含历史）、入职查询记录', params: IdParam, response: { 200: Staff, ...errs } },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.get(tx, deps, req.params.id, today())),
  );

  app.post(
    '/api/workforce/staff',
    {
      config: MANAGE,
      schema: {
        operationId: 'createStaff',
        tags,
        summary: '登记人员（身份证号加密存储，重复登记被拒绝）',
        body: StaffCreate,
        response: { 201: Staff, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      const out = await inScope(deps.db, ctx, async (tx) => queries.get(tx, deps, await commands.create(tx, ctx, deps, req.body), today()));
      return reply.code(201).send(out);
    },
  );

  app.put(
    '/api/workforce/staff/:id',
    {
      config: MANAGE,
      schema: {
        operationId: 'updateStaff',
        tags,
        summary: '修改人员（版本号校验）；填写离任日期即结束其任职居民区并停用其账号',
        params: IdParam,
        body: StaffUpdate,
        response: { 200: Staff, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, async (tx) => {
        await commands.update(tx, ctx, deps, req.params.id, req.body, today(), now());
        return queries.get(tx, deps, req.params.id, today());
      });
    },
  );

  app.post(
    '/api/workforce/staff/:id/reveal',
    {
      config: MANAGE,
      schema: { operationId: 'revealStaff', tags, summary: '查看完整身份证号和电话（记入审计日志）', params: IdParam, response: { 200: StaffReveal, ...errs } },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => commands.reveal(tx, deps, req.params.id)),
  );

  app.post(
    '/api/workforce/staff/:id/committees',
    {
      config: MANAGE,
      schema: {
        operationId: 'assignStaffCommittee',
        tags,
        summary: '分配任职居民区（须在该人员所在街道）；关联账号的居民区随之更新',
        params: IdParam,
        body: CommitteeAssign,
        response: { 200: Staff, ...errs },
      },
    },
    async (req) =>
      inScope(deps.db, signedIn(req.ctx), async (tx) => {
        await commands.assignCommittee(tx, req.params.id, req.body, now());
        return queries.get(tx, deps, req.params.id, today());
      }),
  );

  app.post(
    '/api/workforce/staff/:id/committees/:committeeId/end',
    {
      config: MANAGE,
      schema: {
        operationId: 'endStaffCommittee',
        tags,
        summary: '结束在某居民区的任职（保留历史）；关联账号的居民区随之更新',
        params: StaffCommitteeParams,
        body: CommitteeEnd,
        response: { 200: Staff, ...errs },
      },
    },
    async (req) =>
      inScope(deps.db, signedIn(req.ctx), async (tx) => {
        await commands.endCommittee(tx, req.params.id, req.params.committeeId, req.body.until, now());
        return queries.get(tx, deps, req.params.id, today());
      }),
  );

  app.post(
    '/api/workforce/staff/:id/account',
    {
      config: MANAGE,
      schema: {
        operationId: 'openStaffAccount',
        tags,
        summary: '开通账号：仅限入职查询有效的人员（未成年人保护法第六十二条）；初始密码只显示一次',
        params: IdParam,
        body: AccountOpen,
        response: { 201: AccountOpened, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      const out = await inScope(deps.db, ctx, async (tx) => {
        const a = await commands.openAccount(tx, ctx, req.params.id, req.body, today());
        return { ...a, staff: await queries.get(tx, deps, req.params.id, today()) };
      });
      return reply.code(201).header('cache-control', 'no-store').send(out);
    },
  );

  app.post(
    '/api/workforce/staff/:id/account/link',
    {
      config: MANAGE,
      schema: {
        operationId: 'linkStaffAccount',
        tags,
        summary: '关联本单位已有账号（接触儿童档案的角色同样须入职查询有效）',
        params: IdParam,
        body: AccountLink,
        response: { 200: Staff, ...errs },
      },
    },
    async (req) =>
      inScope(deps.db, signedIn(req.ctx), async (tx) => {
        await commands.linkAccount(tx, req.params.id, req.body, today(), now());
        return queries.get(tx, deps, req.params.id, today());
      }),
  );
}
