/**
 * 全员导师制: growth mentors (teachers, volunteers) and peer buddies (students), each child
 * assigned one of each; coverage by street and the children still without one.
 *
 * The mentors table holds people, not children's data, so it has no row-level security: a street
 * user works with the mentors of their street and the district-wide ones (street_code null).
 */
import { IdParam } from '#common/api.js';
import {
  AssignBuddy, AssignMentor, ChildIdParam, ChildMentors, Coverage, CoverageQuery, GapList, GapQuery, Mentor, MentorCreate, MentorList, MentorQuery,
  MentorUpdate, type MentorKind,
} from '#common/casework.js';
import { maskPhone } from '#common/mask.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { inScope, type Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { errs } from './shared.js';

const tags = ['全员导师制 mentors'];
const KIND_ZH: Record<MentorKind, string> = { mentor: '成长导师', buddy: '互助伙伴' };

interface MentorRow {
  id: string; kind: MentorKind; name: string; organisation: string; phone_enc: string | null; street_code: string | null; street_name: string | null;
  active: boolean; child_count: number;
}
const SELECT = `select m.id, m.kind, m.name, m.organisation, m.phone_enc, m.street_code, s.name as street_name, m.active,
  (select count(*)::int from children c where (c.mentor_id = m.id or c.buddy_id = m.id) and c.status = 'active') as child_count
  from mentors m left join streets s on s.code = m.street_code`;

/** The streets whose mentors the caller works with; null means all (district scope). */
function streetsOf(tx: Tx): string[] | null {
  const scope = tx.ctx.actor!.scope;
  return scope.kind === 'district' ? null : scope.streets;
}

