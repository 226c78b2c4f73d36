/**
 * 寒暑假日历与假期安排 (plan task 1): the school holiday calendar (services.manage edits it; the
 * shipped dates are placeholders until someone does) and one holiday plan per child and holiday
 * (services.book writes, services.read reads, row-level security by the child's area). The route
 * table only.
 */
import { ErrorBody, IdParam } from '#common/api.js';
import {
  ChildHolidayParams,
  ChildHolidayPlans,
  HolidayParams,
  HolidayPlan,
  HolidayWrite,
  MissingPlans,
  MissingQuery,
  PlanWrite,
  SchoolHoliday,
  SchoolHolidayList,
} from '#common/holidays.js';
import { shanghaiDate } from '#common/dates.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { inScope, signedIn } from '../../core/context.js';
import { can } from '../../http/access.js';
import * as commands from './commands.js';
import * as queries from './queries.js';
import './indicators.js';

const tags = ['寒暑假与假期安排 holidays'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function holidayRoutes(app: ZApp, deps: AppDeps): void {
  const today = () => shanghaiDate(deps.clock());

  app.get(
    '/api/school-holidays',
    {
      config: { access: can('services.read') },
      schema: {
        operationId: 'listSchoolHolidays',
        tags,
        summary: '寒暑假日历（示例日期标注为“示例”，以区教育局校历为准）',
        response: { 200: SchoolHolidayList, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.listHolidays(tx, ctx, today()));
    },
  );

  app.put(
    '/api/school-holidays/:year/:season',
    {
      config: { access: can('services.manage') },
      schema: {
        operationId: 'saveSchoolHoliday',
        tags,
        summary: '登记或修改一个寒假/暑假的日期（保存后不再是示例日期；版本号校验）',
        params: HolidayParams,
        body: HolidayWrite,
        response: { 200: SchoolHoliday, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.saveHoliday(tx, ctx, req.params.year, req.params.season, req.body));
    },
  );

  app.get(
    '/api/children/:id/holiday-plans',
    {
      config: { access: can('services.read') },
      schema: {
        operationId: 'childHolidayPlans',
        tags,
        summary: '儿童的假期安排：本次或下一个假期（可能尚未填写）及以往假期，附假期内的服务预约',
        params: IdParam,
        response: { 200: ChildHolidayPlans, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.childPlans(tx, ctx, req.params.id, today()));
    },
  );

  app.put(
    '/api/children/:id/holiday-plans/:year/:season',
    {
      config: { access: can('services.book') },
      schema: {
        operationId: 'writeHolidayPlan',
        tags,
        summary: '填写或修改儿童某个假期的安排（每个假期一份；修改时校验版本号）',
        params: ChildHolidayParams,
        body: PlanWrite,
        response: { 200: HolidayPlan, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => commands.writePlan(tx, ctx, req.params.id, req.params.year, req.params.season, req.body));
    },
  );

  app.get(
    '/api/holiday-plans/missing',
    {
      config: { access: can('services.book') },
      schema: {
        operationId: 'missingHolidayPlans',
        tags,
        summary: '待填写假期安排：本辖区在册儿童中尚无本次或下一个假期安排的名单',
        querystring: MissingQuery,
        response: { 200: MissingPlans, ...errs },
      },
    },
    async (req) => {
      const ctx = signedIn(req.ctx);
      return inScope(deps.db, ctx, (tx) => queries.missingPlans(tx, req.query, today()));
    },
  );
}
