import { z } from 'zod';
import { ErrorBody, OkBody, SecurityPolicyUpdate, SecurityPolicyView, SessionView } from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import * as security from '../services/security.service.ts';

export function securityRoutes(app: App, deps: AppDeps): void {
  const tags = ['安全管理'];
  app.get('/api/security/policy', {
    config: { permission: 'security:admin' },
    schema: { tags, summary: '现行安全策略（口令、锁定、会话、请求频率限制）', response: { 200: SecurityPolicyView } },
  }, async () => security.policy(deps, deps.config.pbkdf2Iterations));

  app.put('/api/security/policy', {
    config: { permission: 'security:admin' },
    schema: {
      tags, summary: '修改安全策略（新版本，记入审计日志：改了哪些项、改前改后）',
      description: '提交完整的策略和所依据的版本号 baseVersion；其间他人已保存新版本时返回 409。',
      body: SecurityPolicyUpdate, response: { 200: SecurityPolicyView, 400: ErrorBody, 409: ErrorBody },
    },
  }, async (req) => security.updatePolicy(deps, requireActor(req), req.body, deps.config.pbkdf2Iterations));

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
