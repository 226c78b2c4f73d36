/**
 * Demo projects of the social organisations (task 40), on the four organisations seeded by
 * demoWorkforce.ts: a commissioned case-work project of 阳光社工 (running, serving children of 定海、
 * 平凉、江浦), an incubated project of 同心 (running, 殷行、大桥), a finished holiday volunteer
 * project and a planned foundation project. The served children are the first active children of
 * the project's streets in name order, so the demo is the same for a seed and a day.
 */
import type pg from 'pg';
import { addDays } from '#common/dates.js';

interface DemoProject {
  org: string;
  name: string;
  kind: 'commissioned' | 'incubated' | 'cooperation';
  unit: string | null;
  budget: number;
  start: number;
  end: number;
  deliverables: string;
  target: number;
  streets: string[];
  tasks: number[];
  status: 'planned' | 'running' | 'finished';
  children: number;
}

const PROJECTS: DemoProject[] = [
  {
    org: '杨浦区阳光社会工作服务社',
    name: '困境儿童个案关爱服务项目',
    kind: 'commissioned',
    unit: 'civil-affairs',
    budget: 480000,
    start: -200,
    end: 165,
    deliverables: '个案服务 60 例；家庭走访每月 1 次；季度服务报告',
    target: 60,
    streets: ['dinghai', 'pingliang', 'jiangpu'],
    tasks: [18, 40],
    status: 'running',
    children: 18,
  },
  {
    org: '杨浦区同心儿童关爱服务中心',
    name: '社区儿童之家陪伴成长项目',
    kind: 'incubated',
    unit: null,
    budget: 120000,
    start: -120,
    end: 245,
    deliverables: '儿童之家每周开放 3 次；小组活动 24 场',
    target: 30,
    streets: ['yinhang', 'daqiao'],
    tasks: [40],
    status: 'running',
    children: 8,
  },
  {
    org: '杨浦区青年志愿者协会',
    name: '暑期学业辅导志愿服务',
    kind: 'cooperation',
    unit: 'civil-affairs',
    budget: 30000,
    start: -160,
    end: -100,
    deliverables: '志愿者一对一学业辅导 200 课时',
    target: 40,
    streets: ['kongjiang', 'siping'],
    tasks: [1, 40],
    status: 'finished',
    children: 0,
  },
  {
    org: '上海暖杨慈善基金会',
    name: '困境儿童心理支持项目（筹备）',
    kind: 'commissioned',
    unit: 'civil-affairs',
    budget: 200000,
    start: 30,
    end: 395,
    deliverables: '心理评估与团体辅导',
    target: 50,
    streets: ['wujiaochang', 'xinjiangwan'],
    tasks: [40],
    status: 'planned',
    children: 0,
  },
];

export async function seedDemoOrganisations(client: pg.ClientBase, opts: { today: string }): Promise<{ projects: number; children: number }> {
  const existing = await client.query('select 1 from org_projects limit 1');
  if ((existing.rowCount ?? 0) > 0) return { projects: 0, children: 0 };
  let projects = 0;
  let children = 0;
  for (const p of PROJECTS) {
    const org = await client.query<{ id: string }>(`select id from organisations where name = $1`, [p.org]);
    const orgId = org.rows[0]?.id;
    if (orgId === undefined) continue;
    const starts = addDays(opts.today, p.start);
    const { rows } = await client.query<{ id: string }>(
      `insert into org_projects (organisation_id, name, kind, commissioning_unit_code, budget, starts_on, ends_on, deliverables, children_target, streets, plan_tasks, status)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
      [orgId, p.name, p.kind, p.unit, p.budget, starts, addDays(opts.today, p.end), p.deliverables, p.target, p.streets, p.tasks, p.status],
    );
    projects += 1;
    if (p.children === 0) continue;
    const served = await client.query(
      `insert into project_children (project_id, child_id, street_code, committee_id, since)
       select $1, c.id, c.street_code, c.committee_id, greatest($3::date, c.registered_on)
         from children c where c.street_code = any ($2::text[]) and c.status = 'active' and c.registered_on <= $5::date
        order by c.name_pinyin, c.name, c.birth_date limit $4`,
      [rows[0]?.id, p.streets, addDays(starts, 14), p.children, opts.today],
    );
    children += served.rowCount ?? 0;
  }
  return { projects, children };
}
