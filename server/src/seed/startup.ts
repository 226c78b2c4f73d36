/**
 * Data every start needs: reference data always; in demo mode the demo committees, accounts and
 * children on first start; outside demo mode, the production checks (no demo password may remain)
 * and, on a fresh installation, the three administrator accounts with one-time passwords.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.js';
import type { FieldCrypto } from '../crypto/fieldCrypto.js';
import type { Database } from '../db/database.js';
import { StartupError } from '../db/embedded.js';
import { DEMO_PASSWORD } from '../modules/auth/policies.js';
import { hashPassword, newOneTimePassword } from '../modules/auth/passwords.js';
import { DEMO_COMMITTEES } from './committees.js';
import { loadDemoChildren } from './children.js';
import { seedDemoCasework } from './demoCasework.js';
import { seedDemoVisits } from './demoVisits.js';
import { seedDemoPlanReports } from './demoPlan.js';
import { seedDemoReferrals } from './demoReferrals.js';
import { seedDemoAftercare } from './demoAftercare.js';
import { seedDemoAssessments } from './demoAssessments.js';
import { seedDemoGuidance } from './demoGuidance.js';
import { seedDemoSafety } from './demoSafety.js';
import { seedDemoServices } from './demoServices.js';
import { seedDemoHolidays } from './demoHolidays.js';
import { seedDemoAppointments } from './demoAppointments.js';
import { seedDemoInterventions } from './demoInterventions.js';
import { seedDemoActivities } from './demoActivities.js';
import { DEMO_ORG_UNITS, seedDemoWorkforce } from './demoWorkforce.js';
import { seedDemoCharity } from './demoCharity.js';
import { seedDemoConsent } from './demoConsent.js';
import { seedDemoFeedRuns } from './demoFeeds.js';
import { seedDemoAccess } from './demoAccess.js';
import { seedDemoOrganisations } from './demoOrganisations.js';
import { seedDemoStaffing } from './demoStaffing.js';
import { seedDemoTraining } from './demoTraining.js';
import { shanghaiDate } from '#common/dates.js';
import { applyReferenceData, streetUnitCode } from './reference.js';

export interface DemoAccount {
  username: string;
  displayName: string;
  unit: string;
  roles: string[];
  committees?: string[];
  description: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', displayName: '系统管理员', unit: 'civil-affairs', roles: ['sysadmin'], description: '系统管理员 system administrator' },
  { username: 'secadmin', displayName: '安全管理员', unit: 'civil-affairs', roles: ['secadmin'], description: '安全管理员 security administrator' },
  { username: 'auditor', displayName: '审计管理员', unit: 'civil-affairs', roles: ['auditadmin'], description: '审计管理员 audit administrator' },
  {
    username: 'district',
    displayName: '王敏',
    unit: 'civil-affairs',
    roles: ['district_civil'],
    description: '区民政局工作人员 district civil-affairs staff (whole district)',
  },
  {
    username: 'street-dinghai',
    displayName: '李娟',
    unit: streetUnitCode('dinghai'),
    roles: ['street_supervisor'],
    description: '定海路街道儿童督导员 street supervisor, Dinghai Road',
  },
  {
    username: 'street-pingliang',
    displayName: '陈伟',
    unit: streetUnitCode('pingliang'),
    roles: ['street_supervisor'],
    description: '平凉路街道儿童督导员 street supervisor, Pingliang Road',
  },
  {
    username: 'director-dinghai',
    displayName: '张丽华',
    unit: streetUnitCode('dinghai'),
    roles: ['child_director'],
    committees: ['dinghai-01'],
    description: '定海路街道一居民区儿童主任 child director of one committee',
  },
  {
    username: 'edu',
    displayName: '赵强',
    unit: 'education',
    roles: ['department'],
    description: '区教育局工作人员 education bureau staff (sees a child only through a referral)',
  },
  {
    username: 'edu-head',
    displayName: '孙建国',
    unit: 'education',
    roles: ['unit_head'],
    description: '区教育局负责人 head of the education bureau (overdue referrals)',
  },
  { username: 'police', displayName: '钱卫东', unit: 'police', roles: ['department'], description: '区公安分局工作人员 police staff (暖杨通道, referrals)' },
  {
    username: 'procurator',
    displayName: '郑雅琴',
    unit: 'procuratorate',
    roles: ['procurator'],
    description: '区检察院未检工作人员 procuratorate staff (guardianship steps, returned-home follow-ups)',
  },
  {
    username: 'dpf',
    displayName: '吴敏',
    unit: 'disabled-federation',
    roles: ['department'],
    description: "区残联工作人员 disabled persons' federation staff (rehabilitation)",
  },
  {
    username: 'youth',
    displayName: '冯晓雯',
    unit: 'youth-league',
    roles: ['department'],
    description: '团区委工作人员 youth league staff (summer camp, holiday care classes: rosters, attendance)',
  },
  {
    username: 'water',
    displayName: '蒋海峰',
    unit: 'water',
    roles: ['department'],
    description: '区水务局工作人员 water affairs staff (river patrols, hazards by the water)',
  },
  { username: 'leader', displayName: '周立新', unit: 'civil-affairs', roles: ['leader'], description: '区领导 district leader (supervision dashboard)' },
  {
    username: 'sw-sunshine',
    displayName: '陆佳怡',
    unit: 'org-sunshine',
    roles: ['social_worker'],
    description: '阳光社工服务社社工 commissioned social worker (sees only the children the street assigned)',
  },
  {
    username: 'reviewer',
    displayName: '沈雅',
    unit: 'civil-affairs',
    roles: ['record_reviewer'],
    description: '从业限制审核员 restricted-list reviewer (loads the list, alone sees its matches)',
  },
];

export const DEMO_SEED = 20261129;

/**
 * Demo children with two years of casework: visits (some overdue), problems, assistance, help
 * plans, mentors and work logs. Deterministic for a given seed and day.
 */
