/** Security headers on every response (WEB-01), CSRF origin checks (CSRF-01), error bodies without internals (WEB-02). */
import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { App, AppDeps } from '../app-types.ts';
import { IntegrityError } from '../crypto/sm.ts';
import { recordAuditAlone } from '../repositories/audit.repository.ts';
import { anonymous } from '../services/auth.service.ts';
import { ServiceError, pgErrorOf, type ServiceErrorKind } from '../errors.ts';
import { safeError } from '../lib/safe-error.ts';
import { registerInputGuard } from './input-guard.ts';

const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "font-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const STATUS: Record<ServiceErrorKind, number> = {
  invalid: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, locked: 423,
  unavailable: 503,
};

export function registerHttpGuards(app: App, deps: AppDeps): void {
  registerInputGuard(app);
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('Content-Security-Policy', CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (req.protocol === 'https') reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (req.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
    reply.removeHeader('X-Powered-By');
    return payload;
  });

  app.addHook('onRequest', async (req, reply) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return;
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    const host = req.headers.host;
    const crossOrigin = origin !== undefined && origin !== 'null' && (() => {
      try {
        return new URL(origin).host !== host;
      } catch {
        return true;
      }
    })();
    if (site === 'cross-site' || crossOrigin || origin === 'null') {
      return reply.code(403).send({ error: 'cross_origin', message: '拒绝跨站请求', requestId: req.id });
    }
  });

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ error: 'not_found', message: '接口不存在', requestId: req.id });
  });

  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    if ((err as unknown) instanceof IntegrityError) {
      // DATA-03: a stored value failed its HMAC check — someone changed it outside the application.
      const actor = req.auth?.actor ?? anonymous({ clientIp: req.ip, requestId: String(req.id) });
      await recordAuditAlone(deps.db, actor, {
        action: 'integrity.violation', objectType: 'route', objectId: `${req.method} ${req.routeOptions.url ?? req.url}`,
        result: 'failure', reason: err.message,
      }, deps.clock).catch((e: unknown) => req.log.error({ err: safeError(e) }, 'audit of integrity violation failed'));
      return reply.code(409).send({ error: 'integrity_violation', message: '数据完整性校验失败：该数据可能在系统之外被改动，已记入审计日志，请联系安全管理员', requestId: req.id });
    }
    if (err instanceof ServiceError) {
      return reply.code(STATUS[err.kind]).send({ error: err.code, message: err.message, requestId: req.id, ...(err.issues ? { issues: err.issues } : {}) });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: [err.validationContext, ...(v.instancePath ? v.instancePath.split('/').filter(Boolean) : [])].join('.'),
        message: v.message ?? '格式不正确',
      }));
      return reply.code(400).send({
        error: 'validation',
        message: `输入有误：${issues.map((i) => `${fieldName(i.path)} ${i.message}`).join('；')}`,
        requestId: req.id,
        issues,
      });
    }
    const code = err.code ?? '';
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send({ error: 'unsupported_media_type', message: '只接受 application/json 请求体', requestId: req.id });
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ error: 'too_large', message: '请求体过大', requestId: req.id });
    if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.name === 'SyntaxError' || /poison/iu.test(err.message)) {
      return reply.code(400).send({ error: 'bad_request', message: '请求体不是有效的 JSON', requestId: req.id });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send({ error: 'bad_request', message: '请求无效', requestId: req.id });
    }
    // A value the database cannot take (class 22: bad text/number/date representation) is the client's input.
    if (pgErrorOf(err)?.code?.startsWith('22')) {
      return reply.code(400).send({ error: 'bad_request', message: '输入有误：参数格式不正确', requestId: req.id });
    }
    req.log.error({ err: safeError(err) }, 'unhandled error');
    return reply.code(500).send({ error: 'internal', message: '服务器内部错误，请联系管理员并提供请求编号', requestId: req.id });
  });
}

function fieldName(path: string): string {
  return path.replace(/^(body|querystring|params|headers)\.?/u, '') || '请求';
}
