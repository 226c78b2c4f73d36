/**
 * 服务项目与优先预约 (tasks 7, 9, 12, 13, 25-27): the catalogue, sessions, priority booking with a
 * wait list, the providers' rosters and the priority tiers. The route table only. Reads need
 * services.read; programmes and sessions are written by services.manage (any unit) or
 * services.provide (its own unit's); bookings by services.book (a child in the caller's reach,
 * row-level security decides) or the programme's owner unit (services.provide).
 */
import { ErrorBody, IdParam } from '#common/api.js';
import {
  Bookable,
  Booking,
  BookingAttendance,
  BookingCancel,
  BookingConfirm,
  BookingCreate,
  ChildBookings,
  PriorityRuleCodeParam,
  PriorityRuleList,
  PriorityRuleOut,
  PriorityRuleUpdate,
  Programme,
  ProgrammeCreate,
  ProgrammeDetail,
  ProgrammeList,
  ProgrammeListQuery,
  ProgrammeSession,
  ProgrammeUpdate,
  Roster,
  SessionCancel,
  SessionCreate,
  SessionUpdate,
} from '#common/services.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope, signedIn } from '../../core/context.js';
import { can, canAny } from '../../http/access.js';
import * as commands from './commands.js';
import * as queries from './queries.js';
import './indicators.js';

