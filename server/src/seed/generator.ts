/**
 * Deterministic synthetic demo data: children in difficulty in Yangpu with their households.
 *
 * Everything is drawn from a small seeded PRNG (sfc32, seeded through splitmix32), so one seed always
 * gives the same dataset. Nothing here describes a real person: names, identity numbers (valid GB 11643
 * check digits, unique across the dataset), phones and addresses are invented.
 *
 * How a child is made:
 *   1. a committee (street weights by population; `dinghai-01`, the demo child director's committee,
 *      always gets a reserved share);
 *   2. a scenario (orphan, de-facto unsupported, 低保 family, disabled child, migrant…), which fixes the
 *      parents' statuses and who the guardian is;
 *   3. the categories that follow from the parents' statuses are derived, not drawn:
 *      - orphan_*            ⇔ both parents deceased;
 *      - defacto_unsupported ⇔ the national rule (民发〔2019〕62号) holds, see `isDefactoUnsupported`;
 *      - guardianship_missing ⇔ neither parent alive_fit and not an orphan (Shanghai's wider category,
 *        so every de-facto unsupported child is also guardianship_missing);
 *      the others (disabled, 低保, migrant…) come from the scenario.
 */
import { addMonths, ageOn } from '#common/dates.js';
import { checkDigit } from '#common/idNumber.js';
import { CHILD_CATEGORIES, type ChildCategory, type Relation as CommonRelation, type RiskLevel, type SchoolStage } from '#common/values.js';
import { committeeRoad, DEMO_COMMITTEES, DEMO_DIRECTOR_COMMITTEE, STREETS, type DemoCommittee, type Street } from './committees.js';
import { DOUBLED_CHARS, GIVEN_CHARS, MINORITY_ETHNICITIES, SURNAMES } from './names.js';

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** The relations the generator uses (all of common's RELATIONS but 其他). */
export type Relation = Exclude<CommonRelation, '其他'>;

export type MemberStatus =
  | 'alive_fit'
  | 'deceased'
  | 'missing'
  | 'out_of_contact'
  | 'imprisoned'
  | 'drug_rehab'
  | 'seriously_ill'
  | 'severely_disabled'
  | 'guardianship_revoked'
  | 'deported';

export interface DemoMember {
  name: string;
  relation: Relation;
  role: 'guardian' | 'caregiver' | 'member';
  sex: 'M' | 'F';
  birthDate: string;
  idNumber: string;
  phone: string | null;
  status: MemberStatus;
  /** Date the status began (death, start of sentence, last contact…); absent for alive_fit. */
  statusSince?: string;
  /** Expected end (release from prison, end of compulsory drug rehabilitation); in the future. */
  statusUntil?: string;
}

export interface DemoChild {
  /** Stable key, 'c000001'… */
  key: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  /** null for about 3% of children: registered without an identity number. */
  idNumber: string | null;
  ethnicity: string;
  hukou: 'local' | 'other';
  hukouAddress: string;
  residenceAddress: string;
  streetCode: string;
  committeeCode: string;
  /** Main contact mobile: the phone of the first guardian or caregiver who has one. */
  phone: string;
  schoolStage: SchoolStage;
  categories: ChildCategory[];
  riskLevel: RiskLevel;
  /**
   * Father and mother always (whatever their status), then guardians/caregivers who are not parents,
   * then siblings. Institutional orphans have no guardian in the household (the welfare institution
   * is their guardian); a relative is listed as a member and contact.
   */
  household: DemoMember[];
}

export interface DemoDataset {
  seed: number;
  today: string;
  streets: Street[];
  committees: DemoCommittee[];
  children: DemoChild[];
}

export interface GenerateOptions {
  children: number;
  seed: number;
  /** YYYY-MM-DD; ages are 0-17 on this date. Default '2026-11-29'. */
  today?: string;
}

export const DEFAULT_TODAY = '2026-11-29';

// ---------------------------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------------------------

/** sfc32 (Small Fast Counter), seeded through splitmix32. */
class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const splitmix = () => {
      s = (s + 0x9e3779b9) | 0;
      let t = s ^ (s >>> 16);
      t = Math.imul(t, 0x21f0aaad);
      t ^= t >>> 15;
      t = Math.imul(t, 0x735a2d97);
      t ^= t >>> 15;
      return t >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Unsigned 32-bit integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** [0, 1) */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Integer in [min, max], inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }
}

/** A weighted table, sampled by linear scan of cumulative weights (the tables are small). */
class Weighted<T> {
  private readonly items: T[];
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    this.items = [];
    this.cumulative = [];
    let total = 0;
    for (const [item, weight] of entries) {
      if (weight <= 0) continue;
      total += weight;
      this.items.push(item);
      this.cumulative.push(total);
    }
    this.total = total;
  }

  sample(rng: Rng): T {
    const x = rng.float() * this.total;
    for (let i = 0; i < this.cumulative.length; i++) if (x < this.cumulative[i]!) return this.items[i]!;
    return this.items[this.items.length - 1]!;
  }
}

