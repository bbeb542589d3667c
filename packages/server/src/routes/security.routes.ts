import { z } from 'zod';
import { ErrorBody, OkBody, SecurityPolicyView, SessionView } from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import * as security from '../services/security.service.ts';

export function securityRoutes(app: App, deps: AppDeps): void {
  const tags = ['安全管理'];
  app.get('/api/security/policy', {
    config: { permission: 'security:admin' },
    schema: { tags, summary: '现行安全策略（口令、锁定、会话）', response: { 200: SecurityPolicyView } },
  }, async () => security.policy(deps.config.pbkdf2Iterations));

  app.get('/api/security/sessions', {
    config: { permission: 'security:admin' },
    schema: { tags, summary: '在线会话', response: { 200: z.array(SessionView) } },
  }, async (req) => security.listSessions(deps, req.auth!.tokenHash));

  app.post('/api/security/sessions/:handle/terminate', {
    config: { permission: 'security:admin' },
    schema: {
      tags, summary: '强制结束会话（记入审计日志）', params: z.object({ handle: z.string().regex(/^[0-9a-f]{24}$/u) }),
      response: { 200: OkBody, 404: ErrorBody },
    },
  }, async (req) => {
    await security.terminateSession(deps, requireActor(req), req.params.handle);
    return { ok: true as const };
  });
}
