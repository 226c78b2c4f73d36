/**
 * 全员导师制: growth mentors (teachers, volunteers) and peer buddies (students), each child
 * assigned one of each; coverage by street and the children still without one.
 */
import { IdParam } from '#common/api.js';
import {
  AssignBuddy,
  AssignMentor,
  ChildIdParam,
  ChildMentors,
  Coverage,
  CoverageQuery,
  GapList,
  GapQuery,
  Mentor,
  MentorCreate,
  MentorList,
  MentorQuery,
  MentorUpdate,
} from '#common/casework.js';
import { inScope, signedIn } from '../../../core/context.js';
import type { AppDeps, ZApp } from '../../../core/deps.js';
import { can } from '../../../http/access.js';
import * as mentors from '../commands/mentors.js';
import * as queries from '../queries.js';
import { errs } from './common.js';

const tags = ['全员导师制 mentors'];

export function mentorRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/mentors',
    {
      config: { access: can('mentors.manage') },
      schema: {
        operationId: 'listMentors',
        tags,
        summary: '成长导师与互助伙伴名单（电话脱敏）',
        querystring: MentorQuery,
        response: { 200: MentorList, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.listMentors(tx, signedIn(req.ctx), req.query, deps.crypto)),
  );

  app.post(
    '/api/mentors',
    {
      config: { access: can('mentors.manage') },
      schema: { operationId: 'createMentor', tags, summary: '新增成长导师或互助伙伴', body: MentorCreate, response: { 201: Mentor, ...errs } },
    },
    async (req, reply) => reply.code(201).send(await inScope(deps.db, req.ctx, (tx) => mentors.create(tx, signedIn(req.ctx), req.body, deps.crypto))),
  );

  app.patch(
    '/api/mentors/:id',
    {
      config: { access: can('mentors.manage') },
      schema: {
        operationId: 'updateMentor',
        tags,
        summary: '修改导师或伙伴（停用后不能再分配）',
        params: IdParam,
        body: MentorUpdate,
        response: { 200: Mentor, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => mentors.update(tx, signedIn(req.ctx), req.params.id, req.body, deps.crypto)),
  );

  app.get(
    '/api/children/:id/mentor',
    {
      config: { access: can('children.read') },
      schema: { operationId: 'getChildMentors', tags, summary: '某儿童的成长导师与互助伙伴', params: ChildIdParam, response: { 200: ChildMentors, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.childMentors(tx, req.params.id, deps.crypto)),
  );

  app.put(
    '/api/children/:id/mentor',
    {
      config: { access: can('mentors.manage') },
      schema: {
        operationId: 'assignChildMentor',
        tags,
        summary: '为儿童分配（或取消）成长导师',
        params: ChildIdParam,
        body: AssignMentor,
        response: { 200: ChildMentors, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => mentors.assign(tx, signedIn(req.ctx), req.params.id, 'mentor', req.body.mentorId, deps.crypto)),
  );

  app.put(
    '/api/children/:id/buddy',
    {
      config: { access: can('mentors.manage') },
      schema: {
        operationId: 'assignChildBuddy',
        tags,
        summary: '为儿童分配（或取消）互助伙伴',
        params: ChildIdParam,
        body: AssignBuddy,
        response: { 200: ChildMentors, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => mentors.assign(tx, signedIn(req.ctx), req.params.id, 'buddy', req.body.buddyId, deps.crypto)),
  );

  app.get(
    '/api/mentors/coverage',
    {
      config: { access: can('children.read') },
      schema: {
        operationId: 'getMentorCoverage',
        tags,
        summary: '各街道在册儿童的导师、伙伴覆盖情况',
        querystring: CoverageQuery,
        response: { 200: Coverage, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.coverage(tx, req.query)),
  );

  app.get(
    '/api/mentors/gaps',
    {
      config: { access: can('children.read') },
      schema: {
        operationId: 'listMentorGaps',
        tags,
        summary: '尚无成长导师（或互助伙伴）的在册儿童',
        querystring: GapQuery,
        response: { 200: GapList, ...errs },
      },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => queries.gaps(tx, req.query)),
  );
}
