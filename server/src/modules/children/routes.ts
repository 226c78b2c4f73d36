/**
 * /api/children: the child file (一人一档). Rows are filtered by PostgreSQL RLS under the caller's
 * scope; a file outside it is "not found". Writes go through childWriter / familyWriter /
 * lifecycle, which keep history, versions and derived state.
 */
import { z } from 'zod';
import { ErrorBody, IdParam, PageQuery } from '#common/api.js';
import {
  BenefitInput, CategoryInput, ChildCreate, ContactReveal, FamilyContacts, ChildFile, ChildPage, ChildQueryString, ChildSearch, ChildUpdate, CloseInput, CreatedChild, DuplicateCheck,
  DuplicateResult, HistoryPage, MemberInput, ReopenInput, SavedFilter, SavedFilterCreate, TransferInput, UnmaskFields, UnmaskedValues, ChildFilters,
} from '#common/children.js';
import { validateIdNumber } from '#common/idNumber.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { inScope, type RequestCtx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { BIDX, createChild, registeredElsewhere, similarWarnings, updateChild } from './childWriter.js';
import { addBenefit, addCategory, addMember, endCategory, removeBenefit, removeMember, updateMember } from './familyWriter.js';
import { closeFile, reopenFile, transferFile } from './lifecycle.js';
import { listChildren, loadChildFile } from './query.js';
import { evaluateChildFile, packFor, storeResults, todayShanghai } from '../eligibility/service.js';

