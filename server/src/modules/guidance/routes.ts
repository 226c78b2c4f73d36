/**
 * 监护提质 — documents from templates and guidance for guardians (plan tasks 5, 11, 14). The route
 * table only. Every route runs with case-scoped access (a unit holding a referral whose kind opens
 * 'guardianship' reaches the child) and decides the depth with ../guardianship/policies.ts:
 * templates need guardianship.read or .manage (editing: .manage); documents depth `full` only (a
 * child director gets 404); guidance sessions `full` or `summary` (date, kind, attendance).
 */
import { z } from 'zod';
import { ErrorBody, IdParam } from '#common/api.js';
import {
  ChildDocuments,
  DocumentCreate,
  DocumentList,
  GuardianshipDocument,
  GuardianshipTemplate,
  GuidanceAttendanceBody,
  GuidanceChild,
  GuidanceCreate,
  GuidanceQuery,
  GuidanceSession,
  GuidanceUpdate,
  TemplateCodeParam,
  TemplateCreate,
  TemplateList,
  TemplateListQuery,
  TemplateUpdate,
  VersionQuery,
} from '#common/guidance.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope, signedIn, type SignedInCtx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { can } from '../../http/access.js';
import { GUARDIANSHIP_ACCESS } from '../guardianship/policies.js';
import * as commands from './commands.js';
import * as queries from './queries.js';
import './indicators.js';

