/**
 * Records integrity failures of encrypted fields met while answering a request (see
 * crypto/integrity.ts): once per request, in its own transaction (the request's may have rolled
 * back), an audit event `security.integrity` naming the route, the ids in its path and the columns,
 * and a notification to the security administrators. The answer itself goes out unchanged: the
 * damaged fields read "数据校验失败", or the route answers DATA_INTEGRITY when it cannot do without
 * the value (a second-factor secret).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../core/deps.js';
import { collectIntegrityFailures } from '../crypto/integrity.js';
import { inScope } from '../core/context.js';
import { routeId } from './guard.js';
import { alertSecurityAdmins } from './securityAlert.js';

const seen = new WeakMap<FastifyRequest, Set<string>>();

export function registerIntegrityReporting(app: FastifyInstance, deps: AppDeps): void {
  // Callback style: the handler runs inside done(), so everything it awaits shares the store.
  app.addHook('preHandler', (req, _reply, done) => {
    const failures = new Set<string>();
    seen.set(req, failures);
    collectIntegrityFailures(failures, done);
  });

  app.addHook('onSend', async (req, _reply, payload) => {
    const failures = seen.get(req);
    if (!failures?.size) return payload;
    const columns = [...failures].sort();
    const params = (req.params ?? {}) as Record<string, string>;
    const childId = req.routeOptions.url?.startsWith('/api/children/:id') ? params.id : undefined;
    try {
      await inScope(deps.db, req.ctx, async (tx) => {
        await tx.audit({
          action: 'security.integrity',
          outcome: 'failed',
          entity: childId ? 'child' : null,
          entityId: childId ?? null,
          summary: { route: routeId(req), params, columns },
        });
        await alertSecurityAdmins(tx, {
          kind: 'security.integrity',
          title: '加密数据完整性校验失败',
          body: `读取 ${columns.join('、')} 时密文未通过完整性校验，数据可能在数据库中被篡改（接口 ${routeId(req)}，请求编号 ${req.id}）。请核查审计日志与数据库访问记录。`,
          entity: childId ? 'child' : null,
          entityId: childId ?? null,
        });
      });
    } catch (err) {
      req.log.error({ err: { message: (err as Error).message } }, 'could not record an integrity failure');
    }
    return payload;
  });
}
