/**
 * 送教上门 and other appointment programmes (plan tasks 25, 12): slots of one place, booked for a
 * child (or a household guardian) of the caller's area, completed by the unit that runs the
 * programme. Programmes of mode 'appointment' only (the group booking refuses them). The route
 * table only.
 */
import { ErrorBody, IdParam } from '#common/api.js';
import {
  Appointment,
  AppointmentProgrammeList,
  BookBody,
  ChildAppointments,
  CompleteBody,
  ReasonBody,
  Slot,
  SlotBatch,
  SlotBatchResult,
  SlotList,
  SlotQuery,
} from '#common/appointments.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope, signedIn } from '../../core/context.js';
import { can, canAny } from '../../http/access.js';
import * as commands from './commands.js';
import * as queries from './queries.js';
import './indicators.js';

const tags = ['送教上门预约 appointments'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const PROVIDER = canAny('services.provide', 'services.manage');

export function appointmentRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/appointments/programmes',
    {
      config: { access: can('services.read') },
      schema: {
        operationId: 'listAppointmentProgrammes',
        tags,
        summary: '预约类服务项目（送教上门等）及其尚可预约的时段数',
        response: { 200: AppointmentProgrammeList, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.listProgrammes(tx, ctx, deps.clock()));
    },
  );

  app.get(
    '/api/appointments/programmes/:id/slots',
    {
      config: { access: can('services.read') },
      schema: {
        operationId: 'listAppointmentSlots',
        tags,
        summary: '项目的预约时段：是否已约；承办单位看到脱敏名单（姓名脱敏与年龄，不含地址）',
        params: IdParam,
        querystring: SlotQuery,
        response: { 200: SlotList, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.listSlots(tx, ctx, req.params.id, req.query, deps.clock()));
    },
  );

  app.post(
    '/api/appointments/programmes/:id/slots',
    {
      config: { access: PROVIDER },
      schema: {
        operationId: 'createAppointmentSlots',
        tags,
        summary: '批量创建预约时段（所选日期 × 时间，每个时段 1 个名额；已有的同一时间跳过）',
        params: IdParam,
        body: SlotBatch,
        response: { 201: SlotBatchResult, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.createSlots(tx, ctx, req.params.id, req.body, deps.clock())));
    },
  );

  app.post(
    '/api/appointment-slots/:id/cancel',
    {
      config: { access: PROVIDER },
      schema: {
        operationId: 'cancelAppointmentSlot',
        tags,
        summary: '取消一个时段（须填写原因；已有的预约随之取消并通知预约人）',
        params: IdParam,
        body: ReasonBody,
        response: { 200: Slot, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.cancelSlot(tx, ctx, req.params.id, req.body, deps.clock()));
    },
  );

  app.post(
    '/api/appointment-slots/:id/book',
    {
      config: { access: can('services.book') },
      schema: {
        operationId: 'bookAppointment',
        tags,
        summary: '为本辖区儿童（或其监护人）预约一个时段，直接确认（每个时段只能预约一次）',
        params: IdParam,
        body: BookBody,
        response: { 201: Appointment, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.book(tx, ctx, req.params.id, req.body, deps.clock())));
    },
  );

  app.get(
    '/api/children/:id/appointments',
    {
      config: { access: can('services.read') },
      schema: {
        operationId: 'childAppointments',
        tags,
        summary: '儿童的送教上门等预约，以及适合该儿童年龄的预约类项目',
        params: IdParam,
        response: { 200: ChildAppointments, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.childAppointments(tx, ctx, req.params.id, deps.clock()));
    },
  );

  app.post(
    '/api/appointments/:id/cancel',
    {
      config: { access: canAny('services.book', 'services.provide', 'services.manage') },
      schema: {
        operationId: 'cancelAppointment',
        tags,
        summary: '取消预约（须填写原因；时段随即空出；承办单位取消时通知预约人）',
        params: IdParam,
        body: ReasonBody,
        response: { 200: Appointment, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.cancel(tx, ctx, req.params.id, req.body, deps.clock()));
    },
  );

  app.post(
    '/api/appointments/:id/complete',
    {
      config: { access: PROVIDER },
      schema: {
        operationId: 'completeAppointment',
        tags,
        summary: '承办单位记录送教情况：已完成（送教内容、时长）或未到（原因）',
        params: IdParam,
        body: CompleteBody,
        response: { 200: Appointment, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.complete(tx, ctx, req.params.id, req.body, deps.clock()));
    },
  );
}