const tags = ['儿童档案 children'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const MemberParams = z.object({ id: z.string().uuid('编号格式不正确'), memberId: z.string().uuid('编号格式不正确') });
const Created = z.object({ id: z.string() });
const Version = z.object({ version: z.number() });

export function childrenRoutes(app: ZApp, deps: AppDeps): void {
  const fileOf = async (ctx: RequestCtx, id: string) => {
    const file = await inScope(deps.db, ctx, (tx) => loadChildFile(tx, deps, id));
    if (!file) throw errors.notFound('未找到该档案，或不在您的辖区内');
    return file;
  };
  /**
   * 免申即享: a changed file is matched against every policy again, in its own transaction after
   * the change is saved — a failed evaluation is logged and never undoes the user's change.
   */
  const rematch = async (req: { ctx: RequestCtx; log: { warn: (o: object, m: string) => void } }, childId: string) => {
    try {
      await inScope(deps.db, req.ctx, async (tx) => {
        const { pack } = await packFor(deps, tx);
        const visible = await tx.client.query('select 1 from children where id = $1', [childId]);
        if (!visible.rowCount) return; // transferred out of the caller's area
        await storeResults(tx, childId, await evaluateChildFile(tx, deps, pack, childId, todayShanghai(deps)));
      });
    } catch (err) {
      req.log.warn({ err: { message: (err as Error).message } }, 'eligibility re-evaluation failed');
    }
  };
  const search = (ctx: RequestCtx, s: ChildSearch) =>
    inScope(deps.db, ctx, async (tx) => {
      const { items, total, capped } = await listChildren(tx, deps, s, { limit: s.pageSize, offset: (s.page - 1) * s.pageSize });
      return { items, total, capped, page: s.page, pageSize: s.pageSize };
    });

  app.get('/api/children', {
    config: { access: can('children.read') },
    schema: { tags, summary: '辖区内儿童列表（证件号脱敏；含姓名、拼音、首字母、证件号后4-6位检索）', querystring: ChildQueryString, response: { 200: ChildPage, ...errs } },
  }, async (req) => {
    const q = req.query;
    return search(req.ctx, { ...q, overdue: q.overdue === 'true' ? true : undefined, noMentor: q.noMentor === 'true' ? true : undefined, incomplete: q.incomplete === 'true' ? true : undefined });
  });

  // The interface searches with POST so that names and identity digits never appear in a URL.
  app.post('/api/children/search', {
    config: { access: can('children.read') },
    schema: { tags, summary: '检索儿童（条件放在请求体中，不进入网址与日志）', body: ChildSearch, response: { 200: ChildPage, ...errs } },
  }, async (req) => search(req.ctx, req.body));

  app.post('/api/children/check', {
    config: { access: can('children.write') },
    schema: { tags, summary: '登记前查重：同一身份证号（全区）、同名同出生日期', body: DuplicateCheck, response: { 200: DuplicateResult, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    let duplicate: { id: string | null; message: string } | null = null;
    let birthDate = req.body.birthDate;
    // DuplicateCheck has normalised the number (spaces, full-width digits, lower-case x) the way
    // creation does, so a number written differently still finds its file.
    const idNumber = req.body.idNumber;
    if (idNumber) {
      const v = validateIdNumber(idNumber, new Date(deps.clock()));
      if (!v.ok) throw errors.validation([{ path: 'idNumber', message: v.message }], v.message);
      birthDate = v.birthDate;
      const bidx = deps.crypto.blindIndex(idNumber, BIDX);
      const own = (await tx.client.query<{ id: string }>('select id from children where id_number_bidx = $1', [bidx])).rows[0];
      if (own) duplicate = { id: own.id, message: '该身份证号已在您的辖区建档' };
      else {
        const other = await registeredElsewhere(tx, bidx);
        if (other) duplicate = { id: null, message: other.message };
      }
    }
    const similar = req.body.name && birthDate ? await similarWarnings(tx, req.body.name, birthDate) : [];
    return { duplicate, similar: similar.map((s) => ({ ...s, name: req.body.name! })) };
  }));

  app.post('/api/children', {
    config: { access: can('children.write') },
    schema: { tags, summary: '新建儿童档案', body: ChildCreate, response: { 201: CreatedChild, ...errs } },
  }, async (req, reply) => {
    const created = await inScope(deps.db, req.ctx, (tx) => createChild(tx, deps, req.body));
    await rematch(req, created.id);
    return reply.code(201).send(created);
  });

  app.get('/api/children/saved-filters', {
    config: { access: can('children.read') },
    schema: { tags, summary: '我保存的筛选条件', response: { 200: z.object({ items: z.array(SavedFilter) }), ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { rows } = await tx.client.query<{ id: string; name: string; params: unknown }>('select id, name, params from saved_filters order by created_at');
    return { items: rows.map((r) => ({ id: r.id, name: r.name, params: ChildFilters.parse(r.params) })) };
  }));

  app.post('/api/children/saved-filters', {
    config: { access: can('children.read') },
    schema: { tags, summary: '保存筛选条件（如"我的逾期走访"）', body: SavedFilterCreate, response: { 201: SavedFilter, ...errs } },
  }, async (req, reply) => {
    const saved = await inScope(deps.db, req.ctx, async (tx) => {
      const n = (await tx.client.query<{ n: number }>('select count(*)::int as n from saved_filters')).rows[0]!.n;
      if (n >= 30) throw errors.conflict('最多保存 30 个筛选条件，请先删除不用的');
      const dup = await tx.client.query('select 1 from saved_filters where name = $1', [req.body.name]);
      if (dup.rowCount) throw errors.conflict('已有同名的筛选条件', [{ path: 'name', message: '名称已存在' }]);
      const { rows } = await tx.client.query<{ id: string }>('insert into saved_filters (user_id, name, params) values ($1, $2, $3) returning id',
        [req.ctx.actor!.userId, req.body.name, JSON.stringify(req.body.params)]);
      return { id: rows[0]!.id, name: req.body.name, params: req.body.params };
    });
    return reply.code(201).send(saved);
  });

  app.delete('/api/children/saved-filters/:id', {
    config: { access: can('children.read') },
    schema: { tags, summary: '删除保存的筛选条件', params: IdParam, response: { 204: z.null(), ...errs } },
  }, async (req, reply) => {
    const n = await inScope(deps.db, req.ctx, async (tx) => (await tx.client.query('delete from saved_filters where id = $1', [req.params.id])).rowCount);
    if (!n) throw errors.notFound();
    return reply.code(204).send(null);
  });

  app.get('/api/children/:id', {
    config: { access: can('children.read') },
    schema: { tags, summary: '儿童档案（证件号、电话、地址脱敏）', params: IdParam, response: { 200: ChildFile, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    // The view and its audit row in one transaction.
    const file = await loadChildFile(tx, deps, req.params.id);
    if (!file) throw errors.notFound('未找到该档案，或不在您的辖区内');
    await tx.audit({ action: 'child.view', entity: 'child', entityId: file.id });
    return file;
  }));

  app.patch('/api/children/:id', {
    config: { access: can('children.write') },
    schema: { tags, summary: '修改档案（须带 version；他人已修改时返回 409）', params: IdParam, body: ChildUpdate, response: { 200: ChildFile, ...errs } },
  }, async (req) => {
    await inScope(deps.db, req.ctx, (tx) => updateChild(tx, deps, req.params.id, req.body));
    await rematch(req, req.params.id);
    return fileOf(req.ctx, req.params.id);
  });

  app.post('/api/children/:id/unmask', {
    config: { access: can('children.unmask') },
    schema: { tags, summary: '查看完整身份证号、电话或地址（须说明原因，记入审计日志）', params: IdParam, body: UnmaskFields, response: { 200: UnmaskedValues, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const row = (await tx.client.query<{ id: string; id_number_enc: string | null; phone_enc: string | null; residence_address_enc: string | null; hukou_address_enc: string | null }>(
      'select id, id_number_enc, phone_enc, residence_address_enc, hukou_address_enc from children where id = $1', [req.params.id])).rows[0];
    if (!row) throw errors.notFound('未找到该档案，或不在您的辖区内');
    await tx.audit({ action: 'child.unmask', entity: 'child', entityId: row.id, reason: req.body.reason, summary: { fields: req.body.fields } });
    const out: z.infer<typeof UnmaskedValues> = {};
    const dec = (v: string | null, col: string) => deps.crypto.decryptOrNull(v, col);
    for (const f of req.body.fields) {
      if (f === 'idNumber') out.idNumber = dec(row.id_number_enc, 'children.id_number');
      if (f === 'phone') out.phone = dec(row.phone_enc, 'children.phone');
      if (f === 'residenceAddress') out.residenceAddress = dec(row.residence_address_enc, 'children.residence_address');
      if (f === 'hukouAddress') out.hukouAddress = dec(row.hukou_address_enc, 'children.hukou_address');
    }
    return out;
  }));

  app.get('/api/children/:id/history', {
    config: { access: can('children.read') },
    schema: { tags, summary: '档案变更历史', params: IdParam, querystring: PageQuery, response: { 200: HistoryPage, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const visible = await tx.client.query('select 1 from children where id = $1', [req.params.id]);
    if (!visible.rowCount) throw errors.notFound('未找到该档案，或不在您的辖区内');
    const { page, pageSize } = req.query;
    const total = (await tx.client.query<{ n: number }>('select count(*)::int as n from child_history where child_id = $1', [req.params.id])).rows[0]!.n;
    // People are shown by name (姓名), not by login; the login stays for the record.
    const { rows } = await tx.client.query<{ id: number; at: Date; username: string | null; display_name: string | null; action: string; field: string | null; old_value: string | null; new_value: string | null }>(
      `select h.id, h.at, h.username, u.display_name, h.action, h.field, h.old_value, h.new_value from child_history h left join users u on u.id = h.user_id
       where h.child_id = $1 order by h.at desc, h.id desc limit $2 offset $3`,
      [req.params.id, pageSize, (page - 1) * pageSize]);
    return { items: rows.map((r) => ({ id: String(r.id), at: r.at.toISOString(), username: r.username, userDisplayName: r.display_name ?? r.username, action: r.action, field: r.field, oldValue: r.old_value, newValue: r.new_value })), total, page, pageSize };
  }));

  // ---- family, categories, benefits ----
  app.post('/api/children/:id/members', {
    config: { access: can('children.write') },
    schema: { tags, summary: '添加监护人或家庭成员', params: IdParam, body: MemberInput, response: { 201: Created, ...errs } },
  }, async (req, reply) => {
    const id = await inScope(deps.db, req.ctx, (tx) => addMember(tx, deps, req.params.id, req.body));
    await rematch(req, req.params.id);
    return reply.code(201).send({ id });
  });

  app.patch('/api/children/:id/members/:memberId', {
    config: { access: can('children.write') },
    schema: { tags, summary: '修改家庭成员（含父母状况）', params: MemberParams, body: MemberInput.partial(), response: { 204: z.null(), ...errs } },
  }, async (req, reply) => {
    await inScope(deps.db, req.ctx, (tx) => updateMember(tx, deps, req.params.id, req.params.memberId, req.body));
    await rematch(req, req.params.id);
    return reply.code(204).send(null);
  });

  app.delete('/api/children/:id/members/:memberId', {
    config: { access: can('children.write') },
    schema: { tags, summary: '删除家庭成员（误录时）', params: MemberParams, response: { 204: z.null(), ...errs } },
  }, async (req, reply) => {
    await inScope(deps.db, req.ctx, (tx) => removeMember(tx, req.params.id, req.params.memberId));
    await rematch(req, req.params.id);
    return reply.code(204).send(null);
  });

  app.post('/api/children/:id/members/:memberId/unmask', {
    config: { access: can('children.unmask') },
    schema: { tags, summary: '查看家庭成员完整证件号和电话（须说明原因）', params: MemberParams, body: z.object({ reason: z.string().trim().min(2, '请说明查看原因').max(200) }),
      response: { 200: z.object({ idNumber: z.string().nullable(), phone: z.string().nullable() }), ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const m = (await tx.client.query<{ id_number_enc: string | null; phone_enc: string | null }>(
      'select id_number_enc, phone_enc from household_members where id = $1 and child_id = $2', [req.params.memberId, req.params.id])).rows[0];
    if (!m) throw errors.notFound('未找到该家庭成员');
    await tx.audit({ action: 'child.member.unmask', entity: 'child', entityId: req.params.id, reason: req.body.reason, summary: { memberId: req.params.memberId } });
    return { idNumber: deps.crypto.decryptOrNull(m.id_number_enc, 'household_members.id_number'), phone: deps.crypto.decryptOrNull(m.phone_enc, 'household_members.phone') };
  }));

  app.post('/api/children/:id/contact', {
    config: { access: can('children.contact') },
    schema: { tags, summary: '联系家庭：查看儿童联系电话、居住地址和监护人/照料人电话（须说明原因，记入审计日志）', params: IdParam, body: ContactReveal,
      response: { 200: FamilyContacts, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    // RLS decides: a file outside the caller's committee or street is "not found".
    const child = (await tx.client.query<{ id: string; phone_enc: string | null; residence_address_enc: string | null }>(
      'select id, phone_enc, residence_address_enc from children where id = $1', [req.params.id])).rows[0];
    if (!child) throw errors.notFound('未找到该档案，或不在您的辖区内');
    const members = (await tx.client.query<{ id: string; name: string; relation: string; role: 'guardian' | 'caregiver' | 'member'; phone_enc: string | null }>(
      `select id, name, relation, role, phone_enc from household_members where child_id = $1 and role in ('guardian', 'caregiver')
       order by case role when 'guardian' then 0 else 1 end, relation, created_at, id`, [child.id])).rows;
    await tx.audit({ action: 'child.contact.reveal', entity: 'child', entityId: child.id, reason: req.body.reason, summary: { members: members.length } });
    const dec = (v: string | null, col: string) => deps.crypto.decryptOrNull(v, col);
    return {
      phone: dec(child.phone_enc, 'children.phone'),
      residenceAddress: dec(child.residence_address_enc, 'children.residence_address'),
      members: members.map((m) => ({ id: m.id, name: m.name, relation: m.relation, role: m.role, phone: dec(m.phone_enc, 'household_members.phone') })),
    };
  }));

  app.post('/api/children/:id/categories', {
    config: { access: can('children.write') },
    schema: { tags, summary: '登记困境类别（带起始日期与来源）', params: IdParam, body: CategoryInput, response: { 201: Created, ...errs } },
  }, async (req, reply) => {
    const id = await inScope(deps.db, req.ctx, (tx) => addCategory(tx, deps, req.params.id, req.body));
    await rematch(req, req.params.id);
    return reply.code(201).send({ id });
  });

  app.post('/api/children/:id/categories/:categoryId/end', {
    config: { access: can('children.write') },
    schema: { tags, summary: '终止困境类别', params: z.object({ id: z.string().uuid(), categoryId: z.string().uuid() }), body: z.object({ until: z.string().date('日期格式应为 YYYY-MM-DD') }), response: { 204: z.null(), ...errs } },
  }, async (req, reply) => {
    await inScope(deps.db, req.ctx, (tx) => endCategory(tx, deps, req.params.id, req.params.categoryId, req.body.until));
    await rematch(req, req.params.id);
    return reply.code(204).send(null);
  });

  app.post('/api/children/:id/benefits', {
    config: { access: can('children.write') },
    schema: { tags, summary: '登记已享受的保障', params: IdParam, body: BenefitInput, response: { 201: Created, ...errs } },
  }, async (req, reply) => {
    const id = await inScope(deps.db, req.ctx, (tx) => addBenefit(tx, req.params.id, req.body));
    await rematch(req, req.params.id);
    return reply.code(201).send({ id });
  });

  app.delete('/api/children/:id/benefits/:benefitId', {
    config: { access: can('children.write') },
    schema: { tags, summary: '删除保障记录（误录时）', params: z.object({ id: z.string().uuid(), benefitId: z.string().uuid() }), response: { 204: z.null(), ...errs } },
  }, async (req, reply) => {
    await inScope(deps.db, req.ctx, (tx) => removeBenefit(tx, req.params.id, req.params.benefitId));
    await rematch(req, req.params.id);
    return reply.code(204).send(null);
  });

  // ---- lifecycle ----
  app.post('/api/children/:id/close', {
    config: { access: can('children.write') },
    schema: { tags, summary: '结案', params: IdParam, body: CloseInput, response: { 200: Version, ...errs } },
  }, async (req) => ({ version: await inScope(deps.db, req.ctx, (tx) => closeFile(tx, deps, req.params.id, req.body)) }));

  app.post('/api/children/:id/reopen', {
    config: { access: can('children.write') },
    schema: { tags, summary: '重新开档', params: IdParam, body: ReopenInput, response: { 200: Version, ...errs } },
  }, async (req) => ({ version: await inScope(deps.db, req.ctx, (tx) => reopenFile(tx, req.params.id, req.body)) }));

  app.post('/api/children/:id/transfer', {
    config: { access: can('children.transfer') },
    schema: { tags, summary: '转出到其他街道（档案及历史随之移交）', params: IdParam, body: TransferInput, response: { 200: z.object({ version: z.number(), toStreet: z.string() }), ...errs } },
  }, async (req) => transferFile(deps, req.ctx, req.params.id, req.body));
}
