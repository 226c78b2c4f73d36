/**
 * The list's one-statement page (issue 17): page and total in one query, the order read from the
 * children_list_* indexes, the categories from the column the database keeps. Each is checked
 * against the straightforward queries it replaced (the committee joined for its code, a
 * subquery per row for the categories), computed by the owner over the same rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_CODES, ChildSort } from '#common/children.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';

type Sort = (typeof ChildSort.options)[number];

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

const REFERENCE_KEYS: Record<Sort, string> = {
  name: 'c.name_pinyin',
  birthDate: 'c.birth_date',
  nextVisitDue: 'c.next_visit_due',
  riskLevel: `case c.risk_level when 'high' then 0 when 'medium' then 1 else 2 end`,
  registeredOn: 'c.registered_on',
  committee: 'm.code',
};

/** The order and rows the list gave before (committee joined for its code), as the owner reads them. */
async function reference(where: string, args: unknown[], sort: Sort, order: 'asc' | 'desc'): Promise<string[]> {
  return (
    await env.owner.query<{ id: string }>(
      `select c.id from children c join committees m on m.id = c.committee_id ${where}
        order by ${REFERENCE_KEYS[sort]} ${order} nulls last, c.name_pinyin, c.id`,
      args,
    )
  ).rows.map((r) => r.id);
}

/** Every page of a search, stitched together; each page must state the same total. */
async function allPages(a: Awaited<ReturnType<TestEnv['login']>>, body: Record<string, unknown>, pageSize: number) {
  const ids: string[] = [];
  const totals = new Set<number>();
  for (let page = 1; ; page++) {
    const res = await a.post('/api/children/search', { ...body, page, pageSize });
    expect(res.statusCode).toBe(200);
    const r = res.json<{ items: { id: string }[]; total: number }>();
    totals.add(r.total);
    ids.push(...r.items.map((x) => x.id));
    if (r.items.length < pageSize) break;
  }
  expect(totals.size).toBe(1);
  return { ids, total: [...totals][0] };
}

const inconsistentCategories = async () =>
  (
    await env.owner.query<{ n: number }>(
      `select count(*)::int as n from children c
        where c.categories is distinct from coalesce((select array_agg(k.category order by k.category) from child_categories k
                                                      where k.child_id = c.id and k.until is null), '{}')`,
    )
  ).rows[0]!.n;

describe('the list, page and total in one statement', () => {
  it('gives, for every sort and order, the rows and order of the reference query, page after page (street supervisor)', async () => {
    const a = await env.login('street-dinghai');
    for (const sort of ChildSort.options) {
      for (const order of ['asc', 'desc'] as const) {
        const want = await reference(`where c.street_code = 'dinghai' and c.status = 'active'`, [], sort, order);
        expect(want.length).toBeGreaterThan(20);
        const got = await allPages(a, { sort, order }, 17);
        expect(got.total, `${sort} ${order}`).toBe(want.length);
        expect(got.ids, `${sort} ${order}`).toEqual(want);
      }
    }
  });

  it('gives the district the whole district in committee order, and a child director their committee only', async () => {
    const district = await env.login('district');
    const all = await reference('', [], 'committee', 'asc');
    const active = await reference(`where c.status = 'active'`, [], 'committee', 'asc');
    const got = await allPages(district, {}, 200);
    expect(got.ids).toEqual(active);
    expect((await allPages(district, { status: 'all' }, 200)).ids).toEqual(all);

    const director = await env.login('director-dinghai');
    const own = await reference(`where m.code = 'dinghai-01' and c.status = 'active'`, [], 'committee', 'asc');
    expect(own.length).toBeGreaterThan(0);
    expect((await allPages(director, {}, 20)).ids).toEqual(own);
  });

  it('a page past the end is empty and still says how many there are; filters count what they list', async () => {
    const a = await env.login('street-dinghai');
    const want = await reference(`where c.street_code = 'dinghai' and c.status = 'active'`, [], 'committee', 'asc');
    const past = (await a.post('/api/children/search', { page: 1000, pageSize: 20 })).json<{ items: unknown[]; total: number }>();
    expect(past).toMatchObject({ items: [], total: want.length });

    for (const category of CATEGORY_CODES) {
      const wantCat = await reference(
        `where c.street_code = 'dinghai' and c.status = 'active'
           and exists (select 1 from child_categories k where k.child_id = c.id and k.until is null and k.category = $1)`,
        [category],
        'name',
        'asc',
      );
      const got = await allPages(a, { category, sort: 'name' }, 50);
      expect(got.total, category).toBe(wantCat.length);
      expect(got.ids, category).toEqual(wantCat);
    }
    // And the search box with the one-statement page: a name prefix.
    const wang = await reference(`where c.street_code = 'dinghai' and c.status = 'active' and c.name like '王%'`, [], 'committee', 'asc');
    expect((await allPages(a, { q: '王' }, 20)).ids).toEqual(wang);
  });
});

