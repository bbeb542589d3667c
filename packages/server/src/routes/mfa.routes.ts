/** Second factor (AUTH-05): the login's second step, enrollment, and the 安全管理员's policy and reset. */
import { z } from 'zod';
import {
  ErrorBody, MfaConfirmBody, MfaEnrollment, MfaNotice, MfaOverview, MfaPolicy, MfaRecoveryCodes, MfaStatus, MfaVerifyBody, Me,
} from '@jiandu/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../app-types.ts';
import { SESSION_COOKIE, requestInfo, requireActor } from '../plugins/auth.ts';
import { meOf } from '../services/auth.service.ts';
import * as mfa from '../services/mfa.service.ts';

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: req.protocol === 'https' });
}

export function mfaRoutes(app: App, deps: AppDeps): void {
  const tags = ['认证'];
  const auth = (req: FastifyRequest) => {
    requireActor(req);
    return { user: req.auth!.user, state: req.auth!.mfaState ?? null, hash: req.auth!.tokenHash };
  };

  app.get('/api/auth/mfa/notice', {
    config: { permission: 'public' },
    schema: { tags, summary: '登录页提示：是否启用了演示账号免二次认证', response: { 200: MfaNotice } },
  }, async () => mfa.notice(deps));

  app.get('/api/auth/mfa', {
    config: { permission: 'mfa' },
    schema: { tags, summary: '本人的二次认证状态（待验证、待绑定、已绑定、剩余恢复码）', response: { 200: MfaStatus } },
  }, async (req) => {
    const a = auth(req);
    return mfa.status(deps, a.user, a.state);
  });

  app.post('/api/auth/mfa/verify', {
    config: { permission: 'mfa' },
    schema: {
      tags, summary: '登录第二步：动态口令（6位）或恢复码',
      description: '成功后更换会话标识（旧标识失效）。错误次数计入登录失败锁定；同一动态口令只能使用一次，恢复码只能使用一次。',
      body: MfaVerifyBody,
      response: { 200: z.object({ user: Me }), 400: ErrorBody, 401: ErrorBody },
    },
  }, async (req, reply) => {
    const a = auth(req);
    const r = await mfa.verify(deps, a.user, a.state, a.hash, req.body.code, requestInfo(req));
    if (r.token) setSessionCookie(req, reply, r.token);
    return { user: meOf(a.user) };
  });

  app.post('/api/auth/mfa/enroll', {
    config: { permission: 'mfa' },
    schema: {
      tags, summary: '生成新的动态口令密钥（二维码在浏览器本地生成）',
      description: '密钥在确认之前不生效；已绑定的账号重新绑定时，确认后旧密钥和旧恢复码作废。',
      response: { 200: MfaEnrollment, 403: ErrorBody },
    },
  }, async (req) => {
    const a = auth(req);
    return mfa.startEnrollment(deps, a.user, a.state, requestInfo(req));
  });

  app.post('/api/auth/mfa/enroll/confirm', {
    config: { permission: 'mfa' },
    schema: {
      tags, summary: '用认证器上的验证码确认绑定，返回一次性恢复码（只显示这一次）',
      body: MfaConfirmBody,
      response: { 200: MfaRecoveryCodes, 400: ErrorBody, 403: ErrorBody },
    },
  }, async (req, reply) => {
    const a = auth(req);
    const r = await mfa.confirmEnrollment(deps, a.user, a.state, a.hash, req.body.code, requestInfo(req));
    if (r.token) setSessionCookie(req, reply, r.token);
    return { recoveryCodes: r.recoveryCodes };
  });

  // ---- 安全管理员 ----

  app.get('/api/security/mfa', {
    config: { permission: 'security:admin' },
    schema: { tags: ['安全管理'], summary: '二次认证策略与各账号的绑定情况', response: { 200: MfaOverview } },
  }, async () => mfa.overview(deps));

  app.post('/api/security/mfa/policy', {
    config: { permission: 'security:admin' },
    schema: {
      tags: ['安全管理'], summary: '修改必须使用二次认证的角色（三员始终必须；记入审计日志）',
      body: MfaPolicy.strict(), response: { 200: MfaPolicy, 400: ErrorBody },
    },
  }, async (req) => mfa.updatePolicy(deps, requireActor(req), req.body));
}
