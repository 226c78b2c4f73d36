/**
 * Demo 家庭监护能力评估 (plan task 15) on the active instrument, deterministic from the seed, the
 * children and the day:
 * - a hand-written set in 定海路街道 (the `street-dinghai` account; the first committee's children
 *   first, so `director-dinghai` sees them in summary): one commissioned and on time, one past its
 *   due day, one assessed 监护失当 with THE CHAIN applied (risk high with the reason, the dated
 *   category guardianship_improper with its source, next visit recomputed), one returned 监护正常
 *   with its re-assessment due within the month, one archived 监护不足, one cancelled;
 * - one 监护缺失 in another street, chain applied;
 * - a history of finished assessments across the streets this year, so the 督办 indicators have figures.
 *
 * The chain's file effects are written here with SQL (the seed runs as the owner, without a
 * request); the benefit re-matching the chain does runs for every child at start-up evaluation.
 * Runs in the caller's transaction; call it once, after the demo children.
 */
import type pg from 'pg';
import { addDays } from '#common/dates.js';
import { EFFECT_CATEGORY, scoreAssessment, type GradeEffect, type InstrumentDefinition, type InstrumentGrade } from '#common/guardianshipAssessment.js';
import type { FieldCrypto } from '../crypto/fieldCrypto.js';
import { NARRATIVE_COLUMN } from '../modules/guardianship/commands.js';

