/**
 * Request limits (AUTH-04; issue 9 point 6): login per IP and per account, member lookups of cadres per
 * account and per IP, `/api/v1` per token and per IP, and invalid bearer tokens per IP. A refused request
 * gets 429 with `Retry-After` and a Chinese message; each limiter trip is audited once per window (a flood
 * writes one row, not one per request). The limits are part of the security policy.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RATE_LIMIT_LABELS, normalizeLogin, type RateLimitName } from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { recordAuditAlone } from '../repositories/audit.repository.ts';
import { anonymous } from '../services/auth.service.ts';
import type { Actor } from '../context.ts';
import { policyStore } from '../services/policy.ts';
import { rateLimiter, type LimitResult } from '../services/rate-limit.ts';

const LOGIN_URL = '/api/auth/login';

function waitText(seconds: number): string {
  return seconds >= 60 ? `${Math.ceil(seconds / 60)}分钟` : `${seconds}秒`;
}

const MESSAGES: Record<RateLimitName, string> = {
  loginPerIp: '登录尝试过于频繁',
  loginPerAccount: '该账号登录尝试过于频繁',
  lookupPerAccount: '查找干部过于频繁',
  lookupPerIp: '查找干部过于频繁',
  apiPerToken: '接口调用过于频繁',
  apiPerIp: '接口调用过于频繁',
  apiAuthFailuresPerIp: '无效接口令牌过多',
};

function clientInfo(req: FastifyRequest) {
  return { clientIp: req.ip ?? null, requestId: String(req.id) };
}

export function registerThrottle(app: App, deps: AppDeps): void {
  const limiter = rateLimiter(deps);
  const store = policyStore(deps.db);

  /** Takes (or, for failures-only limits, checks) one request; answers 429 when refused. */
  const guard = async (
    req: FastifyRequest, reply: FastifyReply, name: RateLimitName, key: string, actor: Actor | null, mode: 'take' | 'check' = 'take',
  ): Promise<boolean> => {
    const limit = (await store.policy()).rateLimits[name];
    const bucket = `${name}:${key}`;
    const r: LimitResult = mode === 'take' ? limiter.take(bucket, limit) : limiter.check(bucket, limit);
    if (r.ok) return true;
    if (r.audit) {
      await recordAuditAlone(deps.db, actor ?? anonymous(clientInfo(req)), {
        action: 'rate-limit', objectType: 'rate_limit', objectId: name, result: 'denied',
        reason: `${RATE_LIMIT_LABELS[name]}超过限制（${limit.max}次/${limit.windowSeconds}秒），${r.retryAfterSeconds}秒内拒绝`,
        details: { key, route: `${req.method} ${req.routeOptions.url ?? ''}` },
      }, deps.clock);
    }
    reply.code(429).header('Retry-After', String(r.retryAfterSeconds)).send({
      error: 'rate_limited', message: `${MESSAGES[name]}，请${waitText(r.retryAfterSeconds)}后再试`, requestId: req.id,
    });
    return false;
  };

  // Before the session/token lookup (registered before the auth plugin): a flood costs no database work.
  app.addHook('onRequest', async (req, reply) => {
    const url = req.routeOptions.url;
    if (!url) return;
    const permission = req.routeOptions.config?.permission;
    const ip = req.ip ?? '-';
    let ok = true;
    if (req.method === 'POST' && url === LOGIN_URL) {
      ok = await guard(req, reply, 'loginPerIp', ip, null);
    } else if (permission === 'api-token') {
      ok = await guard(req, reply, 'apiAuthFailuresPerIp', ip, null, 'check') && await guard(req, reply, 'apiPerIp', ip, null);
    } else if (permission === 'cadre:lookup') {
      ok = await guard(req, reply, 'lookupPerIp', ip, null);
    }
    if (!ok) return reply;
  });

  // After authentication and body validation: the account, login name or token is known.
  app.addHook('preHandler', async (req, reply) => {
    const url = req.routeOptions.url;
    const permission = req.routeOptions.config?.permission;
    let ok = true;
    if (req.method === 'POST' && url === LOGIN_URL) {
      const login = (req.body as { login?: unknown } | undefined)?.login;
      if (typeof login === 'string') {
        const name = normalizeLogin(login);
        ok = await guard(req, reply, 'loginPerAccount', name, { ...anonymous(clientInfo(req)), login: name });
      }
    } else if (permission === 'api-token' && req.apiToken) {
      ok = await guard(req, reply, 'apiPerToken', req.apiToken.tokenId, req.apiToken.actor);
    } else if (permission === 'cadre:lookup' && req.auth) {
      ok = await guard(req, reply, 'lookupPerAccount', req.auth.user.id, req.auth.actor);
    }
    if (!ok) return reply;
  });
}

/** An invalid bearer token from this IP (the auth plugin calls it): counts towards `apiAuthFailuresPerIp`. */
export async function noteApiTokenFailure(deps: AppDeps, ip: string | null): Promise<void> {
  const limit = (await policyStore(deps.db).policy()).rateLimits.apiAuthFailuresPerIp;
  rateLimiter(deps).take(`apiAuthFailuresPerIp:${ip ?? '-'}`, limit);
}
