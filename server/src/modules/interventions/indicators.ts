/**
 * 监护提质 indicators for 督办 (plan tasks 10, 14): the ladder's steps by stage and by the unit that
 * takes them, and the steps whose referral is past its deadline. Registered in the supervision
 * registry (imported for its side effect from routes.ts). Counted by the child's street
 * (guardianship_interventions.street_code, copied from the child) and reconstructed for any day
 * from the rows' timestamps (a step counts from its creation; a cancelled one is left out).
 */
import { INTERVENTION_KINDS, INTERVENTION_KIND_DEFS } from '#common/interventions.js';
import { registerIndicator } from '../supervision/indicators/registry.js';

const END = `(($1::date + 1)::timestamp at time zone 'Asia/Shanghai')`;
const CUT = `(case when $3 then least(now(), ${END}) else ${END} end)`;
const IN_STREETS = `i.street_code = any ($2::text[])`;
const COUNTED = `i.created_at < ${END} and i.status <> 'cancelled'`;
const TASKS = [10, 14];

registerIndicator({
  code: 'interventions.byStage',
  tasks: TASKS,
  unit: 'count',
  direction: 'none',
  defaultTarget: null,
  amberMargin: 0,
  name: '监护干预措施（按阶段）',
  nameEn: 'Guardianship interventions (by stage)',
  definition: '统计日前记录的监护干预措施（劝诫/制止、训诫、家庭教育指导令、申请撤销监护资格、支持起诉）件数，已取消的不计；分列为各阶段件数。',
  definitionEn:
    'Intervention-ladder steps recorded by the day (admonition, reprimand, guidance order, revocation petition, supported prosecution), cancelled ones left out; split by stage.',
  sql: `select i.street_code, count(*) as num, null::numeric as den, null::numeric as val from guardianship_interventions i
         where ${IN_STREETS} and ${COUNTED} group by grouping sets ((i.street_code), ())`,
  partsSql: `select i.street_code, i.kind as key, count(*) as n from guardianship_interventions i where ${IN_STREETS} and ${COUNTED}
             group by grouping sets ((i.street_code, i.kind), (i.kind))`,
  partLabels: Object.fromEntries(INTERVENTION_KINDS.map((k) => [k, INTERVENTION_KIND_DEFS[k].zh])),
  drillPermission: 'guardianship.read',
});

registerIndicator({
  code: 'interventions.byUnit',
  tasks: TASKS,
  unit: 'count',
  direction: 'none',
  defaultTarget: null,
  amberMargin: 0,
  name: '监护干预措施（按实施单位）',
  nameEn: 'Guardianship interventions (by unit taking them)',
  definition:
    '统计日前记录的监护干预措施件数（已取消的不计），按实施单位分列：居委会、街道实施的劝诫/制止计入“街道、居委会”，其余按公安、检察、法院、民政等接收单位。',
  definitionEn:
    'Intervention-ladder steps recorded by the day (cancelled left out), split by the unit taking them: streets and committees, police, procuratorate, court, civil affairs.',
  sql: `select i.street_code, count(*) as num, null::numeric as den, null::numeric as val from guardianship_interventions i
         where ${IN_STREETS} and ${COUNTED} group by grouping sets ((i.street_code), ())`,
  partsSql: `select q.street_code, q.key, count(*) as n
               from (select i.street_code, case when u.kind = 'street' or i.unit_code is null then 'street' else i.unit_code end as key
                       from guardianship_interventions i left join units u on u.code = i.unit_code
                      where ${IN_STREETS} and ${COUNTED}) q
              group by grouping sets ((q.street_code, q.key), (q.key))`,
  partLabels: {
    street: '街道、居委会',
    police: '区公安分局',
    procuratorate: '区检察院',
    court: '区法院',
    'civil-affairs': '区民政局',
  },
  drillPermission: 'guardianship.read',
});

registerIndicator({
  code: 'interventions.referralOverdue',
  tasks: TASKS,
  unit: 'count',
  direction: 'lower',
  defaultTarget: 0,
  amberMargin: 2,
  name: '逾期未办结的干预措施转介',
  nameEn: 'Intervention referrals past their deadline',
  definition: '统计日仍未办结（未办结、未退回、未撤回）且已超过办理期限或签收时限的干预措施转介（训诫、家庭教育指导令、撤销监护资格/支持起诉）件数。',
  definitionEn: 'Ladder steps whose referral (reprimand, guidance order, petition) is open on the day past its due day or its acknowledgement deadline.',
  sql: `select i.street_code, count(*) as num, null::numeric as den, null::numeric as val
          from guardianship_interventions i join referrals r on r.id = i.referral_id
         where ${IN_STREETS} and r.created_at < ${END} and (r.ended_at is null or r.ended_at >= ${END})
           and (r.due_on < $1::date or (r.ack_due_at < ${CUT} and (r.received_at is null or r.received_at >= ${CUT})))
         group by grouping sets ((i.street_code), ())`,
  drill: () => '/referrals?box=area&bucket=overdue',
  drillPermission: 'referrals.read',
});
