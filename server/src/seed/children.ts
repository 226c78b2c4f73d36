/**
 * Loads generated demo children into the database in batches (one multi-row INSERT per table and
 * batch via unnest), encrypting identity numbers, phones and addresses exactly as the application does.
 */
import crypto from 'node:crypto';
import type pg from 'pg';
import { namePinyin } from '#common/pinyin.js';
import type { FieldCrypto } from '../crypto/fieldCrypto.js';
import { generateDemoData } from './generator.js';

const BATCH = 2_000;

/** A registration date within the two years before `today`, spread by the child's key (deterministic). */
function registeredOn(key: string, birthDate: string, today: string): string {
  let h = 2166136261;
  for (const ch of key) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const t = Date.parse(`${today}T00:00:00Z`) - (h % 730) * 86_400_000;
  const d = new Date(Math.max(t, Date.parse(`${birthDate}T00:00:00Z`))).toISOString().slice(0, 10);
  return d;
}

export async function loadDemoChildren(client: pg.ClientBase, fc: FieldCrypto, opts: { children: number; seed: number; today?: string }): Promise<number> {
  if (opts.children <= 0) return 0;
  const data = generateDemoData({ children: opts.children, seed: opts.seed, ...(opts.today ? { today: opts.today } : {}) });
  const today = data.today;
  const committeeIds = new Map((await client.query<{ code: string; id: string }>('select code, id from committees')).rows.map((r) => [r.code, r.id]));
  await client.query('begin');
  try {
    for (let i = 0; i < data.children.length; i += BATCH) {
      const batch = data.children.slice(i, i + BATCH);
      const ids = batch.map(() => crypto.randomUUID());
      const cols = {
        id: ids,
        committee: batch.map((c) => {
          const id = committeeIds.get(c.committeeCode);
          if (!id) throw new Error(`demo committee ${c.committeeCode} is missing`);
          return id;
        }),
        name: batch.map((c) => c.name),
        pinyin: [] as string[],
        initials: [] as string[],
        sex: batch.map((c) => c.sex),
        birth: batch.map((c) => c.birthDate),
        idEnc: batch.map((c) => fc.encryptOrNull(c.idNumber, 'children.id_number')),
        idBidx: batch.map((c) => (c.idNumber ? fc.blindIndex(c.idNumber, 'id_number') : null)),
        ethnicity: batch.map((c) => c.ethnicity),
        hukou: batch.map((c) => c.hukou),
        hukouAddr: batch.map((c) => fc.encryptOrNull(c.hukouAddress, 'children.hukou_address')),
        resAddr: batch.map((c) => fc.encryptOrNull(c.residenceAddress, 'children.residence_address')),
        phone: batch.map((c) => fc.encryptOrNull(c.phone, 'children.phone')),
        tail: batch.map((c) => c.idNumber?.slice(-6) ?? null),
        noId: batch.map((c) => (c.idNumber ? null : '户籍登记未完成，暂无身份证号')),
        risk: batch.map((c) => c.riskLevel),
        school: batch.map((c) => c.schoolStage),
        registered: batch.map((c) => registeredOn(c.key, c.birthDate, today)),
      };
      for (const c of batch) {
        const p = namePinyin(c.name);
        cols.pinyin.push(p.full);
        cols.initials.push(p.initials);
      }
      await client.query(
        `insert into children (id, committee_id, name, name_pinyin, name_initials, sex, birth_date, id_number_enc, id_number_bidx, ethnicity, hukou,
                               hukou_address_enc, residence_address_enc, phone_enc, id_number_tail, no_id_note, risk_level, school_stage, registered_on)
         select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::char[], $7::date[], $8::text[], $9::text[], $10::text[],
                              $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::date[])`,
        [
          cols.id,
          cols.committee,
          cols.name,
          cols.pinyin,
          cols.initials,
          cols.sex,
          cols.birth,
          cols.idEnc,
          cols.idBidx,
          cols.ethnicity,
          cols.hukou,
          cols.hukouAddr,
          cols.resAddr,
          cols.phone,
          cols.tail,
          cols.noId,
          cols.risk,
          cols.school,
          cols.registered,
        ],
      );
      const k = { child: [] as string[], category: [] as string[], since: [] as string[] };
      batch.forEach((c, i) => {
        for (const cat of c.categories) {
          k.child.push(ids[i]!);
          k.category.push(cat);
          k.since.push(cols.registered[i]!);
        }
      });
      await client.query(
        `insert into child_categories (child_id, category, since, source_note)
         select c, k, s, '社区云困境儿童名单（演示数据）' from unnest($1::uuid[], $2::text[], $3::date[]) as t(c, k, s)`,
        [k.child, k.category, k.since],
      );

      const m = {
        child: [] as string[],
        name: [] as string[],
        relation: [] as string[],
        role: [] as string[],
        sex: [] as string[],
        birth: [] as string[],
        idEnc: [] as (string | null)[],
        idBidx: [] as (string | null)[],
        phone: [] as (string | null)[],
        status: [] as string[],
        since: [] as (string | null)[],
        until: [] as (string | null)[],
        grade: [] as (number | null)[],
        dtype: [] as (string | null)[],
      };
      batch.forEach((c, k) => {
        for (const h of c.household) {
          m.child.push(ids[k]!);
          m.name.push(h.name);
          m.relation.push(h.relation);
          m.role.push(h.role);
          m.sex.push(h.sex);
          m.birth.push(h.birthDate);
          m.idEnc.push(fc.encryptOrNull(h.idNumber, 'household_members.id_number'));
          m.idBidx.push(h.idNumber ? fc.blindIndex(h.idNumber, 'id_number') : null);
          m.phone.push(fc.encryptOrNull(h.phone, 'household_members.phone'));
          m.status.push(h.status);
          m.since.push(h.statusSince ?? null);
          m.until.push(h.statusUntil ?? null);
          const dis = severeDisability(h);
          m.grade.push(dis?.grade ?? null);
          m.dtype.push(dis?.type ?? null);
        }
      });
      await client.query(
        `insert into household_members (child_id, name, relation, role, sex, birth_date, id_number_enc, id_number_bidx, phone_enc, status, status_since, status_until,
                                        disability_grade, disability_type)
         select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::char[], $6::date[], $7::text[], $8::text[], $9::text[], $10::text[], $11::date[], $12::date[],
                              $13::smallint[], $14::text[])`,
        [m.child, m.name, m.relation, m.role, m.sex, m.birth, m.idEnc, m.idBidx, m.phone, m.status, m.since, m.until, m.grade, m.dtype],
      );
    }
    await client.query(
      `insert into child_history (child_id, at, username, action)
       select id, registered_on::timestamp at time zone 'Asia/Shanghai', '（演示数据导入）', 'create' from children c
       where not exists (select 1 from child_history h where h.child_id = c.id)`,
    );
    // Next visit due from the rules (visits, once seeded, move it again).
    await client.query('select recompute_next_visits_all()');
    await client.query('commit');
  } catch (err) {
    await client.query('rollback');
    throw err;
  }
  return data.children.length;
}

/**
 * A 重残 parent's recorded disability: the policies derive 重残 from grade and type
 * (engine/policies/definitions.yaml), so the demo records one that meets the definition — grade 1-2
 * of any type, or 3-4 of intellectual or mental disability. Derived from the member's own data so
 * the generator's random sequence (and every other demo figure) is unchanged.
 */
function severeDisability(h: { status: string; name: string; birthDate: string }): { grade: number; type: string } | null {
  if (h.status !== 'severely_disabled') return null;
  let n = 0;
  for (const ch of `${h.name}${h.birthDate}`) n = (n * 31 + ch.charCodeAt(0)) % 1000003;
  const grade = (n % 4) + 1;
  const type = grade <= 2 ? ['肢体', '视力', '听力', '多重'][(n >> 2) % 4]! : ['智力', '精神'][(n >> 2) % 2]!;
  return { grade, type };
}
