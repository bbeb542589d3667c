import { z } from 'zod';
import { ErrorBody, LoginBody, Me, MfaSessionState, OkBody, PasswordChangeBody, PasswordRulesView } from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { SESSION_COOKIE, requestInfo, requireActor, sessionToken } from '../plugins/auth.ts';
import * as auth from '../services/auth.service.ts';

export function authRoutes(app: App, deps: AppDeps): void {
  const authDeps = { db: deps.db, clock: deps.clock, pbkdf2Iterations: deps.config.pbkdf2Iterations };

  app.post('/api/auth/login', {
    config: { permission: 'public' },
    schema: {
      tags: ['认证'], summary: '登录',
      description: '成功后设置会话 Cookie（HttpOnly、SameSite=Strict）。未知账号与密码错误返回相同信息；连续失败次数、锁定时长和每个IP地址、每个账号的登录频率见安全策略（超过返回 429 和 Retry-After）。',
      body: LoginBody,
      response: { 200: z.object({ user: Me, mfa: MfaSessionState }), 401: ErrorBody, 429: ErrorBody },
    },
  }, async (req, reply) => {
    const { token, me, mfa } = await auth.login(authDeps, req.body.login, req.body.password, requestInfo(req), sessionToken(req));
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/', httpOnly: true, sameSite: 'strict', secure: req.protocol === 'https',
    });
    // mfa: 'verify' (a code is still due) or 'enroll' (a factor must be set up first) — AUTH-05.
    return { user: me, mfa };
  });

  app.post('/api/auth/logout', {
    config: { permission: 'mfa' },
    schema: { tags: ['认证'], summary: '退出登录（销毁服务端会话）', response: { 200: OkBody } },
  }, async (req, reply) => {
    await auth.logout(authDeps, requireActor(req), req.auth!.tokenHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.header('Clear-Site-Data', '"cookies", "storage"');
    return { ok: true as const };
  });

  // The UI's session probe (the login page, the session guard): 200 with user null when there is no session,
  // so that opening the login page logs no error in the browser. A password-only session (second factor
  // still due) is not signed in yet: null too. Reads nothing else and writes only the session's last-seen time.
  app.get('/api/auth/session', {
    config: { permission: 'public' },
    schema: { tags: ['认证'], summary: '当前会话（未登录时 user 为 null，不返回 401）', response: { 200: z.object({ user: Me.nullable() }) } },
  }, async (req) => {
    const token = sessionToken(req);
    const s = token ? await auth.resolveSession(authDeps, token) : null;
    return { user: s && !s.mfaState ? auth.meOf(s.user) : null };
  });

  app.get('/api/auth/me', {
    config: { permission: 'session' },
    schema: { tags: ['认证'], summary: '当前用户', response: { 200: Me } },
  }, async (req) => auth.meOf(req.auth!.user));

  app.get('/api/auth/password-rules', {
    config: { permission: 'session' },
    schema: { tags: ['认证'], summary: '密码规则（修改密码页显示）', response: { 200: PasswordRulesView } },
  }, async () => auth.passwordRules(deps));

  app.post('/api/auth/password', {
    config: { permission: 'session' },
    schema: {
      tags: ['认证'], summary: '修改密码',
      description: '新密码须符合安全策略：长度、字符类别，不是常见密码或其变形，不含键盘序列、重复片段、登录名、单位名称及其拼音，不与最近几次的密码相同。首次登录和密码过期后必须先修改。',
      body: PasswordChangeBody,
      response: { 200: OkBody, 400: ErrorBody },
    },
  }, async (req) => {
    await auth.changePassword(authDeps, requireActor(req), req.auth!.tokenHash, req.body.currentPassword, req.body.newPassword);
    return { ok: true as const };
  });
}