export async function seedDemoCasefiles(client: pg.ClientBase, fieldCrypto: FieldCrypto, children: number, today: string, seed = DEMO_SEED): Promise<string> {
  const n = await loadDemoChildren(client, fieldCrypto, { children, seed, today });
  if (n === 0) return '0 children';
  const visits = await seedDemoVisits(client, { seed, today });
  const casework = await seedDemoCasework(client, { seed, today, fieldCrypto });
  const reports = await seedDemoPlanReports(client, { seed, today });
  const referrals = await seedDemoReferrals(client, { seed, today });
  // 监护提质: assessments first (the ladder's suggestions read them), the ladder before guidance
  // (guidance leaves alone the children whose guidance order already has its sessions).
  const assessments = await seedDemoAssessments(client, { seed, today, fieldCrypto });
  const ladder = await seedDemoInterventions(client, { seed, today });
  const aftercare = await seedDemoAftercare(client, { seed, today, fieldCrypto });
  const guidance = await seedDemoGuidance(client, { seed, today });
  const services = await seedDemoServices(client, { today });
  const [holidays, homeTeaching] = [await seedDemoHolidays(client, { seed, today }), await seedDemoAppointments(client, { seed, today })];
  const safety = await seedDemoSafety(client, { today }); // before activities: they read the schools
  const activities = await seedDemoActivities(client, { seed, today }); // after the safety register's sites (its schools)
  // 固本强基: organisations and the ledger of people first; the modules built on them after
  const workforce = await seedDemoWorkforce(client, fieldCrypto, { seed, today });
  const [stations, orgProjects] = [await seedDemoStaffing(client, { today }), await seedDemoOrganisations(client, { today })];
  const charity = await seedDemoCharity(client, { today });
  const training = await seedDemoTraining(client, fieldCrypto, { seed, today });
  const consent = await seedDemoConsent(client, { today });
  const access = await seedDemoAccess(client, { today }); // 安全事件: a leader's ended grant, a bulk-view alert
  const feeds = await seedDemoFeedRuns(client, fieldCrypto, { today, now: Date.now() }); // 数据共享比对: a run per feed, changes waiting in 定海路
  return `${n} children, ${visits} visits, ${casework.problems} problems, ${casework.assistance} assistance records, ${casework.plans} help plans, ${casework.logs} work logs, ${reports} progress reports, ${referrals.referrals} referrals, ${assessments.assessments} guardianship assessments, ${ladder.steps} intervention steps, ${aftercare.supervisions} returned-home supervisions, ${aftercare.placements} placements, ${guidance.sessions} guidance sessions, ${services.programmes} programmes with ${services.sessions} sessions and ${services.bookings} bookings, ${holidays.plans} holiday plans, ${homeTeaching.bookings} 送教上门 appointments, ${safety.sites} safety sites, ${safety.inspections} inspections, ${safety.hazards} hazards, ${activities.activities} activities, ${workforce.organisations} organisations, ${workforce.staff} people in the workforce ledger with ${workforce.checks} record checks, ${charity.projects} charity projects with ${charity.aid} aid records, ${charity.assignments} children assigned to social workers, ${stations.members} station roster members, ${orgProjects.projects} organisation projects serving ${orgProjects.children} children, ${training.sessions} training sessions with ${training.attendance} attendance records, ${training.exams} exams, ${training.evaluations} evaluations, ${training.rewards} rewards, ${training.restricted} restricted-list match, ${consent.consents} guardian consents, ${access.grants} access grant, ${access.alerts} security events, ${feeds.runs} data-feed runs with ${feeds.changes} proposed changes`;
}

