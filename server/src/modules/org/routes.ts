/** /api/org: streets, residential committees (add, rename, merge) and units. */
import { and, asc, eq, ne, or } from 'drizzle-orm';
import { z } from 'zod';
import {
  CodeParam, CommitteeCreate, CommitteeList, CommitteeMerge, CommitteeQuery, CommitteeRename, Committee, ErrorBody, IdParam, StreetList,
  Unit, UnitCreate, UnitList, UnitUpdate,
} from '#common/api.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { streets, units } from '../../db/schema.js';
import { inScope } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { committeeCode } from './committeeCode.js';
import { mergeCommittees } from './committeeMerger.js';

const tags = ['组织 org'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

interface CommitteeRow { id: string; code: string; name: string; street_code: string; active: boolean; merged_into: string | null }
const presentCommittee = (r: CommitteeRow): z.infer<typeof Committee> => ({
  id: r.id, code: r.code, name: r.name, streetCode: r.street_code, active: r.active, mergedInto: r.merged_into,
});
const presentUnitRecord = (r: typeof units.$inferSelect): z.infer<typeof Unit> => ({
  code: r.code, name: r.name, nameEn: r.nameEn, kind: r.kind, streetCode: r.streetCode, active: r.active,
});

export function orgRoutes(app: ZApp, deps: AppDeps): void {
  app.get('/api/org/streets', {
    config: { access: can('org.read') },
    schema: { tags, summary: '杨浦区的街道', response: { 200: StreetList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { rows } = await tx.client.query<{ code: string; name: string; name_en: string; n: number }>(
      `select s.code, s.name, s.name_en, (select count(*) from committees c where c.street_code = s.code and c.active)::int as n
       from streets s order by s.sort, s.code`);
    return { items: rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, committeeCount: r.n })) };
  }));

  app.get('/api/org/committees', {
    config: { access: can('org.read') },
    schema: { tags, summary: '居民区（居委会）列表', querystring: CommitteeQuery, response: { 200: CommitteeList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { page, pageSize, street, q, includeInactive } = req.query;
    const where: string[] = [];
    const args: unknown[] = [];
    if (street) { args.push(street); where.push(`street_code = $${args.length}`); }
    if (q) { args.push(`%${q}%`); where.push(`name like $${args.length}`); }
    if (includeInactive !== 'true') where.push('active');
    const w = where.length ? `where ${where.join(' and ')}` : '';
    const total = (await tx.client.query<{ n: number }>(`select count(*)::int as n from committees ${w}`, args)).rows[0]!.n;
    const { rows } = await tx.client.query<CommitteeRow>(
      `select id, code, name, street_code, active, merged_into from committees ${w} order by street_code, code
       limit $${args.length + 1} offset $${args.length + 2}`, [...args, pageSize, (page - 1) * pageSize]);
    return { items: rows.map(presentCommittee), total, page, pageSize };
  }));

  app.post('/api/org/committees', {
    config: { access: can('admin.areas.write') },
    schema: { tags, summary: '新增居民区', body: CommitteeCreate, response: { 201: Committee, ...errs } },
  }, async (req, reply) => {
    const created = await inScope(deps.db, req.ctx, async (tx) => {
      const street = await tx.client.query('select 1 from streets where code = $1', [req.body.streetCode]);
      if (!street.rowCount) throw errors.validation([{ path: 'streetCode', message: '街道不存在' }]);
      const dup = await tx.client.query('select 1 from committees where street_code = $1 and name = $2', [req.body.streetCode, req.body.name]);
      if (dup.rowCount) throw errors.conflict('本街道已有同名居民区', [{ path: 'name', message: '本街道已有同名居民区' }]);
      const code = await committeeCode(tx.client, req.body.streetCode);
      const { rows } = await tx.client.query<CommitteeRow>(
        `insert into committees (code, street_code, name) values ($1, $2, $3) returning id, code, name, street_code, active, merged_into`,
        [code, req.body.streetCode, req.body.name]);
      await tx.audit({ action: 'org.committee.create', entity: 'committee', entityId: rows[0]!.id, summary: { streetCode: req.body.streetCode, name: req.body.name } });
      return presentCommittee(rows[0]!);
    });
    return reply.code(201).send(created);
  });

  app.patch('/api/org/committees/:id', {
    config: { access: can('admin.areas.write') },
    schema: { tags, summary: '居民区更名', params: IdParam, body: CommitteeRename, response: { 200: Committee, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const old = (await tx.client.query<CommitteeRow>('select id, code, name, street_code, active, merged_into from committees where id = $1 for update', [req.params.id])).rows[0];
    if (!old) throw errors.notFound('未找到该居民区');
    const dup = await tx.client.query('select 1 from committees where street_code = $1 and name = $2 and id <> $3', [old.street_code, req.body.name, old.id]);
    if (dup.rowCount) throw errors.conflict('本街道已有同名居民区', [{ path: 'name', message: '本街道已有同名居民区' }]);
    const { rows } = await tx.client.query<CommitteeRow>(
      `update committees set name = $2, updated_at = now() where id = $1 returning id, code, name, street_code, active, merged_into`, [old.id, req.body.name]);
    await tx.audit({ action: 'org.committee.rename', entity: 'committee', entityId: old.id, summary: { name: { from: old.name, to: req.body.name } } });
    return presentCommittee(rows[0]!);
  }));

  app.post('/api/org/committees/:id/merge', {
    config: { access: can('admin.areas.write') },
    schema: {
      tags, summary: '将居民区并入同街道的另一居民区（儿童档案与儿童主任随之转入）', params: IdParam, body: CommitteeMerge,
      response: { 200: z.object({ from: Committee, into: Committee, movedChildren: z.number(), movedDirectors: z.number() }), ...errs },
    },
  }, async (req) => {
    // Moving children across committees must not be limited by the administrator's own area scope.
    const result = await mergeCommittees(deps, req.ctx, req.params.id, req.body.intoId);
    return { from: presentCommittee(result.from), into: presentCommittee(result.into), movedChildren: result.movedChildren, movedDirectors: result.movedDirectors };
  });

  app.get('/api/org/units', {
    config: { access: can('org.read') },
    schema: { tags, summary: '责任单位（区职能部门、街道办事处等）', response: { 200: UnitList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const rows = await tx.db.select().from(units).orderBy(asc(units.sort), asc(units.code));
    return { items: rows.map(presentUnitRecord) };
  }));

  app.post('/api/org/units', {
    config: { access: can('admin.units.write') },
    schema: { tags, summary: '新增单位', body: UnitCreate, response: { 201: Unit, ...errs } },
  }, async (req, reply) => {
    const b = req.body;
    if ((b.kind === 'street') !== !!b.streetCode) {
      throw errors.validation([{ path: 'streetCode', message: b.kind === 'street' ? '街道办事处须选择所属街道' : '只有街道办事处可以关联街道' }]);
    }
    const unit = await inScope(deps.db, req.ctx, async (tx) => {
      const dup = await tx.db.select({ code: units.code }).from(units).where(or(eq(units.code, b.code), eq(units.name, b.name)));
      if (dup.length) throw errors.conflict('单位代码或名称已存在', [{ path: 'code', message: '单位代码或名称已存在' }]);
      if (b.streetCode && !(await tx.db.select({ code: streets.code }).from(streets).where(eq(streets.code, b.streetCode))).length) {
        throw errors.validation([{ path: 'streetCode', message: '街道不存在' }]);
      }
      const [row] = await tx.db.insert(units)
        .values({ code: b.code, name: b.name, nameEn: b.nameEn, kind: b.kind, streetCode: b.streetCode, active: true, sort: 1000 })
        .returning();
      await tx.audit({ action: 'org.unit.create', entity: 'unit', entityId: b.code, summary: { name: b.name, kind: b.kind } });
      return presentUnitRecord(row!);
    });
    return reply.code(201).send(unit);
  });

  app.patch('/api/org/units/:code', {
    config: { access: can('admin.units.write') },
    schema: { tags, summary: '修改单位名称或停用', params: CodeParam, body: UnitUpdate, response: { 200: Unit, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const [old] = await tx.db.select().from(units).where(eq(units.code, req.params.code)).for('update');
    if (!old) throw errors.notFound('未找到该单位');
    const b = req.body;
    if (b.name && b.name !== old.name) {
      const dup = await tx.db.select({ code: units.code }).from(units).where(and(eq(units.name, b.name), ne(units.code, old.code)));
      if (dup.length) throw errors.conflict('单位名称已存在', [{ path: 'name', message: '单位名称已存在' }]);
    }
    const [next] = await tx.db.update(units)
      .set({ name: b.name ?? old.name, nameEn: b.nameEn ?? old.nameEn, active: b.active ?? old.active })
      .where(eq(units.code, old.code)).returning();
    await tx.audit({ action: 'org.unit.update', entity: 'unit', entityId: old.code, summary: diff(presentUnitRecord(old), presentUnitRecord(next!)) });
    return presentUnitRecord(next!);
  }));
}

/** The fields that changed, as { field: { from, to } }, for the audit log and history views. */
export function diff<T extends Record<string, unknown>>(before: T, after: T): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of Object.keys(after)) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = { from: before[k], to: after[k] };
  }
  return out;
}
