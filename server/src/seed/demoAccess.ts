/**
 * Demo security events (越权查阅与批量查阅预警, requirements 14 and 26): the district leader (whose
 * role must give a reason to open a file) opened one dinghai child's file yesterday with a reason
 * and ended the grant after an hour; a street supervisor opened 214 files in ten minutes last
 * evening. Both are open security events for the audit administrator, with their notifications,
 * so `npm start` shows 安全事件 at work. Idempotent: nothing is added once the leader has a grant.
 */
import type pg from 'pg';
import { addDays } from '#common/dates.js';

export async function seedDemoAccess(client: pg.ClientBase, opts: { today: string }): Promise<{ grants: number; alerts: number }> {
  const users = (await client.query<{ username: string; id: string }>(`select username, id from users where username in ('leader', 'street-pingliang')`)).rows;
  const leader = users.find((u) => u.username === 'leader')?.id;
  const street = users.find((u) => u.username === 'street-pingliang')?.id;
  if (!leader || !street) return { grants: 0, alerts: 0 };
  if ((await client.query('select 1 from access_grants where user_id = $1', [leader])).rowCount) return { grants: 0, alerts: 0 };
  // A fixed child: the first active dinghai file by committee and birth date (not by its random id).
  const child = (
    await client.query<{ id: string; street_code: string }>(
      `select c.id, c.street_code from children c join committees m on m.id = c.committee_id
        where c.street_code = 'dinghai' and c.status = 'active' order by m.code, c.birth_date, c.name limit 1`,
    )
  ).rows[0];
  if (!child) return { grants: 0, alerts: 0 };
  const yesterday = addDays(opts.today, -1);
  const grantedAt = new Date(`${yesterday}T10:00:00+08:00`);
  const grant = (
    await client.query<{ id: string }>(
      `insert into access_grants (user_id, child_id, street_code, kind, reason, granted_at, expires_at, ended_at, ended_by, end_reason)
       values ($1, $2, $3, 'outside_assignment', '督办核查：核实该儿童帮扶措施落实情况', $4, $4::timestamptz + interval '4 hours',
               $4::timestamptz + interval '1 hour', $1, '核查完毕') returning id`,
      [leader, child.id, child.street_code, grantedAt],
    )
  ).rows[0];
  if (!grant) return { grants: 0, alerts: 0 };
  const alerts: { kind: string; userId: string; username: string; title: string; body: string; entity: string; entityId: string; at: Date; detail: object }[] =
    [
      {
        kind: 'access.break-glass',
        userId: leader,
        username: 'leader',
        title: '越权查阅：周立新（leader）查阅一名儿童的档案 4 小时',
        body: '账户 leader（区民政局）说明理由后越权查阅一名儿童的档案。理由见安全事件，请核实。',
        entity: 'access_grant',
        entityId: grant.id,
        at: grantedAt,
        detail: { grantId: grant.id, childId: child.id, kind: 'outside_assignment', hours: 4, streetCode: child.street_code },
      },
      {
        kind: 'access.bulk-view',
        userId: street,
        username: 'street-pingliang',
        title: '批量查阅预警：平凉路街道督导员（street-pingliang）10 分钟内查阅 214 份儿童档案',
        body: '账户 street-pingliang 在 10 分钟内查阅了 214 份儿童档案（阈值 200 份），请核实用途。',
        entity: 'user',
        entityId: street,
        at: new Date(`${yesterday}T19:40:00+08:00`),
        detail: { count: 214, windowMinutes: 10, threshold: 200 },
      },
    ];
  for (const a of alerts) {
    await client.query(
      `insert into security_alerts (id, kind, severity, user_id, username, unit_code, title, detail, entity, entity_id, created_at)
       select gen_random_uuid(), $1, 'warning', $2, $3, u.unit_code, $4, $5, $6, $7, $8 from users u where u.id = $2`,
      [a.kind, a.userId, a.username, a.title, JSON.stringify({ body: a.body, ...a.detail }), a.entity, a.entityId, a.at],
    );
    await client.query(
      `insert into notifications (user_id, kind, title, body, entity, entity_id)
       select distinct u.id, $1, $2, $3, $4, $5::uuid from users u join user_roles ur on ur.user_id = u.id join roles r on r.code = ur.role_code
        where not u.disabled and r.admin_class = 'audit'`,
      [a.kind, a.title, a.body, a.entity, a.entityId],
    );
  }
  return { grants: 1, alerts: alerts.length };
}