describe('the categories column', () => {
  it('holds every child’s active categories after the demo seed', async () => {
    expect(await inconsistentCategories()).toBe(0);
    expect((await env.owner.query<{ n: number }>(`select count(*)::int as n from children where categories <> '{}'`)).rows[0]!.n).toBeGreaterThan(0);
  });

  it('follows a category added and ended, in the same transaction, and the list shows it', async () => {
    const a = await env.login('street-dinghai');
    const child = (
      await env.owner.query<{ id: string; name: string }>(
        `select id, name from children where street_code = 'dinghai' and status = 'active' and not ('orphan_scattered' = any (categories)) order by name_pinyin limit 1`,
      )
    ).rows[0]!;
    const added = await a.post(`/api/children/${child.id}/categories`, { category: 'orphan_scattered', since: '2026-01-05' });
    expect(added.statusCode).toBe(201);
    const listed = async () =>
      (await allPages(a, { category: 'orphan_scattered' }, 200)).ids.includes(child.id) &&
      (await a.post('/api/children/search', { q: child.name, pageSize: 200 }))
        .json<{ items: { id: string; categories: string[] }[] }>()
        .items.find((x) => x.id === child.id)
        ?.categories.includes('orphan_scattered');
    expect(await listed()).toBe(true);
    expect(await inconsistentCategories()).toBe(0);

    const ended = await a.post(`/api/children/${child.id}/categories/${added.json<{ id: string }>().id}/end`, { until: '2026-06-30' });
    expect(ended.statusCode).toBe(204);
    expect(await listed()).toBe(false);
    expect(await inconsistentCategories()).toBe(0);
  });

  it('follows a delete, a move to another committee and a renumbered committee; an archived file accepts the derived columns only', async () => {
    const { id } = (await env.owner.query<{ id: string }>(`select id from children where categories <> '{}' order by id limit 1`)).rows[0]!;
    await env.owner.query('delete from child_categories where child_id = $1', [id]);
    expect((await env.owner.query<{ categories: string[] }>('select categories from children where id = $1', [id])).rows[0]!.categories).toEqual([]);

    const other = (
      await env.owner.query<{ id: string; code: string }>(
        `select m.id, m.code from committees m where m.id <> (select committee_id from children where id = $1) order by m.code limit 1`,
        [id],
      )
    ).rows[0]!;
    await env.owner.query('update children set committee_id = $2 where id = $1', [id, other.id]);
    expect((await env.owner.query<{ committee_code: string }>('select committee_code from children where id = $1', [id])).rows[0]!.committee_code).toBe(
      other.code,
    );

    // Archived: the file refuses changes, but its derived columns follow their records (a
    // category row written by the owner's tools, a committee renumbered in the reference data).
    await env.owner.query(`update children set archived_at = now() where id = $1`, [id]);
    await env.owner.query(`insert into child_categories (child_id, category, since) values ($1, 'orphan_scattered', '2020-01-01')`, [id]);
    expect((await env.owner.query<{ categories: string[] }>('select categories from children where id = $1', [id])).rows[0]!.categories).toEqual([
      'orphan_scattered',
    ]);
    await env.owner.query(`update committees set code = code || '-x' where id = $1`, [other.id]);
    expect((await env.owner.query<{ committee_code: string }>('select committee_code from children where id = $1', [id])).rows[0]!.committee_code).toBe(
      `${other.code}-x`,
    );
    await expect(env.owner.query(`update children set name = name || '改' where id = $1`, [id])).rejects.toMatchObject({ code: 'NYARC' });
  });
});