const tags = ['监护指导与文书 guidance'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const REF = { referrals: true };

/** Templates are read by whoever fills documents (guardianship.read) or maintains them (.manage). */
function requireTemplateReader(ctx: SignedInCtx): void {
  // A missing permission is a 403 like everywhere else (a 404 is for a record out of reach).
  if (!ctx.actor.permissions.has('guardianship.read') && !ctx.actor.permissions.has('guardianship.manage')) throw errors.forbidden('没有查看文书模板的权限');
}

export function guidanceRoutes(app: ZApp, deps: AppDeps): void {
  // ---- templates ----
  app.get(
    '/api/guardianship/templates',
    {
      config: { access: GUARDIANSHIP_ACCESS },
      schema: {
        operationId: 'listGuardianshipTemplates',
        tags,
        summary: '监护干预文书模板（每个模板的最新版本；history=true 时列出全部版本）',
        querystring: TemplateListQuery,
        response: { 200: TemplateList, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      requireTemplateReader(ctx);
      return inScope(deps.db, ctx, (tx) => queries.listTemplates(tx, req.query));
    },
  );

  app.get(
    '/api/guardianship/templates/:code/versions',
    {
      config: { access: GUARDIANSHIP_ACCESS },
      schema: {
        operationId: 'guardianshipTemplateVersions',
        tags,
        summary: '一个文书模板的全部版本（新版本不改变已生成的文书）',
        params: TemplateCodeParam,
        response: { 200: TemplateList, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      requireTemplateReader(ctx);
      return inScope(deps.db, ctx, (tx) => queries.templateVersions(tx, req.params.code));
    },
  );

  app.post(
    '/api/guardianship/templates',
    {
      config: { access: can('guardianship.manage') },
      schema: {
        operationId: 'createGuardianshipTemplate',
        tags,
        summary: '新建文书模板（占位符须为列表中的名称，未知占位符不予保存）',
        body: TemplateCreate,
        response: { 201: GuardianshipTemplate, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.createTemplate(tx, ctx, req.body)));
    },
  );

  app.put(
    '/api/guardianship/templates/:code',
    {
      config: { access: can('guardianship.manage') },
      schema: {
        operationId: 'updateGuardianshipTemplate',
        tags,
        summary: '修改文书模板：保存为新版本（旧版本和据其生成的文书不变）',
        params: TemplateCodeParam,
        body: TemplateUpdate,
        response: { 200: GuardianshipTemplate, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.updateTemplate(tx, ctx, req.params.code, req.body));
    },
  );

  // ---- documents ----
  app.get(
    '/api/guardianship/interventions/:id/documents',
    {
      config: { access: GUARDIANSHIP_ACCESS },
      schema: {
        operationId: 'listInterventionDocuments',
        tags,
        summary: '一项干预措施的文书（仅完整查看权限；每次查看均记录）',
        params: IdParam,
        response: { 200: DocumentList, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.interventionDocuments(tx, ctx, req.params.id), REF);
    },
  );

  app.post(
    '/api/guardianship/interventions/:id/documents',
    {
      config: { access: GUARDIANSHIP_ACCESS },
      schema: {
        operationId: 'createInterventionDocument',
        tags,
        summary: '按模板为干预措施生成文书（从档案填入儿童、监护人、街道等；缺少的内容留空线）',
        params: IdParam,
        body: DocumentCreate,
        response: { 201: GuardianshipDocument, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply
        .code(201)
        .send(await inScope(deps.db, ctx, (tx) => commands.createDocument(tx, ctx, deps.crypto, req.params.id, req.body.templateCode, deps.clock()), REF));
    },
  );

  app.get(
    '/api/guardianship/documents/:id',
    {
      config: { access: GUARDIANSHIP_ACCESS },
      schema: {
        operationId: 'getGuardianshipDocument',
        tags,
        summary: '一份文书的全文（打印用；仅完整查看权限；每次查看均记录）',
        params: IdParam,
        response: { 200: GuardianshipDocument, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.documentDetail(tx, ctx, deps.crypto, req.params.id), REF);
    },
  );

  app.get(
    '/api/children/:id/guardianship-documents',
    {
      config: { access: GUARDIANSHIP_ACCESS },
      schema: {
        operationId: 'listChildGuardianshipDocuments',
        tags,
        summary: '儿童的监护干预文书，以及可生成文书的干预措施（仅完整查看权限）',
        params: IdParam,
        response: { 200: ChildDocuments, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.childDocuments(tx, ctx, req.params.id), REF);
    },
  );

  // ---- guidance sessions ----
  app.get(
    '/api/children/:id/guidance',
    {
      config: { access: GUARDIANSHIP_ACCESS },
      schema: {
        operationId: 'childGuidance',
        tags,
        summary: '监护人指导：指导记录与出勤、家庭教育指导令的应到/已到/缺席次数（儿童主任仅见日期、类型和出勤）',
        params: IdParam,
        querystring: GuidanceQuery,
        response: { 200: GuidanceChild, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.childGuidance(tx, ctx, req.params.id, req.query), REF);
    },
  );

  app.post(
    '/api/children/:id/guidance',
    {
      config: { access: GUARDIANSHIP_ACCESS },
      schema: {
        operationId: 'createGuidanceSession',
        tags,
        summary: '安排或记录一次监护人指导（家庭教育指导、心理辅导、行为指导）',
        params: IdParam,
        body: GuidanceCreate,
        response: { 201: GuidanceSession, ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.createSession(tx, ctx, req.params.id, req.body), REF));
    },
  );

  app.patch(
    '/api/guidance-sessions/:id',
    {
      config: { access: GUARDIANSHIP_ACCESS },
      schema: {
        operationId: 'updateGuidanceSession',
        tags,
        summary: '修改一次指导（版本号校验）',
        params: IdParam,
        body: GuidanceUpdate,
        response: { 200: GuidanceSession, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.updateSession(tx, ctx, req.params.id, req.body), REF);
    },
  );

  app.post(
    '/api/guidance-sessions/:id/attendance',
    {
      config: { access: GUARDIANSHIP_ACCESS },
      schema: {
        operationId: 'recordGuidanceAttendance',
        tags,
        summary: '记录出勤：参加，或缺席（须填写原因）',
        params: IdParam,
        body: GuidanceAttendanceBody,
        response: { 200: GuidanceSession, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.recordAttendance(tx, ctx, req.params.id, req.body), REF);
    },
  );

  app.delete(
    '/api/guidance-sessions/:id',
    {
      config: { access: GUARDIANSHIP_ACCESS },
      schema: {
        operationId: 'deleteGuidanceSession',
        tags,
        summary: '删除尚未记录出勤的计划指导',
        params: IdParam,
        querystring: VersionQuery,
        response: { 204: z.null().describe('已删除'), ...errs },
      },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      await inScope(deps.db, ctx, (tx) => commands.deleteSession(tx, ctx, req.params.id, req.query.version), REF);
      return reply.code(204).send(null);
    },
  );
}
