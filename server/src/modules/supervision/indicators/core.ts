/**
 * The indicators of the modules built so far: the child file and visits (task 18), mentors and
 * buddies (task 4), 免申即享 (tasks 19, 21, 41), problems (task 18), and the children counted by
 * category, risk and street. Later modules register theirs the same way (see registry.ts).
 *
 * Every query counts children in the file on the as-of day: registered by then and not yet closed.
 */
import { CATEGORIES, RISK_LEVELS } from '#common/children.js';
import { fileCompleteSql } from '../../children/completeness.js';
import { registerIndicator } from './registry.js';

const ACTIVE_ON = `c.street_code = any ($2::text[]) and c.registered_on <= $1::date and (c.status = 'active' or c.closed_on > $1::date)`;
const BY_STREET = 'group by grouping sets ((c.street_code), ())';
/** The share of children in the file that meet `condition`, per street and for the area. */
const shareOfChildren = (condition: string) =>
  `select c.street_code, count(*) filter (where ${condition}) as num, count(*) as den, null::numeric as val from children c where ${ACTIVE_ON} ${BY_STREET}`;
const q = (street: string | null) => (street ? `&street=${encodeURIComponent(street)}` : '');

registerIndicator({
  code: 'files.complete',
  tasks: [18],
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 95,
  amberMargin: 5,
  name: '档案完整率',
  nameEn: 'Complete child files',
  definition: '在册儿童中档案必填项齐全的比例。必填项：身份证号（或无证说明）、居住地址、联系电话、就学阶段、至少一个有效的困境类别、至少一名监护人。',
  definitionEn:
    'Share of children in the file whose required fields are filled: identity number (or the reason there is none), residence address, contact phone, school stage, at least one current category, at least one guardian.',
  sql: shareOfChildren(fileCompleteSql('$1::date')),
  drill: (s) => `/children?incomplete=true${q(s)}`,
});

registerIndicator({
  code: 'visits.onTime',
  tasks: [18],
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 90,
  amberMargin: 5,
  name: '走访按期率',
  nameEn: 'Visits on time',
  definition: '在册儿童中未逾期走访的比例：最近一次走访（无走访时为登记日期）加上其走访周期（按风险等级和类别的走访规则），不早于统计日。',
  definitionEn:
    'Share of children in the file whose visit is not overdue on the day: last visit (or registration) plus the interval of their visit rule is not before the day.',
  // Today: the maintained due date. An earlier day: the last visit before it plus the child's interval.
  sql: `select street_code, count(*) filter (where due >= $1::date) as num, count(*) as den, null::numeric as val
        from (select c.street_code, case when $3 then c.next_visit_due else
                coalesce((select max(v.visited_on) from visits v where v.child_id = c.id and v.status = 'submitted' and v.visited_on <= $1::date), c.registered_on)
                + (c.next_visit_due - coalesce(c.last_visit_on, c.registered_on)) end as due
              from children c where ${ACTIVE_ON}) c
        ${BY_STREET}`,
  drill: (s) => `/visits?kind=overdue&scope=street${q(s)}`,
});

registerIndicator({
  code: 'mentors.mentor',
  tasks: [4],
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 100,
  amberMargin: 10,
  name: '成长导师配备率',
  nameEn: 'Children with a growth mentor',
  definition: '在册儿童中已配备成长导师的比例（全员导师制：每名困境儿童一名成长导师）。按当前配备情况统计。',
  definitionEn: 'Share of children in the file who have a growth mentor (one mentor for every child in difficulty). Counted on the current assignment.',
  sql: shareOfChildren('c.mentor_id is not null'),
  drill: (s) => `/children?noMentor=true${q(s)}`,
});

registerIndicator({
  code: 'mentors.buddy',
  tasks: [4],
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 100,
  amberMargin: 10,
  name: '互助伙伴配备率',
  nameEn: 'Children with a peer buddy',
  definition: '在册儿童中已配备互助伙伴的比例（每名困境儿童一名互助伙伴）。按当前配备情况统计。',
  definitionEn: 'Share of children in the file who have a peer buddy. Counted on the current assignment.',
  sql: shareOfChildren('c.buddy_id is not null'),
  drill: (s) => `/children?noMentor=true${q(s)}`,
});

registerIndicator({
  code: 'eligibility.notReceiving',
  tasks: [19, 21, 41],
  unit: 'count',
  direction: 'lower',
  defaultTarget: 0,
  amberMargin: 10,
  name: '可享未享',
  nameEn: 'Eligible but not receiving',
  definition: '最近一次免申即享匹配中“符合条件”、但尚未获批享受的儿童×政策项数（在册儿童）。只反映当前状态；以往各月取当月月末记录。',
  definitionEn:
    'Child × benefit pairs found eligible by the latest matching and not yet granted (children in the file). Current state only; earlier months show their month-end record.',
  currentOnly: true,
  sql: `select c.street_code, count(*) as num, null::numeric as den, null::numeric as val
        from eligibility_results r join children c on c.id = r.child_id
        where ${ACTIVE_ON} and r.verdict = 'eligible'
          and not exists (select 1 from entitlements g where g.child_id = r.child_id and g.policy_id = r.policy_id and g.status = 'granted')
        ${BY_STREET}`,
  drill: () => '/eligibility',
  drillPermission: 'eligibility.read',
});

