/**
 * Demo 授权与同意 (requirement 29): the legal-duty bases of every file are written by the database
 * when the file is created (migration 20261208_1540); this adds a few guardians' consents in the
 * child director's committee (dinghai-01) so the tab is not empty — consents to a referral to a
 * social organisation and to publicity photos, one of them withdrawn — and lets the demo social-work
 * agency (阳光社工服务社) take care-service referrals, so a referral to it can be tried (refused
 * without consent, accepted with it). Deterministic for a day: children in a fixed order of their
 * generated attributes, never of their random ids.
 */
import type pg from 'pg';
import { CHILD_VIEW_FROM_AGE } from '#common/consent.js';
import { addDays, ageOn } from '#common/dates.js';

export async function seedDemoConsent(client: pg.ClientBase, opts: { today: string }): Promise<{ consents: number }> {
  await client.query(
    `insert into referral_receivers (unit_code, kinds, services) select 'org-sunshine', '{service}', '社工个案服务、困境儿童陪伴（须监护人同意）'
      where exists (select 1 from units where code = 'org-sunshine') and not exists (select 1 from referral_receivers where unit_code = 'org-sunshine')`,
  );
  if ((await client.query('select 1 from child_consents limit 1')).rowCount) return { consents: 0 };
  const { today } = opts;
  const director = (await client.query<{ id: string }>(`select id from users where username = 'director-dinghai'`)).rows[0]?.id ?? null;
  const kids = (
    await client.query<{ id: string; birth_date: string; guardian: string; name: string; relation: string }>(
      `select distinct on (c.name_pinyin, c.birth_date, c.name) c.id, c.birth_date::text, m.id as guardian, m.name, m.relation
         from children c join committees k on k.id = c.committee_id join household_members m on m.child_id = c.id and m.role = 'guardian'
        where k.code = 'dinghai-01' and c.status = 'active'
        order by c.name_pinyin, c.birth_date, c.name, m.name
        limit 5`,
    )
  ).rows;
  const plan: { purpose: string; daysAgo: number; method: string; scope: string; withdrawn?: string }[] = [
    { purpose: 'org_referral', daysAgo: 40, method: 'written', scope: '同意转介至阳光社工服务社开展个案服务' },
    { purpose: 'publicity_photo', daysAgo: 30, method: 'written', scope: '同意在街道未保站公众号使用活动照片（不显示姓名）' },
    { purpose: 'org_referral', daysAgo: 90, method: 'oral', scope: '同意转介至社会组织开展陪伴服务', withdrawn: '监护人来电撤回，改由街道直接服务' },
    { purpose: 'publicity_photo', daysAgo: 60, method: 'electronic', scope: '同意宣传使用本学期活动照片' },
  ];
  let n = 0;
  for (const [i, p] of plan.entries()) {
    const k = kids[i];
    if (!k) break;
    const givenOn = addDays(today, -p.daysAgo);
    if (givenOn < k.birth_date) continue;
    const agreement = ageOn(k.birth_date, givenOn) >= CHILD_VIEW_FROM_AGE ? 'agreed' : null;
    await client.query(
      `insert into child_consents (child_id, purpose_code, guardian_member_id, guardian_name, guardian_relation, child_agreement, given_on, method, scope_note,
                                   evidence_note, valid_until, recorded_by, withdrawn_at, withdrawn_on, withdrawn_by, withdraw_reason, withdraw_effects)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $12, $15, $16)`,
      [
        k.id,
        p.purpose,
        k.guardian,
        k.name,
        k.relation,
        agreement,
        givenOn,
        p.method,
        p.scope,
        p.method === 'written' ? '书面同意书原件存于街道档案室' : null,
        p.purpose === 'publicity_photo' ? addDays(givenOn, 365) : null,
        director,
        p.withdrawn ? addDays(today, -10) + 'T02:00:00Z' : null,
        p.withdrawn ? addDays(today, -10) : null,
        p.withdrawn ?? null,
        p.withdrawn ? JSON.stringify(['没有需要终止的处理']) : null,
      ],
    );
    n++;
  }
  return { consents: n };
}