/**
 * After a bulk load (the demo seed): the statistics and visibility map of the tables the lists read.
 * Autovacuum would get there within minutes; until then the planner has no statistics for the new
 * rows and the list's count cannot be an index-only scan (docs/performance.md, "Child list").
 * Outside any transaction (VACUUM cannot run in one).
 */
export async function refreshListStatistics(client: pg.ClientBase): Promise<void> {
  await client.query('vacuum (analyze) children, child_categories, visits, household_members');
}

export interface Prepared {
  notices: string[];
}

export async function prepareData(db: Database, config: Config, fieldCrypto: FieldCrypto, log: (m: string) => void): Promise<Prepared> {
  const client = new pg.Client({ connectionString: db.ownerUrl });
  await client.connect();
  const notices: string[] = [];
  try {
    await client.query('begin');
    await applyReferenceData(client);
    await client.query('commit');
    if (config.demo) {
      const seeded = await client.query('select 1 from users where username = $1', ['admin']);
      if (!seeded.rowCount) {
        await seedDemoOrganisation(client);
        const summary = await seedDemoCasefiles(client, fieldCrypto, config.seedChildren, shanghaiDate(Date.now()));
        await refreshListStatistics(client);
        log(`演示数据已生成 / demo data seeded: ${DEMO_ACCOUNTS.length} accounts, ${summary}`);
      }
    } else {
      const demo = await client.query<{ username: string }>('select username from users where password_is_demo order by username');
      if (demo.rowCount) {
        throw new StartupError(
          `以下账户仍使用演示密码，正式模式拒绝启动 / refusing to start: these accounts still have the demo password: ${demo.rows.map((r) => r.username).join(', ')}`,
        );
      }
      const any = await client.query('select 1 from users limit 1');
      if (!any.rowCount) notices.push(...(await createInitialAdministrators(client, config.initialPasswordsFile)));
    }
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
  return { notices };
}

/** Demo committees and accounts (password nuanyang-demo, flagged so production refuses them). */
export async function seedDemoOrganisation(client: pg.ClientBase): Promise<void> {
  await client.query('begin');
  try {
    for (const c of DEMO_COMMITTEES) {
      await client.query('insert into committees (code, street_code, name) values ($1, $2, $3) on conflict (code) do nothing', [c.code, c.streetCode, c.name]);
    }
    // the units of the demo organisations that have accounts (a commissioned social-work agency)
    for (const u of DEMO_ORG_UNITS) {
      await client.query(`insert into units (code, name, name_en, kind, sort) values ($1, $2, $3, 'organisation', 900) on conflict (code) do nothing`, [
        u.code,
        u.name,
        u.nameEn,
      ]);
    }
    const hash = await hashPassword(DEMO_PASSWORD);
    for (const a of DEMO_ACCOUNTS) {
      const { rows } = await client.query<{ id: string }>(
        `insert into users (username, display_name, unit_code, password_hash, password_is_demo) values ($1, $2, $3, $4, true)
         on conflict (username) do update set username = excluded.username returning id`,
        [a.username, a.displayName, a.unit, hash],
      );
      const id = rows[0]!.id;
      for (const r of a.roles) await client.query('insert into user_roles (user_id, role_code) values ($1, $2) on conflict do nothing', [id, r]);
      for (const code of a.committees ?? []) {
        await client.query('insert into user_committees (user_id, committee_id) select $1, id from committees where code = $2 on conflict do nothing', [
          id,
          code,
        ]);
      }
    }
    await client.query('commit');
  } catch (err) {
    await client.query('rollback');
    throw err;
  }
}

/**
 * A fresh production installation: one account per administrator class, with one-time passwords.
 * The passwords go to a file only the owner can read, never to stdout: start-up output is usually
 * captured by a service manager or container log, where it would outlive its purpose and be read
 * by whoever reads logs. The file is written before the accounts are committed, so a failure leaves
 * neither accounts without known passwords nor a file for accounts that do not exist. The returned
 * notice (for the console) names the file only.
 */
export async function createInitialAdministrators(client: pg.ClientBase, file: string): Promise<string[]> {
  const lines = [
    '# 暖杨 NuanYang：三个管理员账户的初始密码（一次性）/ one-time passwords of the three administrator accounts',
    '# 首次登录须修改密码并绑定双因素认证。交给各管理员后请立即删除本文件。',
    '# Each must change it and enrol a second factor at first login. Delete this file once handed over.',
  ];
  await client.query('begin');
  try {
    for (const [username, role, name] of [
      ['admin', 'sysadmin', '系统管理员'],
      ['secadmin', 'secadmin', '安全管理员'],
      ['auditor', 'auditadmin', '审计管理员'],
    ] as const) {
      const password = newOneTimePassword(username);
      const { rows } = await client.query<{ id: string }>(
        `insert into users (username, display_name, unit_code, password_hash, must_change_password) values ($1, $2, 'civil-affairs', $3, true) returning id`,
        [username, name, await hashPassword(password)],
      );
      await client.query('insert into user_roles (user_id, role_code) values ($1, $2)', [rows[0]!.id, role]);
      lines.push(`${username.padEnd(10)} ${password}    ${name}`);
    }
    writeOwnerOnly(file, `${lines.join('\n')}\n`);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  }
  return [
    '',
    `首次启动：已创建管理员账户 admin、secadmin、auditor。初始密码已写入仅所有者可读的文件（不在日志中）：`,
    `  ${file}`,
    `请立即查看并分别交给三位管理员，然后删除该文件（rm ${JSON.stringify(file)}）。首次登录须修改密码并绑定双因素认证。`,
    `First start: administrator accounts created; their one-time passwords are in the file above (mode 0600, not in any log). Read it, hand them over, then delete it.`,
  ];
}

/**
 * Creates the file with mode 0600 in a folder created 0700 if missing. `wx` refuses an existing
 * file or a symbolic link planted at that path, so the passwords never land in a file someone else
 * prepared (or can already read).
 */
function writeOwnerOnly(file: string, content: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
    fs.chmodSync(file, 0o600);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new StartupError(
      e.code === 'EEXIST'
        ? `初始密码文件已存在 / the initial passwords file already exists: ${file}。请确认其内容已无用并删除后重新启动，或用 NUANYANG_INITIAL_PASSWORDS_FILE 指定另一路径。`
        : `无法写入初始密码文件 / cannot write the initial passwords file ${file}: ${e.message}。请用 NUANYANG_INITIAL_PASSWORDS_FILE 指定一个可写路径。`,
    );
  }
}