registerIndicator({
  code: 'eligibility.daysToGrant',
  tasks: [19, 41],
  unit: 'days',
  direction: 'lower',
  defaultTarget: 30,
  amberMargin: 15,
  name: '发现到获批天数（中位数）',
  nameEn: 'Days from finding to grant (median)',
  definition: '统计日前 365 天内获批的保障待遇，从平台发现（建议享受）到批准的天数中位数。',
  definitionEn: 'Median days from the platform suggesting a benefit to its grant, over benefits granted in the 365 days before the day.',
  sql: `select c.street_code, count(*) as num, null::numeric as den,
               percentile_cont(0.5) within group (order by (ev.at at time zone 'Asia/Shanghai')::date - (e.created_at at time zone 'Asia/Shanghai')::date) as val
        from entitlements e join entitlement_events ev on ev.entitlement_id = e.id and ev.to_status = 'granted'
        join children c on c.id = e.child_id
        where c.street_code = any ($2::text[])
          and (ev.at at time zone 'Asia/Shanghai')::date <= $1::date and (ev.at at time zone 'Asia/Shanghai')::date > $1::date - 365
        ${BY_STREET}`,
  drill: () => '/eligibility',
  drillPermission: 'eligibility.read',
});

const OPEN_ON = `p.created_at < ($1::date + 1)::timestamp at time zone 'Asia/Shanghai' and (p.resolved_on is null or p.resolved_on > $1::date)`;

registerIndicator({
  code: 'problems.open',
  tasks: [18],
  unit: 'count',
  direction: 'none',
  defaultTarget: null,
  amberMargin: 0,
  name: '未解决问题',
  nameEn: 'Open problems',
  definition: '统计日尚未解决的问题数（含已上报/转交），按儿童所在街道。',
  definitionEn: "Problems not yet resolved on the day (escalated included), by the child's street.",
  sql: `select p.street_code, count(*) as num, null::numeric as den, null::numeric as val
        from problems p where p.street_code = any ($2::text[]) and ${OPEN_ON}
        group by grouping sets ((p.street_code), ())`,
  drill: (s) => `/problems?status=unresolved${q(s)}`,
});

registerIndicator({
  code: 'problems.overdue',
  tasks: [18],
  unit: 'count',
  direction: 'lower',
  defaultTarget: 0,
  amberMargin: 5,
  name: '逾期未解决问题',
  nameEn: 'Overdue open problems',
  definition: '统计日尚未解决且已超过解决期限的问题数。',
  definitionEn: 'Problems not resolved on the day and past their due date.',
  sql: `select p.street_code, count(*) as num, null::numeric as den, null::numeric as val
        from problems p where p.street_code = any ($2::text[]) and ${OPEN_ON} and p.due_on < $1::date
        group by grouping sets ((p.street_code), ())`,
  drill: (s) => `/problems?status=unresolved&overdue=true${q(s)}`,
});

registerIndicator({
  code: 'problems.daysToResolve',
  tasks: [18],
  unit: 'days',
  direction: 'lower',
  defaultTarget: 30,
  amberMargin: 15,
  name: '问题解决天数（中位数）',
  nameEn: 'Days to resolve a problem (median)',
  definition: '统计日前 365 天内解决的问题，从发现到解决的天数中位数。',
  definitionEn: 'Median days from finding to resolution, over problems resolved in the 365 days before the day.',
  sql: `select p.street_code, count(*) as num, null::numeric as den,
               percentile_cont(0.5) within group (order by p.resolved_on - (p.created_at at time zone 'Asia/Shanghai')::date) as val
        from problems p where p.street_code = any ($2::text[]) and p.resolved_on <= $1::date and p.resolved_on > $1::date - 365
        group by grouping sets ((p.street_code), ())`,
  drill: (s) => `/problems?status=resolved${q(s)}`,
});

registerIndicator({
  code: 'children.byRisk',
  tasks: [18],
  unit: 'count',
  direction: 'none',
  defaultTarget: null,
  amberMargin: 0,
  name: '在册困境儿童（按风险等级）',
  nameEn: 'Children in the file (by risk level)',
  definition: '统计日在册的困境儿童人数，按当前风险等级（高/中/低）分列，按街道比较。',
  definitionEn: 'Children in the file on the day, split by their current risk level, compared by street.',
  sql: `select c.street_code, count(*) as num, null::numeric as den, null::numeric as val from children c where ${ACTIVE_ON} ${BY_STREET}`,
  partsSql: `select c.street_code, c.risk_level as key, count(*) as n from children c where ${ACTIVE_ON}
             group by grouping sets ((c.street_code, c.risk_level), (c.risk_level))`,
  partLabels: Object.fromEntries(Object.entries(RISK_LEVELS).map(([k, v]) => [k, `${v}风险`])),
  drill: (s) => `/children?${q(s).slice(1)}`,
});

registerIndicator({
  code: 'children.byCategory',
  tasks: [18, 19],
  unit: 'count',
  direction: 'none',
  defaultTarget: null,
  amberMargin: 0,
  name: '在册困境儿童（按类别）',
  nameEn: 'Children in the file (by category)',
  definition: '统计日在册且至少有一个有效困境类别的儿童人数；分列中一名儿童可属于多个类别。',
  definitionEn: 'Children in the file on the day with at least one current category; in the split a child may count in several categories.',
  sql: `select c.street_code, count(*) as num, null::numeric as den, null::numeric as val from children c
        where ${ACTIVE_ON} and exists (select 1 from child_categories cc where cc.child_id = c.id and cc.since <= $1::date and (cc.until is null or cc.until > $1::date))
        ${BY_STREET}`,
  partsSql: `select c.street_code, cc.category as key, count(distinct c.id) as n from children c join child_categories cc on cc.child_id = c.id
             where ${ACTIVE_ON} and cc.since <= $1::date and (cc.until is null or cc.until > $1::date)
             group by grouping sets ((c.street_code, cc.category), (cc.category))`,
  partLabels: { ...CATEGORIES },
  drill: (s) => `/children?${q(s).slice(1)}`,
});
