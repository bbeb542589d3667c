import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES, ROLE_PERMISSIONS, ADMIN_ROLES, PERMISSIONS } from '@jiandu/domain';
import { createTestContext, type TestContext } from '../support/app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

const PUBLIC = new Set(['GET /api/health', 'HEAD /api/health', 'POST /api/auth/login', 'GET /api/auth/session', 'HEAD /api/auth/session', 'GET /api/auth/mfa/notice', 'HEAD /api/auth/mfa/notice', 'GET /*', 'GET /', 'HEAD /*', 'HEAD /']);

function concreteUrl(url: string): string {
  return url.replace(/:[a-zA-Z]+/gu, crypto.randomUUID()).replace('*', 'x');
}

describe('deny by default', () => {
  it('every route declares a permission that exists', () => {
    expect(ctx.app.routeTable.length).toBeGreaterThan(20);
    for (const r of ctx.app.routeTable) {
      const p = r.config?.permission;
      expect(p, `${String(r.method)} ${r.url}`).toBeTruthy();
      // 'api-token' is not a role permission: the route takes a department system's bearer token instead of a session.
      // 'mfa': the second-factor step, which a password-only session may reach (AUTH-05).
      expect(p === 'public' || p === 'api-token' || p === 'mfa' || p! in PERMISSIONS, `${r.url}: ${p}`).toBe(true);
    }
  });

  it('only the health check, login and the static UI are public', () => {
    const publicRoutes = ctx.app.routeTable.filter((r) => r.config?.permission === 'public')
      .flatMap((r) => ([] as string[]).concat(r.method).map((m) => `${m} ${r.url}`));
    for (const r of publicRoutes) expect(PUBLIC.has(r), r).toBe(true);
  });

  it('every non-public route answers 401 without a session', async () => {
    for (const r of ctx.app.routeTable) {
      if (r.config?.permission === 'public') continue;
      for (const method of ([] as string[]).concat(r.method)) {
        const res = await ctx.app.inject({ method: method as 'GET', url: concreteUrl(r.url), payload: method === 'GET' || method === 'HEAD' ? undefined : {} });
        expect(res.statusCode, `${method} ${r.url}`).toBe(401);
      }
    }
  });

  it('the three admin roles share no permission beyond signing in', () => {
    const base = new Set(['session', 'authenticated']);
    for (const a of ADMIN_ROLES) for (const b of ADMIN_ROLES) {
      if (a === b) continue;
      const shared = ROLE_PERMISSIONS[a].filter((p) => !base.has(p) && ROLE_PERMISSIONS[b].includes(p));
      expect(shared, `${a} & ${b}`).toEqual([]);
    }
    expect(ROLES.length).toBe(7);
    // No admin role reads warnings, eligibility or the 工作台, or changes the rules.
    for (const a of ADMIN_ROLES) {
      expect(ROLE_PERMISSIONS[a].filter((p) => /^(warning|obligation|eligibility|dashboard|meeting|rules|settings):/u.test(p)), a).toEqual([]);
    }
  });
});

describe('HTTP guards', () => {
  it('security headers on API and UI responses', async () => {
    for (const url of ['/api/health', '/', '/cadres']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
    const api = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(api.headers['cache-control']).toBe('no-store');
  });

  it('health says the database is up', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('refuses cross-site mutations, non-JSON bodies and prototype pollution', async () => {
    const evil = await ctx.app.inject({
      method: 'POST', url: '/api/auth/login', headers: { origin: 'https://evil.example.com' }, payload: { login: 'a', password: 'b' },
    });
    expect(evil.statusCode).toBe(403);
    const text = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/plain' }, payload: 'login=a' });
    expect(text.statusCode).toBe(415);
    const form = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'login=a&password=b' });
    expect(form.statusCode).toBe(415);
    const proto = await ctx.app.inject({
      method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"login":"a","password":"b","__proto__":{"x":1}}',
    });
    expect(proto.statusCode).toBe(400);
    const getLogin = await ctx.app.inject({ method: 'GET', url: '/api/auth/login?login=a&password=b' });
    expect(getLogin.statusCode).toBe(404);
  });

  it('validation errors are Chinese and name the field', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: '', password: 'x', extra: 1 } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toBe('validation');
    expect(body.message).toMatch(/[\u4e00-\u9fa5]/u);
    expect(body.issues.map((i: { path: string }) => i.path).join(' ')).toMatch(/login|extra/u);
  });

  it('the OpenAPI document lists every API route with its permission', async () => {
    const u = await ctx.loginAs('supervisor', { scopeOrgId: await rootOrg() });
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json', headers: { cookie: u.cookie } });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { paths: Record<string, Record<string, { 'x-permission'?: string }>> };
    const apiRoutes = ctx.app.routeTable.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json');
    for (const r of apiRoutes) {
      for (const m of ([] as string[]).concat(r.method)) {
        if (m === 'HEAD') continue;
        const path = r.url.replace(/:([a-zA-Z]+)/gu, '{$1}');
        const op = doc.paths[path]?.[m.toLowerCase()];
        expect(op, `${m} ${path}`).toBeDefined();
        expect(op!['x-permission']).toBe(r.config?.permission);
      }
    }
    const docs = await ctx.app.inject({ method: 'GET', url: '/api/docs/', headers: { cookie: u.cookie } });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).not.toMatch(/https?:\/\/(?!localhost|127\.0\.0\.1)[a-z0-9.-]+\.[a-z]{2,}\/[^"']*\.(js|css)/u);
  });
});

async function rootOrg(): Promise<string> {
  const { createOrg } = await import('../../src/services/orgs.service.ts');
  const { systemActor } = await import('../../src/context.ts');
  return (await createOrg(ctx.deps, systemActor('t'), { parentId: null, name: `根${crypto.randomUUID().slice(0, 6)}`, type: '党委', level: '市级', regionCode: '519900' })).id;
}
