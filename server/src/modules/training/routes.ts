/**
 * 培训与考核 (plan tasks 37-39): training sessions and attendance, each person's archive, the yearly
 * coverage, exams, the yearly evaluation of directors and rewards. The route table only. Reading
 * needs workforce.read; writing workforce.manage (a street: its people, its sessions) — the
 * district's trainers hold workforce.configure as well.
 */
import { ErrorBody, IdParam } from '#common/api.js';
import {
  AttendanceBulk,
  AttendanceList,
  Coverage,
  CoverageQuery,
  Evaluation,
  EvaluationList,
  EvaluationMetrics,
  EvaluationQuery,
  EvaluationSave,
  ExamCreate,
  ExamOut,
  ExamResultBody,
  MetricsQuery,
  PersonArchive,
  Reward,
  RewardCreate,
  Session,
  SessionCreate,
  SessionList,
  SessionQuery,
  SessionUpdate,
  StaffIdParam,
  StaffOptionList,
  StaffOptionQuery,
} from '#common/training.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope, signedIn } from '../../core/context.js';
import { can } from '../../http/access.js';
import * as commands from './commands.js';
import * as queries from './queries.js';
import './indicators.js';

const tags = ['培训与考核 training'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const READ = { access: can('workforce.read') };
const MANAGE = { access: can('workforce.manage') };

export function trainingRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/training/sessions',
    {
      config: READ,
      schema: {
        operationId: 'listTrainingSessions',
        tags,
        summary: '培训场次：按年度、类型筛选，分页',
        querystring: SessionQuery,
        response: { 200: SessionList, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.sessions(tx, ctx, req.query));
    },
  );

  app.get(
    '/api/training/sessions/:id',
    { config: READ, schema: { operationId: 'getTrainingSession', tags, summary: '一场培训', params: IdParam, response: { 200: Session, ...errs } } },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.session(tx, ctx, req.params.id));
    },
  );

  app.post(
    '/api/training/sessions',
    {
      config: MANAGE,
      schema: { operationId: 'createTrainingSession', tags, summary: '登记培训（组织单位为本单位）', body: SessionCreate, response: { 201: Session, ...errs } },
    },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.createSession(tx, ctx, req.body)));
    },
  );

  app.put(
    '/api/training/sessions/:id',
    {
      config: MANAGE,
      schema: {
        operationId: 'updateTrainingSession',
        tags,
        summary: '修改本单位组织的培训（版本号校验）',
        params: IdParam,
        body: SessionUpdate,
        response: { 200: Session, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.updateSession(tx, ctx, req.params.id, req.body));
    },
  );

  app.get(
    '/api/training/sessions/:id/attendance',
    {
      config: READ,
      schema: {
        operationId: 'listTrainingAttendance',
        tags,
        summary: '一场培训的出勤（仅本辖区人员）',
        params: IdParam,
        response: { 200: AttendanceList, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.attendance(tx, req.params.id)),
  );

  app.put(
    '/api/training/sessions/:id/attendance',
    {
      config: MANAGE,
      schema: {
        operationId: 'recordTrainingAttendance',
        tags,
        summary: '批量记录本辖区人员的出勤和学时',
        params: IdParam,
        body: AttendanceBulk,
        response: { 200: AttendanceList, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.recordAttendance(tx, ctx, req.params.id, req.body, deps.clock()));
    },
  );

  app.get(
    '/api/training/people',
    {
      config: READ,
      schema: {
        operationId: 'listTrainingPeople',
        tags,
        summary: '本辖区在岗人员（选择出勤人员用）',
        querystring: StaffOptionQuery,
        response: { 200: StaffOptionList, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.staffOptions(tx, req.query)),
  );

  app.get(
    '/api/training/people/:staffId/archive',
    {
      config: READ,
      schema: {
        operationId: 'getTrainingArchive',
        tags,
        summary: '个人培训档案：培训、各年学时、考试、评价、奖励',
        params: StaffIdParam,
        response: { 200: PersonArchive, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.archive(tx, req.params.staffId)),
  );

  app.get(
    '/api/training/coverage',
    {
      config: READ,
      schema: {
        operationId: 'getTrainingCoverage',
        tags,
        summary: '本年度全员培训覆盖情况与未培训人员名单',
        querystring: CoverageQuery,
        response: { 200: Coverage, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.coverage(tx, req.query, deps.clock())),
  );

  app.post(
    '/api/training/exams',
    { config: MANAGE, schema: { operationId: 'registerExam', tags, summary: '考试报名', body: ExamCreate, response: { 201: ExamOut, ...errs } } },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.registerExam(tx, ctx, req.body)));
    },
  );

  app.put(
    '/api/training/exams/:id/result',
    {
      config: MANAGE,
      schema: {
        operationId: 'recordExamResult',
        tags,
        summary: '登记考试结果（通过则同时提升证书等级，只升不降）',
        params: IdParam,
        body: ExamResultBody,
        response: { 200: ExamOut, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.recordExamResult(tx, ctx, req.params.id, req.body));
    },
  );

  app.get(
    '/api/training/evaluations',
    {
      config: READ,
      schema: {
        operationId: 'listEvaluations',
        tags,
        summary: '某年度儿童主任考核评价',
        querystring: EvaluationQuery,
        response: { 200: EvaluationList, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.evaluations(tx, req.query)),
  );

  app.get(
    '/api/training/evaluations/metrics',
    {
      config: READ,
      schema: {
        operationId: 'evaluationMetrics',
        tags,
        summary: '平台计算的考核指标（当前数值）',
        querystring: MetricsQuery,
        response: { 200: EvaluationMetrics, ...errs },
      },
    },
    async (req) => inScope(deps.db, signedIn(req.ctx), (tx) => queries.metrics(tx, req.query.staffId, req.query.year, deps.clock())),
  );

  app.post(
    '/api/training/evaluations',
    {
      config: MANAGE,
      schema: {
        operationId: 'saveEvaluation',
        tags,
        summary: '保存或完成年度考核评价（指标随评价一并保存；不能评价自己）',
        body: EvaluationSave,
        response: { 200: Evaluation, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.saveEvaluation(tx, ctx, req.body, deps.clock()));
    },
  );

  app.post(
    '/api/training/rewards',
    { config: MANAGE, schema: { operationId: 'createReward', tags, summary: '登记奖励', body: RewardCreate, response: { 201: Reward, ...errs } } },
    async (req, reply) => {
      const ctx = signedIn(req.ctx);
      return reply.code(201).send(await inScope(deps.db, ctx, (tx) => commands.createReward(tx, ctx, req.body)));
    },
  );
}
