/**
 * `npm run bench:scale-seed`: seeds a large district for `bench:scale` and keeps it.
 * A fresh embedded PostgreSQL (its own temporary folder) with BENCH_CHILDREN children (1,000,000 by
 * default: the city-scale measurement of docs/scale.md) and BENCH_VISITS_PER_CHILD visits each (4:
 * fewer than the district benchmarks' 10, to keep the seed within an hour on 2 cores), one problem
 * for every fourth child and 13 matching results per child, as `bench:dashboard` seeds them.
 * Prints the data folder; pass it to `bench:scale` as BENCH_DATA_DIR.
 */
import { seedDistrict } from './district.js';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 1_000_000);
const VISITS_PER_CHILD = Number(process.env.BENCH_VISITS_PER_CHILD ?? 4);

const t = Date.now();
const district = await seedDistrict({
  name: 'scale',
  children: CHILDREN,
  visitsPerChild: VISITS_PER_CHILD,
  extra: async (owner) => {
    const step = async (label: string, sql: string) => {
      const s = Date.now();
      await owner.query(sql);
      console.log(`  ${label}: ${((Date.now() - s) / 1000).toFixed(1)} s`);
    };
    await owner.query('alter table problems disable trigger problems_area');
    await step(
      'problems (one for every fourth child)',
      `insert into problems (child_id, street_code, committee_id, description, category, severity, due_on, status, resolution, resolved_on, created_at)
       select c.id, c.street_code, c.committee_id, '演示问题', 'living', 'medium', d + 30,
              case when open then 'open' else 'resolved' end, case when open then null else '已解决' end, case when open then null else least(d + 5 + (h & 63), current_date) end,
              d::timestamp at time zone 'Asia/Shanghai'
       from (select c.*, hashtext(c.id::text || 'p') as h, current_date - (hashtext(c.id::text || 'd') & 255) - 40 as d, (hashtext(c.id::text || 'o') & 3) = 0 as open
             from children c where (hashtext(c.id::text) & 3) = 0) c`,
    );
    await owner.query('alter table problems enable trigger problems_area');
    await owner.query('alter table eligibility_results disable trigger user');
    await step(
      'matching results (13 policies per child)',
      `insert into eligibility_results (child_id, street_code, committee_id, policy_id, as_of, verdict)
       select c.id, c.street_code, c.committee_id, 'policy-' || p, current_date,
              (array['eligible', 'not_eligible', 'not_eligible', 'not_eligible', 'undetermined'])[1 + (hashtext(c.id::text || p) & 3) + ((hashtext(c.id::text || p || 'u') & 7) = 0)::int]
       from children c cross join generate_series(1, 13) p`,
    );
    await owner.query('alter table eligibility_results enable trigger user');
  },
});
console.log(
  `bench:scale-seed — ${district.counts.children.toLocaleString()} children, ${district.counts.visits.toLocaleString()} visits in ${((Date.now() - t) / 1000).toFixed(0)} s ` +
    `(children ${district.seconds.children.toFixed(0)} s, visits ${district.seconds.visits.toFixed(0)} s, problems/matching/vacuum ${district.seconds.extra.toFixed(0)} s)`,
);
console.log(`BENCH_DATA_DIR=${district.dataDir}`);
