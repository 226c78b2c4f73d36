/**
 * 活动与频次 (tasks 1, 2, 8, 29-31, 34, 35): activities, participants, photos and sign-in sheets, cadence rules and compliance lists. The route table only.
 * Reading: services.read; writing activities: activities.write (the organiser must be within the
 * caller's remit, policies.ts); editing cadence rules: services.manage.
 */
import { z } from 'zod';
import { ErrorBody, IdParam } from '#common/api.js';
import {
  ActivityAttachment,
  ActivityAttachmentUpload,
  ActivityCancel,
  ActivityComplete,
  ActivityCreate,
  ActivityDetail,
  ActivityList,
  ActivityQuery,
  ActivityUpdate,
  AttachmentParams,
  CadenceCodeParam,
  CadenceRule,
  CadenceRuleList,
  CadenceRuleUpdate,
  ChildActivities,
  ComplianceQuery,
  ComplianceReport,
  OrganiserList,
  OrganiserQuery,
  ParticipantAdd,
  ParticipantAdded,
  ParticipantParams,
} from '#common/activities.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope, signedIn } from '../../core/context.js';
import { can } from '../../http/access.js';
import { sendDownload } from '../files/presenters.js';
import * as commands from './commands.js';
import * as queries from './queries.js';
import './indicators.js';

