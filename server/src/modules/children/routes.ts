/**
 * /api/children: the scoped read model of children's files (list, detail, audited unmasking).
 * Rows are filtered by PostgreSQL RLS under the caller's scope: the queries below carry no area
 * condition of their own, and a child outside the caller's area is simply "not found".
 */
import { ChildDetail, ChildList, ChildQuery, ErrorBody, IdParam, UnmaskRequest, Unmasked } from '#common/api.js';
import { maskIdNumber, maskPhone } from '#common/mask.js';
import type { AppDeps, ZApp } from '../../app.js';
import { can } from '../../http/access.js';
import { inScope } from '../../http/context.js';
import { errors } from '../../http/errors.js';

const tags = ['儿童档案 children'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

interface Row {
  id: string; name: string; sex: 'M' | 'F'; birth_date: string; id_number_enc: string | null; street_code: string; street_name: string;
  committee_id: string; committee_name: string; status: string; hukou: 'local' | 'other';
}
const SELECT = `select c.id, c.name, c.sex, c.birth_date, c.id_number_enc, c.street_code, s.name as street_name, c.committee_id,
  m.name as committee_name, c.status, c.hukou from children c join streets s on s.code = c.street_code join committees m on m.id = c.committee_id`;

export function childrenRoutes(app: ZApp, deps: AppDeps): void {
  const idMasked = (enc: string | null) => maskIdNumber(deps.crypto.decryptOrNull(enc, 'children.id_number'));
  const summary = (r: Row) => ({
    id: r.id, name: r.name, sex: r.sex, birthDate: r.birth_date, idNumberMasked: idMasked(r.id_number_enc), streetCode: r.street_code,
    streetName: r.street_name, committeeId: r.committee_id, committeeName: r.committee_name, status: r.status,
  });

  app.get('/api/children', {
    config: { access: can('children.read') },
    schema: { tags, summary: '辖区内儿童列表（证件号脱敏）', querystring: ChildQuery, response: { 200: ChildList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { page, pageSize, q, street, committee } = req.query;
    const args: unknown[] = [];
    const where: string[] = [];
    if (q) {
      args.push(`${q.toLowerCase()}%`);
      where.push(`(c.name like $${args.length} or c.name_pinyin like $${args.length} or c.name_initials like $${args.length})`);
    }
    if (street) { args.push(street); where.push(`c.street_code = $${args.length}`); }
    if (committee) { args.push(committee); where.push(`c.committee_id = $${args.length}`); }
    const w = where.length ? `where ${where.join(' and ')}` : '';
    const total = (await tx.client.query<{ n: number }>(`select count(*)::int as n from children c ${w}`, args)).rows[0]!.n;
    const { rows } = await tx.client.query<Row>(`${SELECT} ${w} order by c.street_code, m.code, c.name limit $${args.length + 1} offset $${args.length + 2}`,
      [...args, pageSize, (page - 1) * pageSize]);
    return { items: rows.map(summary), total, page, pageSize };
  }));

  app.get('/api/children/:id', {
    config: { access: can('children.read') },
    schema: { tags, summary: '儿童档案（证件号、电话脱敏）', params: IdParam, response: { 200: ChildDetail, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const row = (await tx.client.query<Row>(`${SELECT} where c.id = $1`, [req.params.id])).rows[0];
    if (!row) throw errors.notFound('未找到该档案，或不在您的辖区内');
    const members = (await tx.client.query<{ id: string; name: string; relation: string; role: 'guardian' | 'caregiver' | 'member'; status: string; phone_enc: string | null }>(
      `select id, name, relation, role, status, phone_enc from household_members where child_id = $1 order by role, relation`, [row.id])).rows;
    await tx.audit({ action: 'child.view', entity: 'child', entityId: row.id });
    return {
      ...summary(row),
      hukou: row.hukou,
      guardians: members.map((m) => ({ id: m.id, name: m.name, relation: m.relation, role: m.role, status: m.status, phoneMasked: maskPhone(deps.crypto.decryptOrNull(m.phone_enc, 'household_members.phone')) })),
    };
  }));

  app.post('/api/children/:id/unmask', {
    config: { access: can('children.unmask') },
    schema: { tags, summary: '查看完整身份证号（须说明原因，记入审计日志）', params: IdParam, body: UnmaskRequest, response: { 200: Unmasked, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const row = (await tx.client.query<{ id: string; id_number_enc: string | null }>('select id, id_number_enc from children where id = $1', [req.params.id])).rows[0];
    if (!row) throw errors.notFound('未找到该档案，或不在您的辖区内');
    await tx.audit({ action: 'child.unmask', entity: 'child', entityId: row.id, reason: req.body.reason, summary: { field: 'idNumber' } });
    return { idNumber: deps.crypto.decryptOrNull(row.id_number_enc, 'children.id_number') };
  }));
}