export function mentorRoutes(app: ZApp, deps: AppDeps): void {
  const present = (r: MentorRow): Mentor => ({
    id: r.id, kind: r.kind, name: r.name, organisation: r.organisation,
    phoneMasked: maskPhone(deps.crypto.decryptOrNull(r.phone_enc, 'mentors.phone')), streetCode: r.street_code, streetName: r.street_name,
    active: r.active, childCount: r.child_count,
  });
  const load = async (tx: Tx, id: string, lock = false): Promise<MentorRow> => {
    const row = (await tx.client.query<MentorRow>(`${SELECT} where m.id = $1 ${lock ? 'for update of m' : ''}`, [id])).rows[0];
    if (!row) throw errors.notFound('未找到该导师或伙伴');
    return row;
  };
  /** A street the caller may attach a mentor to (their own; any for district staff). */
  const checkStreet = async (tx: Tx, street: string | null | undefined): Promise<string | null> => {
    const mine = streetsOf(tx);
    if (!street) {
      if (mine && mine.length) return mine.length === 1 ? mine[0]! : null;
      return null;
    }
    if (!(await tx.client.query('select 1 from streets where code = $1', [street])).rowCount) throw errors.validation([{ path: 'streetCode', message: '街道不存在' }]);
    if (mine && !mine.includes(street)) throw errors.validation([{ path: 'streetCode', message: '只能选择您所辖的街道' }]);
    return street;
  };
  const checkEditable = (tx: Tx, row: MentorRow) => {
    const mine = streetsOf(tx);
    if (mine && !(row.street_code && mine.includes(row.street_code))) throw errors.forbidden('该导师或伙伴由其他街道或区民政局管理，您不能修改');
  };
  const phoneOf = (phone: string | null | undefined) => (phone ? deps.crypto.encrypt(phone, 'mentors.phone') : null);

  app.get('/api/mentors', {
    config: { access: can('mentors.manage') },
    schema: { tags, summary: '成长导师与互助伙伴名单（电话脱敏）', querystring: MentorQuery, response: { 200: MentorList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { page, pageSize, kind, q, street, includeInactive } = req.query;
    const args: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, v: unknown) => { args.push(v); where.push(sql.replaceAll('?', `$${args.length}`)); };
    const mine = streetsOf(tx);
    if (mine) add('(m.street_code is null or m.street_code = any(?::text[]))', mine);
    if (kind) add('m.kind = ?', kind);
    if (q) add('(m.name like ? or m.organisation like ?)', `%${q}%`);
    if (street) add('m.street_code = ?', street);
    if (includeInactive !== 'true') where.push('m.active');
    const w = where.length ? `where ${where.join(' and ')}` : '';
    const total = (await tx.client.query<{ n: number }>(`select count(*)::int as n from mentors m ${w}`, args)).rows[0]!.n;
    const { rows } = await tx.client.query<MentorRow>(
      `${SELECT} ${w} order by m.kind, (m.street_code is null), m.street_code, m.organisation, m.name limit $${args.length + 1} offset $${args.length + 2}`,
      [...args, pageSize, (page - 1) * pageSize]);
    return { items: rows.map(present), total, page, pageSize };
  }));

  app.post('/api/mentors', {
    config: { access: can('mentors.manage') },
    schema: { tags, summary: '新增成长导师或互助伙伴', body: MentorCreate, response: { 201: Mentor, ...errs } },
  }, async (req, reply) => {
    const b = req.body;
    const created = await inScope(deps.db, req.ctx, async (tx) => {
      const street = await checkStreet(tx, b.streetCode);
      const { rows } = await tx.client.query<{ id: string }>(
        `insert into mentors (kind, name, organisation, phone_enc, street_code) values ($1, $2, $3, $4, $5) returning id`,
        [b.kind, b.name, b.organisation, phoneOf(b.phone), street]);
      const id = rows[0]!.id;
      await tx.audit({ action: 'mentor.create', entity: 'mentor', entityId: id, summary: { kind: b.kind, organisation: b.organisation, streetCode: street } });
      return present(await load(tx, id));
    });
    return reply.code(201).send(created);
  });

  app.patch('/api/mentors/:id', {
    config: { access: can('mentors.manage') },
    schema: { tags, summary: '修改导师或伙伴（停用后不能再分配）', params: IdParam, body: MentorUpdate, response: { 200: Mentor, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const b = req.body;
    const old = await load(tx, req.params.id, true);
    checkEditable(tx, old);
    const street = b.streetCode === undefined ? old.street_code : await checkStreet(tx, b.streetCode);
    const phone = b.phone === undefined ? old.phone_enc : phoneOf(b.phone);
    await tx.client.query(
      `update mentors set name = coalesce($2, name), organisation = coalesce($3, organisation), phone_enc = $4, street_code = $5, active = coalesce($6, active) where id = $1`,
      [old.id, b.name ?? null, b.organisation ?? null, phone, street, b.active ?? null]);
    const summary: Record<string, unknown> = {};
    if (b.name !== undefined && b.name !== old.name) summary.name = 'changed';
    if (b.organisation !== undefined && b.organisation !== old.organisation) summary.organisation = { from: old.organisation, to: b.organisation };
    if (b.phone !== undefined) summary.phone = 'changed';
    if (street !== old.street_code) summary.streetCode = { from: old.street_code, to: street };
    if (b.active !== undefined && b.active !== old.active) summary.active = { from: old.active, to: b.active };
    await tx.audit({ action: 'mentor.update', entity: 'mentor', entityId: old.id, summary });
    return present(await load(tx, old.id));
  }));

  const childMentors = async (tx: Tx, childId: string) => {
    const c = (await tx.client.query<{ mentor_id: string | null; buddy_id: string | null }>('select mentor_id, buddy_id from children where id = $1', [childId])).rows[0];
    if (!c) throw errors.notFound('未找到该儿童档案，或不在您的辖区内');
    return {
      mentor: c.mentor_id ? present(await load(tx, c.mentor_id)) : null,
      buddy: c.buddy_id ? present(await load(tx, c.buddy_id)) : null,
    };
  };

  app.get('/api/children/:id/mentor', {
    config: { access: can('children.read') },
    schema: { tags, summary: '某儿童的成长导师与互助伙伴', params: ChildIdParam, response: { 200: ChildMentors, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, (tx) => childMentors(tx, req.params.id)));

  const assign = async (tx: Tx, childId: string, kind: MentorKind, personId: string | null) => {
    const col = kind === 'mentor' ? 'mentor_id' : 'buddy_id';
    const child = (await tx.client.query<{ id: string; street_code: string; current: string | null; current_name: string | null }>(
      `select c.id, c.street_code, c.${col} as current, m.name as current_name from children c left join mentors m on m.id = c.${col}
       where c.id = $1 for update of c`, [childId])).rows[0];
    if (!child) throw errors.notFound('未找到该儿童档案，或不在您的辖区内');
    const field = kind === 'mentor' ? 'mentorId' : 'buddyId';
    let next: MentorRow | null = null;
    if (personId) {
      next = (await tx.client.query<MentorRow>(`${SELECT} where m.id = $1`, [personId])).rows[0] ?? null;
      if (!next || next.kind !== kind) throw errors.validation([{ path: field, message: `请选择一位${KIND_ZH[kind]}` }]);
      if (!next.active) throw errors.validation([{ path: field, message: `该${KIND_ZH[kind]}已停用，请选择其他人` }]);
      if (next.street_code && next.street_code !== child.street_code) {
        throw errors.validation([{ path: field, message: `该${KIND_ZH[kind]}属于其他街道，请选择本街道或全区的${KIND_ZH[kind]}` }]);
      }
    }
    if ((next?.id ?? null) === child.current) return childMentors(tx, childId);
    await tx.client.query(`update children set ${col} = $2, version = version + 1, updated_at = now() where id = $1`, [child.id, next?.id ?? null]);
    const actor = tx.ctx.actor!;
    await tx.client.query(
      `insert into child_history (child_id, user_id, username, action, field, old_value, new_value) values ($1, $2, $3, $4, $5, $6, $7)`,
      [child.id, actor.userId, actor.username, `${kind}.assign`, kind, child.current_name, next?.name ?? null]);
    await tx.audit({ action: `${kind}.assign`, entity: 'child', entityId: child.id, summary: { from: child.current, to: next?.id ?? null } });
    return childMentors(tx, childId);
  };

  app.put('/api/children/:id/mentor', {
    config: { access: can('mentors.manage') },
    schema: { tags, summary: '为儿童分配（或取消）成长导师', params: ChildIdParam, body: AssignMentor, response: { 200: ChildMentors, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, (tx) => assign(tx, req.params.id, 'mentor', req.body.mentorId)));

  app.put('/api/children/:id/buddy', {
    config: { access: can('mentors.manage') },
    schema: { tags, summary: '为儿童分配（或取消）互助伙伴', params: ChildIdParam, body: AssignBuddy, response: { 200: ChildMentors, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, (tx) => assign(tx, req.params.id, 'buddy', req.body.buddyId)));

  app.get('/api/mentors/coverage', {
    config: { access: can('children.read') },
    schema: { tags, summary: '各街道在册儿童的导师、伙伴覆盖情况', querystring: CoverageQuery, response: { 200: Coverage, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const args: unknown[] = [];
    let filter = '';
    if (req.query.street) { args.push(req.query.street); filter = `and c.street_code = $1`; }
    const { rows } = await tx.client.query<{ street_code: string; street_name: string; children: number; with_mentor: number; with_buddy: number; with_both: number }>(
      `select c.street_code, s.name as street_name, count(*)::int as children,
              count(c.mentor_id)::int as with_mentor, count(c.buddy_id)::int as with_buddy,
              count(*) filter (where c.mentor_id is not null and c.buddy_id is not null)::int as with_both
       from children c join streets s on s.code = c.street_code
       where c.status = 'active' ${filter}
       group by c.street_code, s.name, s.sort order by s.sort, c.street_code`, args);
    const items = rows.map((r) => ({ streetCode: r.street_code, streetName: r.street_name, children: r.children, withMentor: r.with_mentor, withBuddy: r.with_buddy, withBoth: r.with_both }));
    const total = items.reduce((t, r) => ({ children: t.children + r.children, withMentor: t.withMentor + r.withMentor, withBuddy: t.withBuddy + r.withBuddy, withBoth: t.withBoth + r.withBoth }),
      { children: 0, withMentor: 0, withBuddy: 0, withBoth: 0 });
    return { items, total };
  }));

  app.get('/api/mentors/gaps', {
    config: { access: can('children.read') },
    schema: { tags, summary: '尚无成长导师（或互助伙伴）的在册儿童', querystring: GapQuery, response: { 200: GapList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { page, pageSize, kind, street, committee } = req.query;
    const args: unknown[] = [];
    const where = [`c.status = 'active'`, kind === 'mentor' ? 'c.mentor_id is null' : 'c.buddy_id is null'];
    if (street) { args.push(street); where.push(`c.street_code = $${args.length}`); }
    if (committee) { args.push(committee); where.push(`c.committee_id = $${args.length}`); }
    const w = `where ${where.join(' and ')}`;
    const total = (await tx.client.query<{ n: number }>(`select count(*)::int as n from children c ${w}`, args)).rows[0]!.n;
    const { rows } = await tx.client.query<{
      id: string; name: string; sex: 'M' | 'F'; birth_date: string; street_code: string; street_name: string; committee_name: string;
      risk_level: 'high' | 'medium' | 'low'; mentor_id: string | null; buddy_id: string | null;
    }>(
      `select c.id, c.name, c.sex, c.birth_date, c.street_code, s.name as street_name, m.name as committee_name, c.risk_level, c.mentor_id, c.buddy_id
       from children c join streets s on s.code = c.street_code join committees m on m.id = c.committee_id ${w}
       order by case c.risk_level when 'high' then 0 when 'medium' then 1 else 2 end, s.sort, m.code, c.name
       limit $${args.length + 1} offset $${args.length + 2}`, [...args, pageSize, (page - 1) * pageSize]);
    return {
      items: rows.map((r) => ({
        id: r.id, name: r.name, sex: r.sex, birthDate: r.birth_date, streetCode: r.street_code, streetName: r.street_name, committeeName: r.committee_name,
        riskLevel: r.risk_level, hasMentor: !!r.mentor_id, hasBuddy: !!r.buddy_id,
      })),
      total, page, pageSize,
    };
  }));
}