const tags = ['活动与频次 activities'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
/** Base64 of a 10 MB file plus the JSON around it. */
const UPLOAD_LIMIT = 14 * 1024 * 1024;

export function activityRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/activities',
    {
      config: { access: can('services.read') },
      schema: {
        operationId: 'listActivities',
        tags,
        summary: '活动列表（按组织者、类型、状态、街道、日期筛选）',
        querystring: ActivityQuery,
        response: { 200: ActivityList, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.listActivities(tx, ctx, req.query));
    },
  );

  app.post(
    '/api/activities',
    {
      config: { access: can('activities.write') },
      schema: {
        operationId: 'createActivity',
        tags,
        summary: '记录活动（计划或已开展；组织者须在本单位职责范围内；今天之后的活动不能记录为已开展）',
        body: ActivityCreate,
        response: { 201: ActivityDetail, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.createActivity(tx, ctx, req.body, deps.clock())));
    },
  );

  app.get(
    '/api/activities/organisers',
    {
      config: { access: can('services.read') },
      schema: {
        operationId: 'listActivityOrganisers',
        tags,
        summary: '可选的组织者：居民区、街道未保站、学校、区级部门（标明本人可否为其记录活动）',
        querystring: OrganiserQuery,
        response: { 200: OrganiserList, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.organisers(tx, ctx, req.query));
    },
  );

  app.get(
    '/api/activities/compliance',
    {
      config: { access: can('services.read') },
      schema: {
        operationId: 'activityCompliance',
        tags,
        summary: '活动频次达标情况：每条规则下各组织者的本期、上一期与逾期名单（街道默认本街道，区级全区）',
        querystring: ComplianceQuery,
        response: { 200: ComplianceReport, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.complianceReport(tx, ctx, req.query, deps.clock()));
    },
  );

  app.get(
    '/api/activities/:id',
    {
      config: { access: can('services.read') },
      schema: {
        operationId: 'getActivity',
        tags,
        summary: '活动详情：参加者（仅本辖区的儿童）、照片与签到表',
        params: IdParam,
        response: { 200: ActivityDetail, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.activityDetail(tx, ctx, req.params.id));
    },
  );

  app.patch(
    '/api/activities/:id',
    {
      config: { access: can('activities.write') },
      schema: {
        operationId: 'updateActivity',
        tags,
        summary: '修改活动（版本号校验）',
        params: IdParam,
        body: ActivityUpdate,
        response: { 200: ActivityDetail, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.updateActivity(tx, ctx, req.params.id, req.body, deps.clock()));
    },
  );

  app.post(
    '/api/activities/:id/cancel',
    {
      config: { access: can('activities.write') },
      schema: {
        operationId: 'cancelActivity',
        tags,
        summary: '取消活动（须填写原因；取消后不计入频次）',
        params: IdParam,
        body: ActivityCancel,
        response: { 200: ActivityDetail, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.cancelActivity(tx, ctx, req.params.id, req.body));
    },
  );

  app.post(
    '/api/activities/:id/complete',
    {
      config: { access: can('activities.write') },
      schema: {
        operationId: 'completeActivity',
        tags,
        summary: '记录计划活动为已开展（活动日期不能在今天之后）',
        params: IdParam,
        body: ActivityComplete,
        response: { 200: ActivityDetail, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.completeActivity(tx, ctx, req.params.id, req.body, deps.clock()));
    },
  );

  app.post(
    '/api/activities/:id/participants',
    {
      config: { access: can('activities.write') },
      schema: {
        operationId: 'addActivityParticipants',
        tags,
        summary: '添加参加活动的儿童（及其监护人）：只能选择本辖区的儿童',
        params: IdParam,
        body: ParticipantAdd,
        response: { 200: ParticipantAdded, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.addParticipants(tx, ctx, req.params.id, req.body));
    },
  );

  app.delete(
    '/api/activities/:id/participants/:participantId',
    {
      config: { access: can('activities.write') },
      schema: {
        operationId: 'removeActivityParticipant',
        tags,
        summary: '移除一名参加者',
        params: ParticipantParams,
        response: { 204: z.null().describe('已移除'), ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      await inScope(deps.db, ctx, (tx) => commands.removeParticipant(tx, ctx, req.params.id, req.params.participantId));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/activities/:id/attachments',
    {
      bodyLimit: UPLOAD_LIMIT,
      config: { access: can('activities.write') },
      schema: {
        operationId: 'uploadActivityAttachment',
        tags,
        summary: '上传活动照片或签到表（JPEG/PNG/PDF/DOCX/XLSX，按文件内容判断类型，照片去除 EXIF/GPS，≤ 10 MB）',
        params: IdParam,
        body: ActivityAttachmentUpload,
        response: { 200: ActivityAttachment, ...errs },
      },
    },
    async (req) => commands.uploadAttachment(deps, signedIn(req.ctx), req.params.id, req.body),
  );

  app.get(
    '/api/activities/:id/attachments/:attachmentId',
    {
      config: { access: can('services.read') },
      schema: {
        operationId: 'downloadActivityAttachment',
        tags,
        summary: '下载活动照片或签到表（组织者、所在街道与区级；一律作为附件下载）',
        params: AttachmentParams,
        response: { 200: z.any().describe('文件内容'), ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return sendDownload(reply, await inScope(deps.db, ctx, (tx) => queries.attachmentDownload(tx, ctx, req.params.id, req.params.attachmentId)));
    },
  );

  app.delete(
    '/api/activities/:id/attachments/:attachmentId',
    {
      config: { access: can('activities.write') },
      schema: {
        operationId: 'deleteActivityAttachment',
        tags,
        summary: '删除活动照片或签到表',
        params: AttachmentParams,
        response: { 204: z.null().describe('已删除'), ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      await inScope(deps.db, ctx, (tx) => commands.removeAttachment(tx, ctx, req.params.id, req.params.attachmentId));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/children/:id/activities',
    {
      config: { access: can('services.read') },
      schema: {
        operationId: 'childActivities',
        tags,
        summary: '儿童参加过的活动（本人或其监护人）',
        params: IdParam,
        response: { 200: ChildActivities, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.childActivities(tx, req.params.id));
    },
  );

  app.get(
    '/api/cadence-rules',
    {
      config: { access: can('services.read') },
      schema: { operationId: 'listCadenceRules', tags, summary: '活动频次规则', response: { 200: CadenceRuleList, ...errs } },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.listRules(tx)),
  );

  app.put(
    '/api/cadence-rules/:code',
    {
      config: { access: can('services.manage') },
      schema: {
        operationId: 'updateCadenceRule',
        tags,
        summary: '修改活动频次规则（计入的活动类型、周期、最少次数、是否须联系监护人；版本号校验）',
        params: CadenceCodeParam,
        body: CadenceRuleUpdate,
        response: { 200: CadenceRule, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.updateRule(tx, ctx, req.params.code, req.body));
    },
  );
}
