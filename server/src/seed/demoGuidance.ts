/**
 * Demo guidance for guardians (监护指导): family-education, psychological and behavioural guidance
 * sessions for a few children — attended, missed (with a reason) and planned — so the 监护 tab's
 * 监护指导 card and the guidance indicators have something to show. The document templates are
 * reference data (server/src/modules/guidance/defaultTemplates.ts), not demo data.
 *
 * Children: those with a guardianship_improper category first, then others, in the committee of
 * the demo child director (`director-dinghai`, dinghai-01) first so that account sees a family to
 * help attend. Sessions of a child with a guidance order (家庭教育指导令, seeded by the ladder's
 * demo when it runs first) are linked to the order; without one they stand alone — this seed
 * creates no intervention.
 *
 * Deterministic for a given seed, children, orders and day. Runs as the owner in the caller's
 * transaction; call it once, after the demo casework.
 */
import type pg from 'pg';
import { addDays } from '#common/dates.js';
import type { GuidanceKind } from '#common/guidance.js';

/** A small seeded PRNG (mulberry32). */
function rngOf(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[], fallback: T): T => items[Math.floor(next() * items.length)] ?? fallback,
  };
}

const PROVIDERS = ['杨浦区家庭教育指导中心', '区未成年人心理健康辅导站', '街道社工站', '区妇联家庭教育讲师团'];
const TOPICS: Record<GuidanceKind, string[]> = {
  family_education: ['亲子沟通与陪伴', '监护职责与法律责任', '学习习惯的养成', '家庭规则与正面管教'],
  psychological: ['情绪管理与压力疏导', '亲子关系修复', '家庭冲突的化解'],
  behavioural: ['戒除酗酒行为干预', '暴力行为矫治', '作息与生活照料规范'],
};
const ABSENCE = ['外出务工未返沪', '身体不适，已请假', '未接电话，联系不上', '临时加班'];

interface ChildRow {
  id: string;
  member_id: string | null;
  order_id: string | null;
  order_required: number | null;
  problem_id: string | null;
}

export async function seedDemoGuidance(
  client: pg.ClientBase,
  opts: { seed: number; today: string; children?: number },
): Promise<{ sessions: number; children: number }> {
  const rng = rngOf(opts.seed ^ 0x6e7569);
  const { rows } = await client.query<ChildRow>(
    `select c.id,
            (select h.id from household_members h where h.child_id = c.id order by (h.role = 'guardian') desc, h.id limit 1) as member_id,
            o.id as order_id, o.sessions_required as order_required,
            (select p.id from problems p where p.child_id = c.id and p.category in ('guardianship', 'psychology') and p.status <> 'resolved' order by p.id limit 1) as problem_id
       from children c join committees m on m.id = c.committee_id
       left join lateral (select i.id, i.sessions_required from guardianship_interventions i
                           where i.child_id = c.id and i.kind = 'guidance_order' and i.status <> 'cancelled' order by i.created_at, i.id limit 1) o on true
      where c.status = 'active' and not exists (select 1 from guidance_sessions g where g.child_id = c.id)
      order by (o.id is null), (m.code <> 'dinghai-01'),
               not exists (select 1 from child_categories cc where cc.child_id = c.id and cc.category = 'guardianship_improper' and cc.until is null),
               c.id
      limit $1`,
    [opts.children ?? 8],
  );
  let sessions = 0;
  for (const c of rows) {
    const kind: GuidanceKind = c.order_id
      ? 'family_education'
      : rng.pick<GuidanceKind>(['family_education', 'family_education', 'psychological', 'behavioural'], 'family_education');
    const n = c.order_id ? Math.max(2, Math.min(c.order_required ?? 4, 6)) : rng.int(2, 4);
    const provider = rng.pick(PROVIDERS, '街道社工站');
    // every two to three weeks before today, then one or two planned in the coming weeks
    const planned = rng.int(1, 2);
    const days = [
      ...Array.from({ length: n - planned }, (_, k) => addDays(opts.today, -(n - planned - k) * 17 + rng.int(0, 4))),
      ...Array.from({ length: planned }, (_, j) => addDays(opts.today, 5 + 14 * j + rng.int(0, 3))),
    ];
    for (const day of days) {
      const future = day > opts.today;
      const attended = future ? null : rng.chance(0.75);
      await client.query(
        `insert into guidance_sessions (child_id, kind, intervention_id, problem_id, member_id, provider, topic, scheduled_on, attended, absence_reason, note)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          c.id,
          kind,
          c.order_id,
          c.problem_id,
          c.member_id,
          provider,
          rng.pick(TOPICS[kind], '亲子沟通与陪伴'),
          day,
          attended,
          attended === false ? rng.pick(ABSENCE, '临时加班') : null,
          attended ? rng.pick<string | null>([null, '监护人按时参加，态度较好', '已布置家庭作业，下次检查'], null) : null,
        ],
      );
      sessions++;
    }
  }
  return { sessions, children: rows.length };
}