// ---------------------------------------------------------------------------------------------
// Dates (epoch days, UTC)
// ---------------------------------------------------------------------------------------------

// Civil-date arithmetic without Date objects (H. Hinnant's days_from_civil / civil_from_days): the
// generator does millions of these, and this keeps 100,000 children well within a few seconds.

function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const PAD2 = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

function fromDay(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${PAD2[m]}-${PAD2[d]}`;
}

function toDay(date: string): number {
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** The same calendar day `years` earlier; 29 February becomes 28 February in a common year. */
function yearsBefore(date: string, years: number): string {
  const d = addYears(date, -years);
  return d.slice(5) === date.slice(5) ? d : fromDay(toDay(d) - 1);
}

function year(date: string): number {
  return Number(date.slice(0, 4));
}

// ---------------------------------------------------------------------------------------------
// Rules shared with the tests
// ---------------------------------------------------------------------------------------------

type StatusFields = Pick<DemoMember, 'status' | 'statusSince' | 'statusUntil'>;

/**
 * One parent's situation under 民发〔2019〕62号: 重残, 重病, 服刑在押 / 强制隔离戒毒 of 6 months or more,
 * 失联 for 6 months or more, 被撤销监护资格, 被遣送(驱逐)出境.
 */
export function inNationalSituation(p: StatusFields, today: string): boolean {
  switch (p.status) {
    case 'seriously_ill':
    case 'severely_disabled':
    case 'guardianship_revoked':
    case 'deported':
      return true;
    case 'imprisoned':
    case 'drug_rehab':
      return p.statusSince !== undefined && p.statusUntil !== undefined && addMonths(p.statusSince, 6) <= p.statusUntil;
    case 'out_of_contact':
      return p.statusSince !== undefined && addMonths(p.statusSince, 6) <= today;
    default:
      return false;
  }
}

/** 事实无人抚养: both parents in a national situation, or one dead or missing and the other in one. */
export function isDefactoUnsupported(father: StatusFields, mother: StatusFields, today: string): boolean {
  const f = inNationalSituation(father, today);
  const m = inNationalSituation(mother, today);
  const goneF = father.status === 'deceased' || father.status === 'missing';
  const goneM = mother.status === 'deceased' || mother.status === 'missing';
  return (f && m) || (goneF && m) || (goneM && f);
}

// ---------------------------------------------------------------------------------------------
// Reference tables
// ---------------------------------------------------------------------------------------------

/** Relative weights of streets (resident population, older housing weighing a little more). */
const STREET_WEIGHTS: Record<string, number> = {
  dinghai: 10,
  pingliang: 9,
  jiangpu: 7,
  siping: 8,
  kongjiang: 9,
  changbai: 7,
  yanji: 7,
  yinhang: 14,
  daqiao: 9,
  wujiaochang: 8,
  xinjiangwan: 3,
  changhai: 9,
};

const YANGPU = '310110';
const OTHER_SHANGHAI = ['310101', '310104', '310105', '310106', '310107', '310109', '310112', '310113', '310114', '310115', '310117', '310120'];

const PROVINCES = new Weighted<{ region: string; place: string }>([
  [{ region: '340104', place: '安徽省合肥市蜀山区' }, 16],
  [{ region: '410102', place: '河南省郑州市中原区' }, 10],
  [{ region: '320102', place: '江苏省南京市玄武区' }, 10],
  [{ region: '510104', place: '四川省成都市锦江区' }, 8],
  [{ region: '420102', place: '湖北省武汉市江岸区' }, 6],
  [{ region: '360102', place: '江西省南昌市东湖区' }, 6],
  [{ region: '330102', place: '浙江省杭州市上城区' }, 5],
  [{ region: '500101', place: '重庆市万州区' }, 5],
  [{ region: '370102', place: '山东省济南市历下区' }, 4],
  [{ region: '430102', place: '湖南省长沙市芙蓉区' }, 4],
  [{ region: '520102', place: '贵州省贵阳市南明区' }, 3],
  [{ region: '350102', place: '福建省福州市鼓楼区' }, 2],
  [{ region: '230102', place: '黑龙江省哈尔滨市道里区' }, 2],
  [{ region: '610102', place: '陕西省西安市新城区' }, 2],
  [{ region: '130102', place: '河北省石家庄市长安区' }, 2],
  [{ region: '450102', place: '广西壮族自治区南宁市兴宁区' }, 2],
  [{ region: '620102', place: '甘肃省兰州市城关区' }, 1],
  [{ region: '530102', place: '云南省昆明市五华区' }, 1],
]);
const OTHER_ROADS = ['人民路', '解放路', '建设路', '中山路', '和平路', '新华路', '胜利路', '朝阳路', '文化路', '光明路', '长江路', '黄河路'];

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '175',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '198',
  '199',
];

const SURNAME_TABLE = new Weighted(SURNAMES);
const MINORITIES = new Weighted(MINORITY_ETHNICITIES);

type Scenario = 'orphan' | 'defacto' | 'gm_short' | 'improper' | 'disabled' | 'ill' | 'dibao' | 'marginal' | 'migrant' | 'left_behind' | 'reunited';

const SCENARIOS = new Weighted<Scenario>([
  ['orphan', 5],
  ['defacto', 9],
  ['gm_short', 2],
  ['improper', 5],
  ['disabled', 14],
  ['ill', 8],
  ['dibao', 20],
  ['marginal', 9],
  ['migrant', 6],
  ['left_behind', 2],
  ['reunited', 2],
]);

/** Statuses of a parent in a national situation, for de-facto unsupported children. */
type Situation = 'imprisoned' | 'drug_rehab' | 'out_of_contact' | 'seriously_ill' | 'severely_disabled' | 'guardianship_revoked';
const SITUATIONS = new Weighted<Situation>([
  ['imprisoned', 30],
  ['drug_rehab', 12],
  ['out_of_contact', 22],
  ['seriously_ill', 14],
  ['severely_disabled', 14],
  ['guardianship_revoked', 8],
]);

/** Ages weighted a little towards school age. */
const AGES = new Weighted<number>(Array.from({ length: 18 }, (_, age) => [age, age === 0 ? 3 : age < 3 ? 4 : age < 6 ? 5 : 6] as const));

const RISK_POINTS: Partial<Record<ChildCategory, number>> = {
  guardianship_improper: 4,
  guardianship_missing: 3,
  reunited_with_parents: 3,
  orphan_scattered: 2,
  seriously_ill: 2,
  left_behind: 2,
  disabled: 1,
  migrant_in_difficulty: 1,
  low_income_dibao: 1,
  extreme_poverty: 1,
};

// ---------------------------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------------------------

interface StatusPlan {
  status: MemberStatus;
  statusSince?: string;
  statusUntil?: string;
}

interface Parents {
  father: StatusPlan;
  mother: StatusPlan;
}

/** Who looks after the child, by scenario. */
type CareArrangement = 'parents' | 'relative' | 'institution' | 'parents+grandparent';

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Largest-remainder apportionment of `n` over `weights`. */
function apportion(n: number, weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (n * w) / total);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (let k = 0; left > 0; k++, left--) counts[order[k % order.length]![1]]!++;
  return counts;
}

/** Committee of each child, before shuffling: dinghai-01 gets a reserved share, the rest by weight. */
function committeeSlots(n: number, rng: Rng): string[] {
  const reserved = Math.min(n, Math.max(3, Math.ceil(n * 0.02)));
  const weights = DEMO_COMMITTEES.map((c) => {
    const inStreet = DEMO_COMMITTEES.filter((x) => x.streetCode === c.streetCode).length;
    const size = 0.6 + (hash(c.code) % 80) / 100; // committees differ in size, the same for every seed
    return ((STREET_WEIGHTS[c.streetCode] ?? 5) * size) / inStreet;
  });
  const counts = apportion(n - reserved, weights);
  const slots: string[] = [];
  for (let i = 0; i < reserved; i++) slots.push(DEMO_DIRECTOR_COMMITTEE);
  DEMO_COMMITTEES.forEach((c, i) => {
    for (let k = 0; k < counts[i]!; k++) slots.push(c.code);
  });
  for (let i = slots.length - 1; i > 0; i--) {
    const j = Math.floor(rng.float() * (i + 1));
    [slots[i], slots[j]] = [slots[j]!, slots[i]!];
  }
  return slots;
}

class Generator {
  private readonly rng: Rng;
  private readonly today: string;
  private readonly todayDay: number;
  /**
   * Identity-number sequences used, per (region, birth date, sex): key → start * 1000 + count.
   * Sequences are handed out as a permutation from a random start, so numbers are unique by
   * construction, without keeping (and hashing) every number issued.
   */
  private readonly idSlots = new Map<number, number>();
  private readonly regionIndex = new Map<string, number>();
  /** Phone suffixes used, per prefix (numbers, not strings: cheap to hash). */
  private readonly phoneSuffixes: Set<number>[] = MOBILE_PREFIXES.map(() => new Set<number>());

  constructor(seed: number, today: string) {
    this.rng = new Rng(seed);
    this.today = today;
    this.todayDay = toDay(today);
  }

  // --- small helpers --------------------------------------------------------------------------

  private idNumber(region: string, birthDate: string, sex: 'M' | 'F'): string {
    let r = this.regionIndex.get(region);
    if (r === undefined) {
      r = this.regionIndex.size;
      this.regionIndex.set(region, r);
    }
    const male = sex === 'M' ? 1 : 0;
    const key = (r * 100_000 + toDay(birthDate) + 40_000) * 2 + male;
    const v = this.idSlots.get(key) ?? this.rng.int(0, 499) * 1000;
    const start = Math.floor(v / 1000);
    const used = v % 1000;
    if (used >= 500) throw new Error(`identity numbers exhausted for ${region} ${birthDate} ${sex}`);
    this.idSlots.set(key, v + 1);
    // 500 sequences of each parity; 7 is coprime with 500, so this visits every slot once.
    const seq = ((start + used * 7) % 500) * 2 + male;
    const first17 = region + birthDate.slice(0, 4) + birthDate.slice(5, 7) + birthDate.slice(8, 10) + PAD3[seq]!;
    return first17 + checkDigit(first17);
  }

  private phone(): string {
    for (;;) {
      const p = this.rng.int(0, MOBILE_PREFIXES.length - 1);
      const suffix = this.rng.int(0, 99_999_999);
      const used = this.phoneSuffixes[p]!;
      if (!used.has(suffix)) {
        used.add(suffix);
        return MOBILE_PREFIXES[p]! + String(suffix).padStart(8, '0');
      }
    }
  }

  private name(surname: string, sex: 'M' | 'F', birthYear: number): string {
    const rng = this.rng;
    if (birthYear >= 2000 && rng.chance(sex === 'F' ? 0.05 : 0.02)) {
      const c = rng.pick(DOUBLED_CHARS[sex]);
      return surname + c + c;
    }
    const single = rng.chance(birthYear >= 2000 ? 0.08 : 0.25);
    const first = this.givenChar(sex, birthYear);
    if (single) return surname + first;
    let second = this.givenChar(sex, birthYear);
    if (second === first) second = this.givenChar(sex, birthYear);
    return surname + first + second;
  }

  private givenChar(sex: 'M' | 'F', birthYear: number): string {
    const pools = GIVEN_CHARS[sex];
    const modern = birthYear >= 2000 || (birthYear >= 1975 && this.rng.chance(0.5));
    return this.rng.pick(modern ? pools.modern : pools.classic);
  }

  private surname(): string {
    return SURNAME_TABLE.sample(this.rng);
  }

  /** A birth date `minYears`..`maxYears` (whole years, plus up to 364 days) before `ref`. */
  private birthBefore(ref: string, minYears: number, maxYears: number): string {
    // triangular distribution of the gap, centred in the range
    const span = maxYears - minYears;
    const years = minYears + Math.floor(((this.rng.float() + this.rng.float()) / 2) * (span + 1));
    return fromDay(toDay(yearsBefore(ref, Math.min(years, maxYears))) - this.rng.int(0, 364));
  }

  private dayBetween(from: number, to: number): string {
    return fromDay(from >= to ? to : this.rng.int(from, to));
  }

  private localAddress(road: string): string {
    const room = `${this.rng.int(1, 6)}0${this.rng.int(1, 4)}`;
    if (this.rng.chance(0.15)) return `上海市杨浦区${road}${this.rng.int(1, 1500)}号${room}室`;
    return `上海市杨浦区${road}${this.rng.int(1, 999)}弄${this.rng.int(1, 60)}号${room}室`;
  }

  private otherAddress(place: string): string {
    return `${place}${this.rng.pick(OTHER_ROADS)}${this.rng.int(1, 400)}号${this.rng.int(1, 20)}栋${this.rng.int(1, 6)}0${this.rng.int(1, 4)}室`;
  }

  // --- statuses -------------------------------------------------------------------------------

  /**
   * A status with its dates. `earliest` is the first possible day of the status (the child's birth,
   * or a pregnancy earlier for a father). `long`: for imprisonment, out-of-contact and missing,
   * whether the 6-month threshold is met.
   */
  private status(status: MemberStatus, earliest: number, long = true): StatusPlan {
    const rng = this.rng;
    const today = this.todayDay;
    const lo = Math.min(earliest, today);
    switch (status) {
      case 'alive_fit':
        return { status };
      case 'deceased':
      case 'seriously_ill':
      case 'guardianship_revoked':
      case 'deported':
        return { status, statusSince: this.dayBetween(lo, today) };
      case 'severely_disabled':
        return rng.chance(0.5) ? { status } : { status, statusSince: this.dayBetween(lo, today) };
      case 'imprisoned': {
        const sentence = long ? rng.int(240, 3650) : rng.int(30, 150);
        const elapsed = rng.int(0, Math.max(0, Math.min(sentence - 1, today - lo)));
        const since = today - elapsed;
        return { status, statusSince: fromDay(since), statusUntil: fromDay(since + sentence) };
      }
      case 'drug_rehab': {
        // 强制隔离戒毒: two years
        const since = today - rng.int(0, Math.max(0, Math.min(700, today - lo)));
        return { status, statusSince: fromDay(since), statusUntil: addYears(fromDay(since), 2) };
      }
      case 'out_of_contact':
      case 'missing': {
        // long: more than 6 months (190+ days) ago; callers only ask for long on children of 1 year or more
        const since = long ? today - rng.int(190, Math.max(190, Math.min(3000, today - lo))) : today - rng.int(20, 150);
        return { status, statusSince: fromDay(since) };
      }
    }
  }

  private adultRegion(hukou: 'local' | 'other', province: { region: string }): string {
    const rng = this.rng;
    if (hukou === 'other') return rng.chance(0.9) ? province.region : PROVINCES.sample(rng).region;
    const r = rng.float();
    return r < 0.8 ? YANGPU : r < 0.88 ? rng.pick(OTHER_SHANGHAI) : PROVINCES.sample(rng).region;
  }

  /**
   * Add a household member. Guardians and caregivers always have a phone; others sometimes, and
   * never when absent (dead, missing, out of contact, in prison or rehabilitation, deported).
   */
  private addMember(
    members: DemoMember[],
    name: string,
    relation: Relation,
    sex: 'M' | 'F',
    birthDate: string,
    region: string,
    plan: StatusPlan,
    role: DemoMember['role'],
    phoneAllowed = true,
  ): DemoMember {
    const status = plan.status;
    const absent =
      status === 'deceased' ||
      status === 'missing' ||
      status === 'out_of_contact' ||
      status === 'imprisoned' ||
      status === 'drug_rehab' ||
      status === 'deported';
    const hasPhone = role !== 'member' || (phoneAllowed && !absent && this.rng.chance(status === 'alive_fit' ? 0.85 : 0.6));
    const m: DemoMember = {
      name,
      relation,
      role,
      sex,
      birthDate,
      idNumber: this.idNumber(region, birthDate, sex),
      phone: hasPhone ? this.phone() : null,
      status,
    };
    if (plan.statusSince !== undefined) m.statusSince = plan.statusSince;
    if (plan.statusUntil !== undefined) m.statusUntil = plan.statusUntil;
    members.push(m);
    return m;
  }

  /** One parent (either side, at random) gets `status`; the other stays as they are. */
  private oneParent(parents: Parents, birthDay: number, status: MemberStatus, long = true): void {
    if (this.rng.chance(0.5)) parents.father = this.status(status, birthDay - 270, long);
    else parents.mother = this.status(status, birthDay, long);
  }

  // --- one child ------------------------------------------------------------------------------

  child(index: number, committeeCode: string, streetCode: string): DemoChild {
    const rng = this.rng;
    const today = this.today;

    // Age and birth date: age `age` on today means born in (today - age - 1 years, today - age years].
    const age = AGES.sample(rng);
    const newest = toDay(yearsBefore(today, age));
    const oldest = toDay(yearsBefore(today, age + 1)) + 1;
    const birthDate = fromDay(rng.int(oldest, newest));
    const birthDay = toDay(birthDate);
    const sex: 'M' | 'F' = rng.chance(0.52) ? 'M' : 'F';

    // Scenario; those with long parent absences need a child of 1 year or more.
    let scenario = SCENARIOS.sample(rng);
    while ((scenario === 'defacto' || scenario === 'gm_short') && age < 1) scenario = SCENARIOS.sample(rng);

    const hukou: 'local' | 'other' =
      scenario === 'migrant' ? 'other' : scenario === 'dibao' || scenario === 'marginal' ? 'local' : rng.chance(0.08) ? 'other' : 'local';
    const province = PROVINCES.sample(rng);

    // Parents' statuses and the care arrangement.
    // A father may have died or been taken away during the pregnancy; a mother not before the birth.
    const fatherEarliest = birthDay - 270;
    const motherEarliest = birthDay;
    const parents: Parents = { father: { status: 'alive_fit' }, mother: { status: 'alive_fit' } };
    let care: CareArrangement = 'parents';
    const extra: ChildCategory[] = [];

    switch (scenario) {
      case 'orphan':
        parents.father = this.status('deceased', fatherEarliest);
        parents.mother = this.status('deceased', motherEarliest);
        care = rng.chance(0.2) ? 'institution' : 'relative';
        break;
      case 'defacto': {
        if (rng.chance(0.55)) {
          parents.father = this.status(SITUATIONS.sample(rng), fatherEarliest);
          parents.mother = this.status(SITUATIONS.sample(rng), motherEarliest);
        } else {
          const gone: MemberStatus = rng.chance(0.8) ? 'deceased' : 'missing';
          if (rng.chance(0.5)) {
            parents.father = this.status(gone, fatherEarliest);
            parents.mother = this.status(SITUATIONS.sample(rng), motherEarliest);
          } else {
            parents.mother = this.status(gone, motherEarliest);
            parents.father = this.status(SITUATIONS.sample(rng), fatherEarliest);
          }
        }
        care = 'relative';
        break;
      }
      case 'gm_short': {
        // Both parents unavailable, but not (yet) for the 6 months of the national rule.
        const short: MemberStatus = rng.chance(0.6) ? 'imprisoned' : 'out_of_contact';
        if (rng.chance(0.5)) {
          parents.father = this.status('deceased', fatherEarliest);
          parents.mother = this.status(short, motherEarliest, false);
        } else {
          parents.mother = this.status('deceased', motherEarliest);
          parents.father = this.status(short, fatherEarliest, false);
        }
        care = 'relative';
        break;
      }
      case 'improper':
        if (rng.chance(0.15)) this.oneParent(parents, birthDay, 'guardianship_revoked');
        // eslint-disable-next-line no-dupe-else-if -- rng.chance() draws a new number on each call: a second, independent chance
        else if (rng.chance(0.15)) this.oneParent(parents, birthDay, 'deceased');
        if (rng.chance(0.3)) care = 'parents+grandparent';
        break;
      case 'disabled':
      case 'ill':
        if (rng.chance(0.1)) this.oneParent(parents, birthDay, 'deceased');
        else if (rng.chance(0.08)) this.oneParent(parents, birthDay, rng.chance(0.5) ? 'seriously_ill' : 'severely_disabled');
        extra.push(scenario === 'disabled' ? 'disabled' : 'seriously_ill');
        if (hukou === 'local') {
          const r = rng.float();
          if (r < 0.2) extra.push('low_income_dibao');
          else if (r < 0.32) extra.push('low_income_marginal');
        }
        if (rng.chance(0.25)) care = 'parents+grandparent';
        break;
      case 'dibao':
      case 'marginal': {
        const r = rng.float();
        if (r < 0.3) this.oneParent(parents, birthDay, rng.chance(0.5) ? 'seriously_ill' : 'severely_disabled');
        else if (r < 0.5) this.oneParent(parents, birthDay, 'deceased');
        else if (r < 0.6) this.oneParent(parents, birthDay, rng.chance(0.7) ? 'imprisoned' : 'drug_rehab');
        extra.push(scenario === 'dibao' ? 'low_income_dibao' : 'low_income_marginal');
        if (rng.chance(0.06)) extra.push('disabled');
        if (rng.chance(0.2)) care = 'parents+grandparent';
        break;
      }
      case 'migrant':
        if (rng.chance(0.2)) this.oneParent(parents, birthDay, 'seriously_ill');
        extra.push('migrant_in_difficulty');
        if (rng.chance(0.08)) extra.push('disabled');
        // eslint-disable-next-line no-dupe-else-if -- rng.chance() draws a new number on each call: a second, independent chance
        else if (rng.chance(0.08)) extra.push('seriously_ill');
        break;
      case 'left_behind':
        extra.push('left_behind');
        care = 'parents+grandparent';
        break;
      case 'reunited':
        extra.push('reunited_with_parents');
        break;
    }
    if ((scenario === 'orphan' || scenario === 'defacto' || scenario === 'gm_short') && rng.chance(0.12)) extra.push('disabled');

    // Categories derived from the parents' statuses.
    const { father, mother } = parents;
    const categories: ChildCategory[] = [];
    const orphan = father.status === 'deceased' && mother.status === 'deceased';
    if (orphan) categories.push(care === 'institution' ? 'orphan_institutional' : 'orphan_scattered');
    if (!orphan && isDefactoUnsupported(father, mother, today)) categories.push('defacto_unsupported');
    if (!orphan && father.status !== 'alive_fit' && mother.status !== 'alive_fit') categories.push('guardianship_missing');
    if (scenario === 'improper') categories.push('guardianship_improper');
    for (const c of extra) if (!categories.includes(c)) categories.push(c);
    if (hukou === 'local' && (orphan || categories.includes('defacto_unsupported')) && care !== 'institution' && rng.chance(0.08)) {
      categories.push('extreme_poverty');
    }
    categories.sort((a, b) => CHILD_CATEGORIES.indexOf(a) - CHILD_CATEGORIES.indexOf(b));

    // Family names and regions.
    const fatherSurname = this.surname();
    const motherSurname = this.surname();
    const childSurname = rng.chance(0.92) ? fatherSurname : motherSurname;
    const members: DemoMember[] = [];
    const alive: StatusPlan = { status: 'alive_fit' };

    // Parents: 20-45 years older than the child. A parent who died or was taken away before the
    // child's birth is not possible except for the father (pregnancy), handled in `status`.
    const fatherBirth = this.birthBefore(birthDate, 22, 44);
    const motherBirth = this.birthBefore(birthDate, 20, 40);
    const parentsCare = care === 'parents' || care === 'parents+grandparent';
    const fatherRole = parentsCare && father.status === 'alive_fit' ? 'guardian' : 'member';
    const motherRole = parentsCare && mother.status === 'alive_fit' ? 'guardian' : 'member';
    this.addMember(members, this.name(fatherSurname, 'M', year(fatherBirth)), '父亲', 'M', fatherBirth, this.adultRegion(hukou, province), father, fatherRole);
    this.addMember(members, this.name(motherSurname, 'F', year(motherBirth)), '母亲', 'F', motherBirth, this.adultRegion(hukou, province), mother, motherRole);

    // Relatives who care for the child (or, for institutional orphans, stay in contact).
    if (care !== 'parents') {
      const role: DemoMember['role'] = care === 'relative' ? 'guardian' : care === 'institution' ? 'member' : 'caregiver';
      const paternal = rng.chance(0.6);
      const parentBirth = paternal ? fatherBirth : motherBirth;
      const gpSex: 'M' | 'F' = rng.chance(0.35) ? 'M' : 'F';
      const gpBirth = this.birthBefore(parentBirth, 22, 34);
      const gpAge = ageOn(gpBirth, today);
      if (care !== 'institution' && gpAge <= 82) {
        const relation: Relation = paternal ? (gpSex === 'M' ? '祖父' : '祖母') : gpSex === 'M' ? '外祖父' : '外祖母';
        const gpSurname = gpSex === 'M' ? (paternal ? fatherSurname : motherSurname) : this.surname();
        this.addMember(members, this.name(gpSurname, gpSex, year(gpBirth)), relation, gpSex, gpBirth, this.adultRegion(hukou, province), alive, role);
        // the grandparent's spouse, sometimes alive and helping
        if (rng.chance(0.45)) {
          const spSex: 'M' | 'F' = gpSex === 'M' ? 'F' : 'M';
          const spBirth = fromDay(toDay(gpBirth) + rng.int(-1500, 1500));
          if (ageOn(spBirth, today) <= 85) {
            const spRelation: Relation = paternal ? (spSex === 'M' ? '祖父' : '祖母') : spSex === 'M' ? '外祖父' : '外祖母';
            const spSurname = spSex === 'M' ? (paternal ? fatherSurname : motherSurname) : this.surname();
            this.addMember(
              members,
              this.name(spSurname, spSex, year(spBirth)),
              spRelation,
              spSex,
              spBirth,
              this.adultRegion(hukou, province),
              alive,
              care === 'relative' ? 'caregiver' : 'member',
            );
          }
        }
      } else {
        // an aunt or uncle (姑姑、舅舅…): within 10 years of the parent, at least 22 years old
        const relSex: 'M' | 'F' = rng.chance(0.5) ? 'M' : 'F';
        let relBirth = fromDay(toDay(parentBirth) + rng.int(-3650, 3650));
        const maxBirth = yearsBefore(today, 22);
        if (relBirth > maxBirth) relBirth = fromDay(toDay(maxBirth) - rng.int(0, 3000));
        const relSurname = relSex === 'M' ? (paternal ? fatherSurname : motherSurname) : this.surname();
        this.addMember(members, this.name(relSurname, relSex, year(relBirth)), '其他亲属', relSex, relBirth, this.adultRegion(hukou, province), alive, role);
      }
    }

    // Siblings: 0-2, born to the same mother, at most 10 years apart.
    const siblings = rng.float() < 0.55 ? 0 : rng.chance(0.78) ? 1 : 2;
    const sibFirst = Math.max(toDay(addYears(motherBirth, 20)), toDay(addYears(fatherBirth, 20)), birthDay - 3650);
    let sibLast = Math.min(this.todayDay, birthDay + 3650);
    if (mother.status === 'deceased' && mother.statusSince) sibLast = Math.min(sibLast, toDay(mother.statusSince));
    if (father.status === 'deceased' && father.statusSince) sibLast = Math.min(sibLast, toDay(father.statusSince) + 270);
    for (let s = 0; s < siblings && sibFirst < sibLast; s++) {
      let sibDay = rng.int(sibFirst, sibLast);
      if (Math.abs(sibDay - birthDay) < 300) sibDay = sibDay < birthDay ? sibDay - 300 : sibDay + 300;
      if (sibDay < sibFirst || sibDay > sibLast) continue;
      const sibBirth = fromDay(sibDay);
      const sibSex: 'M' | 'F' = rng.chance(0.5) ? 'M' : 'F';
      const sibRegion = hukou === 'other' ? province.region : rng.chance(0.9) ? YANGPU : rng.pick(OTHER_SHANGHAI);
      const sibName = this.name(childSurname, sibSex, year(sibBirth));
      this.addMember(members, sibName, '兄弟姐妹', sibSex, sibBirth, sibRegion, alive, 'member', ageOn(sibBirth, today) >= 16);
    }

    // Main contact: the first guardian or caregiver with a phone; institutional orphans: the relative.
    const contactOrder: DemoMember[] =
      scenario === 'left_behind'
        ? members.filter((m) => m.role === 'caregiver')
        : [...members.filter((m) => m.role === 'guardian'), ...members.filter((m) => m.role === 'caregiver')];
    let contact = contactOrder.find((m) => m.phone !== null);
    if (!contact) {
      // institutional orphans: the relative in contact
      contact = members.find((m) => m.relation !== '父亲' && m.relation !== '母亲' && m.relation !== '兄弟姐妹') ?? members[0]!;
      if (contact.phone === null) contact.phone = this.phone();
    }

    // Identity number of the child.
    const childRegion = hukou === 'other' ? province.region : rng.chance(0.92) ? YANGPU : rng.pick(OTHER_SHANGHAI);
    const noId = rng.chance(age === 0 ? 0.12 : hukou === 'other' ? 0.06 : 0.02);
    const idNumber = noId ? null : this.idNumber(childRegion, birthDate, sex);

    // Addresses.
    const road = committeeRoad(committeeCode);
    const residenceAddress = care === 'institution' ? '上海市儿童福利院（机构养育）' : this.localAddress(road);
    const hukouAddress =
      hukou === 'other' ? this.otherAddress(province.place) : care === 'institution' || rng.chance(0.25) ? this.localAddress(road) : residenceAddress;

    const ethnicity = rng.chance(0.97) ? '汉族' : MINORITIES.sample(rng);
    const schoolStage = this.schoolStage(birthDate, age, categories);
    const oldestCarer = members
      .filter((m) => m.role !== 'member' && m.relation !== '父亲' && m.relation !== '母亲')
      .reduce((max, m) => Math.max(max, ageOn(m.birthDate, today)), 0);

    return {
      key: `c${String(index + 1).padStart(6, '0')}`,
      name: this.name(childSurname, sex, year(birthDate)),
      sex,
      birthDate,
      idNumber,
      ethnicity,
      hukou,
      hukouAddress,
      residenceAddress,
      streetCode,
      committeeCode,
      phone: contact.phone!,
      schoolStage,
      categories,
      riskLevel: this.risk(categories, oldestCarer, schoolStage),
      household: members,
    };
  }

  /**
   * School stage from the birth date, with Shanghai's 1 September cut-off and its 5+4 system
   * (小学 grades 1-5, 初中 6-9, 高中/中职 10-12).
   */
  private schoolStage(birthDate: string, age: number, categories: ChildCategory[]): SchoolStage {
    const rng = this.rng;
    const birthYear = year(birthDate);
    const entryYear = birthDate.slice(5) < '09-01' ? birthYear + 6 : birthYear + 7;
    const schoolYear = this.today.slice(5) >= '09-01' ? year(this.today) : year(this.today) - 1;
    const grade = schoolYear - entryYear + 1;
    if (grade <= 0) return age < 3 || rng.chance(0.08) ? '未入学' : '学前';
    if (categories.includes('disabled') && rng.chance(0.08)) return '未入学';
    if (grade >= 7 && rng.chance(grade >= 10 ? 0.04 : 0.015)) return '辍学';
    if (grade <= 5) return '小学';
    if (grade <= 9) return '初中';
    return rng.chance(0.35) ? '中职' : '高中';
  }

  /** Risk from the categories, an elderly carer and dropping out, plus a little noise (about 10% high). */
  private risk(categories: ChildCategory[], oldestCarerAge: number, stage: SchoolStage): DemoChild['riskLevel'] {
    let score = categories.reduce((sum, c) => sum + (RISK_POINTS[c] ?? 0), 0);
    if (oldestCarerAge >= 75) score += 1;
    if (stage === '辍学') score += 2;
    score += this.rng.int(-1, 1);
    return score >= 4 ? 'high' : score >= 2 ? 'medium' : 'low';
  }
}

const STREET_OF = new Map(DEMO_COMMITTEES.map((c) => [c.code, c.streetCode]));

/**
 * Generate the demo dataset. Deterministic: the same options always give deep-equal output.
 */
export function generateDemoData(options: GenerateOptions): DemoDataset {
  const { children, seed } = options;
  const today = options.today ?? DEFAULT_TODAY;
  if (!Number.isInteger(children) || children < 0) throw new Error('children must be a non-negative integer');
  if (!Number.isFinite(seed)) throw new Error('seed must be a finite number');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || fromDay(toDay(today)) !== today) throw new Error('today must be YYYY-MM-DD');

  const seed32 = Math.trunc(seed) >>> 0;
  const generator = new Generator(seed32, today);
  const slots = committeeSlots(children, new Rng(seed32 ^ 0x5bd1e995));
  const list: DemoChild[] = new Array<DemoChild>(children);
  for (let i = 0; i < children; i++) {
    const committee = slots[i]!;
    list[i] = generator.child(i, committee, STREET_OF.get(committee)!);
  }
  return {
    seed: seed32,
    today,
    streets: STREETS.map((s) => ({ ...s })),
    committees: DEMO_COMMITTEES.map((c) => ({ ...c })),
    children: list,
  };
}
