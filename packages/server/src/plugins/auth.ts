/**
 * Deny by default: every route must declare `config.permission`; a route without one makes the app
 * refuse to start. Each request resolves its session, then the permission is checked; denials are audited.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, AppDeps, RouteInfo } from '../app-types.ts';
import { anonymous, resolveSession } from '../services/auth.service.ts';
import { actorOf } from '../services/session-actor.ts';
import { resolveApiToken, type ApiTokenAuth } from '../services/api-tokens.service.ts';
import { recordAuditAlone } from '../repositories/audit.repository.ts';
import type { Actor } from '../context.ts';
import { ServiceError } from '../errors.ts';
import { noteApiTokenFailure } from './throttle.ts';

export const SESSION_COOKIE = 'jiandu_sid';

export function requestInfo(req: FastifyRequest) {
  return { clientIp: req.ip ?? null, requestId: String(req.id), userAgent: req.headers['user-agent'] ?? null };
}

/** The acting user of an authenticated route. */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.auth) throw new ServiceError('unauthenticated', '请先登录');
  return req.auth.actor;
}

/** The department system of an `api-token` route. */
export function requireApiToken(req: FastifyRequest): ApiTokenAuth {
  if (!req.apiToken) throw new ServiceError('unauthenticated', '缺少接口令牌');
  return req.apiToken;
}

export const API_TOKEN_REFUSED = '接口令牌无效或已吊销';

function bearerToken(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer +(\S{1,200})$/iu.exec(h.trim()) : null;
  return m ? m[1]! : null;
}

export function sessionToken(req: FastifyRequest): string | null {
  const v = req.cookies?.[SESSION_COOKIE];
  return v && /^[A-Za-z0-9_-]{20,100}$/u.test(v) ? v : null;
}

export function registerAuth(app: App, deps: AppDeps): void {
  const routes: RouteInfo[] = [];
  app.decorate('routeTable', routes);
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.addHook('onReady', async () => {
    // Checked at ready time: later onRoute hooks (e.g. the docs plugin's) may still set the permission.
    const missing = routes.filter((r) => !r.config?.permission).map((r) => `${String(r.method)} ${r.url}`);
    if (missing.length > 0) throw new Error(`以下路由没有声明权限（默认拒绝）：${missing.join(', ')}`);
  });

  app.decorateRequest('auth', null);
  app.decorateRequest('apiToken', null);

  /** Department systems: `Authorization: Bearer <令牌>` only (the session cookie is not looked at). */
  const authenticateApiToken = async (req: FastifyRequest, reply: FastifyReply) => {
    const unauthorized = (message: string) => reply.code(401).header('WWW-Authenticate', 'Bearer realm="jiandu"')
      .send({ error: 'unauthenticated', message, requestId: req.id });
    const token = bearerToken(req);
    if (!token) return unauthorized('缺少接口令牌（请求头 Authorization: Bearer <令牌>）');
    const info = requestInfo(req);
    const r = await resolveApiToken({ db: deps.db, clock: deps.clock }, token, info);
    if (!r.ok) {
      await noteApiTokenFailure(deps, info.clientIp); // enough failures from one IP → 429 before any lookup or audit row
      // Unknown and revoked tokens get the same answer; the audit log tells them apart (never the token itself).
      await recordAuditAlone(deps.db, anonymous(info), {
        action: 'api-token.auth', objectType: 'api_token', objectId: r.tokenId, result: 'failure', reason: r.reason,
      }, deps.clock);
      return unauthorized(API_TOKEN_REFUSED);
    }
    req.apiToken = r.auth;
  };

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const permission = req.routeOptions.config?.permission;
    if (!req.routeOptions.url) return; // unknown route: 404 handler answers
    if (permission === 'api-token') return authenticateApiToken(req, reply);
    // Public routes (the UI's files, health, login) need no session: no database work per static file.
    if (permission === 'public') return;
    const token = sessionToken(req);
    if (token) {
      const s = await resolveSession({ db: deps.db, clock: deps.clock, pbkdf2Iterations: deps.config.pbkdf2Iterations }, token);
      if (s) req.auth = { user: s.user, actor: actorOf(s.user, requestInfo(req)), tokenHash: s.tokenHash, mfaState: s.mfaState };
    }
    if (!permission) return reply.code(403).send({ error: 'forbidden', message: '该接口未声明权限，拒绝访问', requestId: req.id });
    if (!req.auth) {
      return reply.code(401).send({ error: 'unauthenticated', message: '请先登录（会话不存在或已过期）', requestId: req.id });
    }
    if (permission === 'mfa') return;
    // A password-only session reaches nothing else until the second factor is passed or set up (AUTH-05).
    if (req.auth.mfaState) {
      return req.auth.mfaState === 'enroll'
        ? reply.code(401).send({ error: 'mfa_enroll_required', message: '请先绑定动态口令（二次认证）', requestId: req.id })
        : reply.code(401).send({ error: 'mfa_required', message: '请输入动态口令完成登录（二次认证）', requestId: req.id });
    }
    if (permission === 'session') return;
    if (req.auth.user.mustChangePassword) {
      const message = req.auth.user.passwordExpired ? '密码已过期，请先修改密码' : '首次登录或密码已重置，请先修改密码';
      return reply.code(403).send({ error: 'must_change_password', message, requestId: req.id });
    }
    const orPermission = req.routeOptions.config?.orPermission;
    if (!req.auth.actor.permissions.has(permission) && !(orPermission && req.auth.actor.permissions.has(orPermission))) {
      await recordAuditAlone(deps.db, req.auth.actor, {
        action: 'auth.denied', objectType: 'route', objectId: `${req.method} ${req.routeOptions.url}`, result: 'denied',
        reason: `缺少权限 ${permission}${orPermission ? ` 或 ${orPermission}` : ''}`,
      }, deps.clock);
      return reply.code(403).send({ error: 'forbidden', message: '没有执行此操作的权限', requestId: req.id });
    }
  });
}

