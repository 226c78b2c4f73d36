/**
 * 配备 (plan tasks 3, 36): the staffing rule of committees (threshold as data) and the rosters of the street minor-protection stations with their coverage check.
 * The route table only. The rule and its violations need workforce.read (editing the rule
 * workforce.configure); the rosters org.read (phones only for workforce.read holders), writing them
 * workforce.manage within the caller's streets (policies.ts).
 */
import { IdParam, ErrorBody } from '#common/api.js';
import {
  CommitteeDirectors,
  RuleCodeParam,
  StaffingOverview,
  StaffingRule,
  StaffingRuleList,
  StaffingRuleUpdate,
  StationList,
  StationMember,
  StationMemberCreate,
  StationMemberEnd,
  StationMemberUpdate,
  StationQuery,
  ViolationQuery,
} from '#common/staffing.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope, signedIn } from '../../core/context.js';
import { can } from '../../http/access.js';
import * as commands from './commands.js';
import * as queries from './queries.js';
import './indicators.js';

const tags = ['配备与未保站 staffing'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const READ = { access: can('workforce.read') };
const CONFIGURE = { access: can('workforce.configure') };
const MANAGE = { access: can('workforce.manage') };
const ROSTER = { access: can('org.read') };

export function staffingRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/staffing/rules',
    {
      config: READ,
      schema: { operationId: 'listStaffingRules', tags, summary: '儿童主任配备规则（阈值为数据）', response: { 200: StaffingRuleList, ...errs } },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.listRules(tx)),
  );

  app.put(
    '/api/staffing/rules/:code',
    {
      config: CONFIGURE,
      schema: {
        operationId: 'updateStaffingRule',
        tags,
        summary: '修改配备规则的阈值、最少人数或启用状态（按读取时的更新时间校验）',
        params: RuleCodeParam,
        body: StaffingRuleUpdate,
        response: { 200: StaffingRule, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.updateRule(tx, ctx, req.params.code, req.body));
    },
  );

  app.get(
    '/api/staffing/overview',
    {
      config: READ,
      schema: {
        operationId: 'staffingOverview',
        tags,
        summary: '本辖区儿童主任配备情况：不达标的居民区（规则、儿童数、主任数、缺口）及各街道统计',
        querystring: ViolationQuery,
        response: { 200: StaffingOverview, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.overview(tx, ctx, req.query.street, deps.clock()));
    },
  );

  app.get(
    '/api/staffing/committees/:id/directors',
    {
      config: READ,
      schema: {
        operationId: 'committeeDirectors',
        tags,
        summary: '一个居民区的在岗儿童主任',
        params: IdParam,
        response: { 200: CommitteeDirectors, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.committeeDirectors(tx, ctx, req.params.id));
    },
  );

  // ---- station rosters ----
  app.get(
    '/api/staffing/stations',
    {
      config: ROSTER,
      schema: {
        operationId: 'listStations',
        tags,
        summary: '12 个街道未成年人保护工作站名册及缺岗（history=true 含已离任成员）',
        querystring: StationQuery,
        response: { 200: StationList, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.stations(tx, ctx, req.query.history === 'true', deps.clock()));
    },
  );

  app.post(
    '/api/staffing/stations/members',
    {
      config: MANAGE,
      schema: {
        operationId: 'addStationMember',
        tags,
        summary: '为未保站添加成员（街道仅限本街道）',
        body: StationMemberCreate,
        response: { 201: StationMember, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.addMember(tx, ctx, req.body)));
    },
  );

  app.put(
    '/api/staffing/stations/members/:id',
    {
      config: MANAGE,
      schema: {
        operationId: 'updateStationMember',
        tags,
        summary: '修改未保站成员（版本号校验）',
        params: IdParam,
        body: StationMemberUpdate,
        response: { 200: StationMember, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.updateMember(tx, ctx, req.params.id, req.body));
    },
  );

  app.post(
    '/api/staffing/stations/members/:id/end',
    {
      config: MANAGE,
      schema: {
        operationId: 'endStationMember',
        tags,
        summary: '成员离任（记录保留）',
        params: IdParam,
        body: StationMemberEnd,
        response: { 200: StationMember, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.endMember(tx, ctx, req.params.id, req.body.until, req.body.version));
    },
  );
}
