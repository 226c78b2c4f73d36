/**
 * Demo charity aid and social-worker assignments (救助+慈善+儿童, plan tasks 20, 40): three charity
 * projects of the demo organisations (a foundation's school grant, a goods project for disabled
 * children, an agency's service project), aid recorded for some of the children each one matches
 * (by the same pure matching as the interface), and six dinghai children assigned by the street
 * to sw-sunshine (阳光社工服务社). Runs after seedDemoWorkforce (it reads the organisations).
 * Deterministic for a seed and a day: children are taken in a fixed order of their generated
 * attributes, never of their random ids.
 */
import type pg from 'pg';
import { matchChild, type AidKind, type CharityRules } from '#common/charity.js';
import { addDays } from '#common/dates.js';
import { streetUnitCode } from './reference.js';

interface DemoProject {
  name: string;
  organisation: string;
  funder: string;
  description: string;
  aidKind: AidKind;
  amountPerChild: number | null;
  budget: number;
  capacity: number;
  rules: CharityRules;
  /** Children given aid: the first of those matched. */
  aided: number;
}

export const DEMO_CHARITY_PROJECTS: DemoProject[] = [
  {
    name: '暖杨助学金',
    organisation: '上海暖杨慈善基金会',
    funder: '上海暖杨慈善基金会',
    description: '面向家庭经济困难、在校就读的困境儿童，每学年发放助学金一次。',
    aidKind: 'money',
    amountPerChild: 1000,
    budget: 200000,
    capacity: 200,
    rules: {
      categories: ['low_income_dibao', 'low_income_marginal', 'extreme_poverty', 'orphan_scattered', 'defacto_unsupported'],
      minAge: 6,
      maxAge: 17,
      needs: ['in_school'],
    },
    aided: 8,
  },
  {
    name: '残疾儿童康复辅具包',
    organisation: '杨浦区同心儿童关爱服务中心',
    funder: '杨浦区慈善协会',
    description: '为残疾儿童配送康复辅具和学习用品。',
    aidKind: 'goods',
    amountPerChild: 600,
    budget: 36000,
    capacity: 60,
    rules: { categories: ['disabled'] },
    aided: 5,
  },
  {
    name: '「陪伴成长」心理疏导服务',
    organisation: '杨浦区阳光社会工作服务社',
    funder: '杨浦区民政局（政府购买服务）',
    description: '由机构社工为监护缺失、留守、流动儿童提供每月一次的陪伴和心理疏导。',
    aidKind: 'service',
    amountPerChild: null,
    budget: 80000,
    capacity: 40,
    rules: {
      categories: ['guardianship_missing', 'guardianship_improper', 'left_behind', 'migrant_in_difficulty', 'reunited_with_parents'],
      streets: ['dinghai', 'pingliang', 'jiangpu'],
    },
    aided: 4,
  },
];

interface FactRow {
  id: string;
  street_code: string;
  birth_date: string;
  categories: string[];
  disabled: boolean | null;
  in_school: boolean | null;
}

export async function seedDemoCharity(client: pg.ClientBase, opts: { today: string }): Promise<{ projects: number; aid: number; assignments: number }> {
  if ((await client.query('select 1 from charity_projects limit 1')).rowCount) return { projects: 0, aid: 0, assignments: 0 };
  const { today } = opts;
  const orgs = new Map((await client.query<{ name: string; id: string }>('select name, id from organisations')).rows.map((o) => [o.name, o.id] as const));
  const users = new Map((await client.query<{ username: string; id: string }>('select username, id from users')).rows.map((u) => [u.username, u.id] as const));
  const facts = (
    await client.query<FactRow>(
      `select c.id, c.street_code, e.birth_date::text, e.categories, e.disabled, e.in_full_time_school as in_school
         from children c join eligibility_profiles_at($1::date) e on e.child_id = c.id join committees m on m.id = c.committee_id
        where c.status = 'active'
        order by m.code, c.name_pinyin, c.birth_date, c.name`,
      [today],
    )
  ).rows;
  const recorder = async (street: string) =>
    (
      await client.query<{ id: string }>(
        `select u.id from users u where u.unit_code = $1 and exists (select 1 from user_roles r where r.user_id = u.id and r.role_code = 'street_supervisor') order by u.username limit 1`,
        [streetUnitCode(street)],
      )
    ).rows[0]?.id ?? null;

  let aid = 0;
  for (const [k, p] of DEMO_CHARITY_PROJECTS.entries()) {
    const startsOn = addDays(today, -300 + k * 30);
    const { rows } = await client.query<{ id: string }>(
      `insert into charity_projects (name, organisation_id, funder, description, rules, aid_kind, amount_per_child, budget, capacity, starts_on, ends_on, active, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, true, $12) returning id`,
      [
        p.name,
        orgs.get(p.organisation) ?? null,
        p.funder,
        p.description,
        JSON.stringify(p.rules),
        p.aidKind,
        p.amountPerChild,
        p.budget,
        p.capacity,
        startsOn,
        addDays(startsOn, 730),
        users.get('district') ?? null,
      ],
    );
    const projectId = rows[0]?.id;
    if (!projectId) continue;
    // every other matched child, so the matching list still shows children to help
    const matched = facts
      .filter(
        (f) =>
          matchChild(
            p.rules,
            { birthDate: f.birth_date, categories: f.categories, streetCode: f.street_code, disabled: f.disabled, inSchool: f.in_school },
            today,
          ).result === 'matched',
      )
      .filter((_, i) => i % 2 === 0)
      .slice(0, p.aided);
    for (const [j, f] of matched.entries()) {
      await client.query(
        `insert into charity_aid (project_id, child_id, street_code, committee_id, given_on, kind, amount, description, recorded_by)
         values ($1, $2, '', '00000000-0000-0000-0000-000000000000', $3, $4, $5, $6, $7)`,
        [
          projectId,
          f.id,
          addDays(today, -7 * (j + 1)),
          p.aidKind,
          p.amountPerChild,
          p.aidKind === 'money' ? '本学年助学金' : p.aidKind === 'goods' ? '康复辅具一套、学习用品' : '社工陪伴与心理疏导（每月一次）',
          await recorder(f.street_code),
        ],
      );
      aid++;
    }
  }

  // six dinghai children assigned to the agency's social worker
  const sw = users.get('sw-sunshine');
  const by = users.get('street-dinghai') ?? null;
  let assignments = 0;
  if (sw) {
    const kids = facts.filter((f) => f.street_code === 'dinghai').slice(0, 6);
    for (const f of kids) {
      await client.query(
        `insert into child_assignments (child_id, user_id, street_code, committee_id, assigned_by, note)
         values ($1, $2, '', '00000000-0000-0000-0000-000000000000', $3, '家庭走访与个案跟进') on conflict do nothing`,
        [f.id, sw, by],
      );
      assignments++;
    }
  }
  return { projects: DEMO_CHARITY_PROJECTS.length, aid, assignments };
}