const tags = ['服务项目与优先预约 services'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const WRITE_CATALOGUE = canAny('services.manage', 'services.provide');
const WRITE_BOOKING = canAny('services.book', 'services.provide');

export function servicesRoutes(app: ZApp, deps: AppDeps): void {
  // ---- programmes ----
  app.get(
    '/api/programmes',
    {
      config: { access: can('services.read') },
      schema: {
        operationId: 'listProgrammes',
        tags,
        summary: '服务项目目录（按类别、服务对象、年龄、主办单位、是否有开放场次筛选，分页）',
        querystring: ProgrammeListQuery,
        response: { 200: ProgrammeList, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.listProgrammes(tx, ctx, req.query, deps.clock()));
    },
  );

  app.post(
    '/api/programmes',
    {
      config: { access: WRITE_CATALOGUE },
      schema: {
        operationId: 'createProgramme',
        tags,
        summary: '新建服务项目（服务提供单位只能新建本单位主办的项目）',
        body: ProgrammeCreate,
        response: { 201: Programme, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.createProgramme(tx, ctx, req.body, deps.clock())));
    },
  );

  app.get(
    '/api/programmes/:id',
    {
      config: { access: can('services.read') },
      schema: {
        operationId: 'getProgramme',
        tags,
        summary: '服务项目详情及其场次（名额、已占用、候补人数）',
        params: IdParam,
        response: { 200: ProgrammeDetail, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.programmeDetail(tx, ctx, req.params.id, deps.clock()));
    },
  );

  app.patch(
    '/api/programmes/:id',
    {
      config: { access: WRITE_CATALOGUE },
      schema: {
        operationId: 'updateProgramme',
        tags,
        summary: '修改或停用服务项目（版本号校验）',
        params: IdParam,
        body: ProgrammeUpdate,
        response: { 200: Programme, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.updateProgramme(tx, ctx, req.params.id, req.body, deps.clock()));
    },
  );

  // ---- sessions ----
  app.post(
    '/api/programmes/:id/sessions',
    {
      config: { access: WRITE_CATALOGUE },
      schema: {
        operationId: 'createProgrammeSession',
        tags,
        summary: '为服务项目新增场次（日期、地点、名额、优先预约截止时间）',
        params: IdParam,
        body: SessionCreate,
        response: { 201: ProgrammeSession, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.createSession(tx, ctx, req.params.id, req.body, deps.clock())));
    },
  );

  app.patch(
    '/api/programme-sessions/:id',
    {
      config: { access: WRITE_CATALOGUE },
      schema: {
        operationId: 'updateProgrammeSession',
        tags,
        summary: '修改场次（增加名额或提前结束优先期时，候补按优先档次和申请先后自动递补）',
        params: IdParam,
        body: SessionUpdate,
        response: { 200: ProgrammeSession, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.updateSession(tx, ctx, req.params.id, req.body, deps.clock()));
    },
  );

  app.post(
    '/api/programme-sessions/:id/cancel',
    {
      config: { access: WRITE_CATALOGUE },
      schema: {
        operationId: 'cancelProgrammeSession',
        tags,
        summary: '取消场次（须填写原因）：其有效预约一并取消，并通知预约人',
        params: IdParam,
        body: SessionCancel,
        response: { 200: ProgrammeSession, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.cancelSession(tx, ctx, req.params.id, req.body, deps.clock()));
    },
  );

  app.get(
    '/api/programme-sessions/:id/roster',
    {
      config: { access: can('services.provide') },
      schema: {
        operationId: 'programmeSessionRoster',
        tags,
        summary: '场次名单（仅项目主办单位；只显示脱敏姓名、年龄和优先档次；每次查看均记录）',
        params: IdParam,
        response: { 200: Roster, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.roster(tx, ctx, req.params.id, deps.clock()));
    },
  );

  // ---- bookings ----
  app.post(
    '/api/programme-sessions/:id/bookings',
    {
      config: { access: WRITE_BOOKING },
      schema: {
        operationId: 'createBooking',
        tags,
        summary: '预约场次：有空余名额且所属档次可占用时预留名额（待确认），否则进入候补；答复中给出候补位次',
        params: IdParam,
        body: BookingCreate,
        response: { 201: Booking, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.book(tx, ctx, req.params.id, req.body, deps.clock())));
    },
  );

  app.post(
    '/api/bookings/:id/confirm',
    {
      config: { access: WRITE_BOOKING },
      schema: {
        operationId: 'confirmBooking',
        tags,
        summary: '确认预留名额（预约单位或项目主办单位）',
        params: IdParam,
        body: BookingConfirm,
        response: { 200: Booking, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.confirmBooking(tx, ctx, req.params.id, req.body.version, deps.clock()));
    },
  );

  app.post(
    '/api/bookings/:id/cancel',
    {
      config: { access: WRITE_BOOKING },
      schema: {
        operationId: 'cancelBooking',
        tags,
        summary: '取消预约（须填写原因）；释放的名额由候补按优先档次和申请先后递补',
        params: IdParam,
        body: BookingCancel,
        response: { 200: Booking, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.cancelBooking(tx, ctx, req.params.id, req.body, deps.clock()));
    },
  );

  app.post(
    '/api/bookings/:id/attendance',
    {
      config: { access: can('services.provide') },
      schema: {
        operationId: 'recordBookingAttendance',
        tags,
        summary: '登记出勤：参加或缺席（项目主办单位；场次开始后）',
        params: IdParam,
        body: BookingAttendance,
        response: { 200: Booking, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.markAttendance(tx, ctx, req.params.id, req.body, deps.clock()));
    },
  );

  app.get(
    '/api/children/:id/bookings',
    {
      config: { access: can('services.read') },
      schema: {
        operationId: 'childBookings',
        tags,
        summary: '儿童的服务预约（状态、候补位次）',
        params: IdParam,
        response: { 200: ChildBookings, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.childBookings(tx, ctx, req.params.id, deps.clock()));
    },
  );

  app.get(
    '/api/children/:id/bookable',
    {
      config: { access: can('services.book') },
      schema: {
        operationId: 'childBookableSessions',
        tags,
        summary: '儿童可预约的服务项目及场次（按年龄；含剩余名额和优先期）',
        params: IdParam,
        response: { 200: Bookable, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.bookable(tx, ctx, req.params.id, deps.clock()));
    },
  );

  // ---- priority tiers ----
  app.get(
    '/api/booking-priority-rules',
    {
      config: { access: can('services.read') },
      schema: { operationId: 'listBookingPriorityRules', tags, summary: '预约优先档次（按档次先后）', response: { 200: PriorityRuleList, ...errs } },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.listRules(tx)),
  );

  app.patch(
    '/api/booking-priority-rules/:code',
    {
      config: { access: can('services.manage') },
      schema: {
        operationId: 'updateBookingPriorityRule',
        tags,
        summary: '修改预约优先档次（儿童类别、优先期内是否可占名额、启用；修改前后记入审计日志）',
        params: PriorityRuleCodeParam,
        body: PriorityRuleUpdate,
        response: { 200: PriorityRuleOut, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.updateRule(tx, ctx, req.params.code, req.body));
    },
  );
}