/** A small seeded PRNG (mulberry32). */
function rngOf(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { float: next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

interface ChildRow {
  id: string;
  street_code: string;
  committee_code: string;
  risk_level: string;
  risk_reason: string | null;
}

const ORGS = ['杨浦区未成年人保护工作站', '上海阳光社会工作服务中心', '杨浦区青少年事务社工站', '复旦大学社会工作教研团队'];
const ASSESSORS = ['王敏', '李慧', '周建国', '陈晓燕', '刘洋'];
const REASONS = [
  '走访发现监护人长期酗酒，孩子经常独自在家',
  '父亲服刑、母亲离家，由年迈祖父母照料',
  '学校反映孩子多日未洗澡、衣着单薄，疑似照料不足',
  '社区反映家长对孩子打骂较多',
  '监护人患精神疾病，需评估其监护能力',
];
const NARRATIVES: Record<GradeEffect, string> = {
  missing: '监护人下落不明，儿童由邻居临时照看，无人履行监护职责，生活和安全均无保障。',
  improper: '监护人有酗酒行为并多次打骂儿童，放学后无人照料，家中存在安全隐患；监护人对问题认识不足。',
  insufficient: '祖父母年迈多病，能保证基本生活，但学业辅导和情感关爱不足，需社区支持。',
  normal: '家庭照料周全，亲子关系融洽，监护人能主动寻求帮助，未发现监护问题。',
};
const MEASURES: Record<GradeEffect, string> = {
  missing: '立即安排临时照料，启动撤销监护资格评估，转介公安、民政。',
  improper: '开展家庭教育指导，提请公安机关训诫，每月走访一次。',
  insufficient: '链接志愿者学业辅导，每季度走访。',
  normal: '常规关注，按计划走访。',
};

/** Answers giving the wanted effect with the instrument (searched deterministically from the worst/best mix). */
function answersFor(def: InstrumentDefinition, grades: InstrumentGrade[], effect: GradeEffect, rng: ReturnType<typeof rngOf>): Record<string, number> | null {
  const items = def.dimensions.flatMap((d) => d.items);
  for (let tries = 0; tries < 200; tries++) {
    // the share of items answered at their best grows with the wanted grade
    const p = { missing: 0.1, improper: 0.5, insufficient: 0.7, normal: 0.95 }[effect] + (rng.float() - 0.5) * 0.2;
    const answers = Object.fromEntries(items.map((it) => [it.code, rng.float() < p ? 0 : rng.int(1, it.options.length - 1)]));
    const r = scoreAssessment({ definition: def, grades }, answers);
    if (r.complete && r.grade.effect === effect) return answers;
  }
  return null;
}

export async function seedDemoAssessments(
  client: pg.ClientBase,
  opts: { seed: number; today: string; fieldCrypto: FieldCrypto },
): Promise<{ assessments: number }> {
  const { today, fieldCrypto } = opts;
  const rng = rngOf(opts.seed ^ 0x9a55e5);
  const ins = (
    await client.query<{ code: string; version: number; definition: InstrumentDefinition; grades: InstrumentGrade[] }>(
      'select code, version, definition, grades from guardianship_instruments where active order by created_at desc limit 1',
    )
  ).rows[0];
  if (!ins) return { assessments: 0 };
  const instrument = ins;
  const children = (
    await client.query<ChildRow>(
      `select c.id, c.street_code, m.code as committee_code, c.risk_level, c.risk_reason
         from children c join committees m on m.id = c.committee_id
        where c.status = 'active'
        order by c.street_code, m.code, c.name_pinyin, c.name, c.birth_date, c.id`,
    )
  ).rows;
  if (!children.length) return { assessments: 0 };
  const street = (await client.query<{ id: string }>(`select id from users where username = 'street-dinghai'`)).rows[0]?.id ?? null;
  const used = new Set<string>();
  const take = (pred: (c: ChildRow) => boolean): ChildRow | null => {
    const c = children.find((x) => !used.has(x.id) && pred(x)) ?? null;
    if (c) used.add(c.id);
    return c;
  };
  let n = 0;

  async function add(
    c: ChildRow,
    status: 'commissioned' | 'assessed' | 'returned' | 'archived' | 'cancelled',
    o: { commissionedOn: string; dueOn: string; effect?: GradeEffect; assessedOn?: string; reassessOn?: string | null; chain?: boolean },
  ): Promise<void> {
    const unit = `street-${c.street_code}`;
    const reason = REASONS[rng.int(0, REASONS.length - 1)] ?? REASONS[0];
    const org = ORGS[rng.int(0, ORGS.length - 1)] ?? ORGS[0];
    const done = status === 'assessed' || status === 'returned' || status === 'archived';
    let result: { answers: Record<string, number>; dims: unknown; total: number; grade: InstrumentGrade } | null = null;
    if (done && o.effect) {
      const answers = answersFor(instrument.definition, instrument.grades, o.effect, rng);
      const r = answers ? scoreAssessment(instrument, answers) : null;
      if (!answers || !r?.complete) return;
      result = { answers, dims: r.dimensions, total: r.total, grade: r.grade };
    }
    const notAfterToday = (d: string) => (d > today ? today : d);
    const assessedOn = done ? notAfterToday(o.assessedOn ?? addDays(o.commissionedOn, 10)) : null;
    const returnedOn = status === 'returned' || status === 'archived' ? notAfterToday(addDays(assessedOn ?? o.commissionedOn, 3)) : null;
    const archivedOn = status === 'archived' ? notAfterToday(addDays(returnedOn ?? o.commissionedOn, 5)) : null;
    const { rows } = await client.query<{ id: string }>(
      `insert into guardianship_assessments (child_id, instrument_code, instrument_version, status, reason, commissioned_by, commissioned_unit,
         commissioned_on, assessor_org, assessor_name, due_on, methods, answers, dimension_scores, total_score, grade, grade_effect, narrative,
         measures, assessed_on, returned_on, archived_on, reassess_on, cancel_reason, created_at, version)
       values ($1, $2, $3, $4, $5, $6, (select code from units where code = $7), $8, $9, $10, $11, $12, $13::jsonb, $14::jsonb, $15, $16, $17, $18,
               $19, $20, $21, $22, $23, $24, ($8::date + time '09:30') at time zone 'Asia/Shanghai', $25)
       returning id`,
      [
        c.id,
        instrument.code,
        instrument.version,
        status,
        reason,
        c.street_code === 'dinghai' ? street : null,
        unit,
        o.commissionedOn,
        org,
        done ? (ASSESSORS[rng.int(0, ASSESSORS.length - 1)] ?? null) : null,
        o.dueOn,
        done ? ['observation', 'interview', 'questionnaire'] : [],
        result ? JSON.stringify(result.answers) : null,
        result ? JSON.stringify(result.dims) : null,
        result?.total ?? null,
        result?.grade.code ?? null,
        result?.grade.effect ?? null,
        result ? fieldCrypto.encrypt(NARRATIVES[result.grade.effect], NARRATIVE_COLUMN) : null,
        result ? MEASURES[result.grade.effect] : null,
        assessedOn,
        returnedOn,
        archivedOn,
        done ? (o.reassessOn ?? (assessedOn ? addDays(assessedOn, 180) : null)) : null,
        status === 'cancelled' ? '家庭已迁出本区，评估终止' : null,
        { commissioned: 1, assessed: 2, returned: 3, archived: 4, cancelled: 2 }[status],
      ],
    );
    n++;
    const id = rows[0]?.id;
    if (o.chain && id && result && assessedOn) {
      const category = EFFECT_CATEGORY[result.grade.effect];
      if (!category) return;
      const ref = `家庭监护能力评估（${assessedOn}，编号 ${id.slice(0, 8)}）：${result.grade.name}`;
      await client.query(
        `update children set risk_level = 'high', risk_reason = $2, high_risk_since = case when risk_level = 'high' then high_risk_since else $3::date end,
                version = version + 1 where id = $1`,
        [c.id, ref, assessedOn],
      );
      await client.query(
        `insert into child_categories (child_id, category, since, source_note, created_by)
         select $1, $2, $3, $4, $5 where not exists (select 1 from child_categories where child_id = $1 and category = $2 and until is null)`,
        [c.id, category, assessedOn, ref, street],
      );
      await client.query('select recompute_next_visit($1)', [c.id]);
    }
  }

  const dinghai1 = (c: ChildRow) => c.street_code === 'dinghai' && c.committee_code === 'dinghai-01';
  const dinghai = (c: ChildRow) => c.street_code === 'dinghai';
  const pick = (first: (c: ChildRow) => boolean) => take(first) ?? take(dinghai);
  const h = [
    { c: pick(dinghai1), status: 'commissioned' as const, o: { commissionedOn: addDays(today, -5), dueOn: addDays(today, 16) } },
    { c: pick(dinghai1), status: 'commissioned' as const, o: { commissionedOn: addDays(today, -40), dueOn: addDays(today, -6) } },
    {
      c: pick((x) => dinghai1(x) && x.risk_level !== 'high'),
      status: 'assessed' as const,
      o: { commissionedOn: addDays(today, -20), dueOn: addDays(today, -2), effect: 'improper' as const, assessedOn: addDays(today, -4), chain: true },
    },
    {
      c: pick(dinghai1),
      status: 'returned' as const,
      o: {
        commissionedOn: addDays(today, -200),
        dueOn: addDays(today, -180),
        effect: 'normal' as const,
        assessedOn: addDays(today, -185),
        reassessOn: addDays(today, 12),
      },
    },
    { c: pick(dinghai), status: 'archived' as const, o: { commissionedOn: addDays(today, -90), dueOn: addDays(today, -70), effect: 'insufficient' as const } },
    { c: pick(dinghai), status: 'cancelled' as const, o: { commissionedOn: addDays(today, -30), dueOn: addDays(today, -10) } },
    {
      c: take((x) => x.street_code !== 'dinghai' && x.risk_level !== 'high'),
      status: 'assessed' as const,
      o: { commissionedOn: addDays(today, -15), dueOn: addDays(today, 5), effect: 'missing' as const, assessedOn: addDays(today, -3), chain: true },
    },
  ];
  for (const x of h) if (x.c) await add(x.c, x.status, x.o);

  // a history over the year across the streets (finished, no chain: their files are as the demo made them)
  const streets = [...new Set(children.map((c) => c.street_code))];
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const span = Math.max(1, Math.round((Date.parse(today) - Date.parse(yearStart)) / 86_400_000) - 15);
  for (const s of streets) {
    const count = rng.int(1, 3);
    for (let i = 0; i < count; i++) {
      const c = take((x) => x.street_code === s);
      if (!c) break;
      const commissionedOn = addDays(yearStart, rng.int(0, span));
      const effect = (['normal', 'normal', 'insufficient', 'insufficient'] as const)[rng.int(0, 3)] ?? 'normal';
      await add(c, rng.float() < 0.5 ? 'archived' : 'returned', {
        commissionedOn,
        dueOn: addDays(commissionedOn, 20),
        effect,
        assessedOn: addDays(commissionedOn, rng.int(5, 15)),
      });
    }
  }
  return { assessments: n };
}
