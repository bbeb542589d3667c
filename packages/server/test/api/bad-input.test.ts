/**
 * Never 500 on bad input (INP-01, WEB-02, AUD-02): NUL in any string parameter and forged keyset cursors
 * answer 400 with a Chinese message; a failing query logs neither its SQL nor its parameters.
 */
import crypto from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES, ROLE_PERMISSIONS, type Role } from '@jiandu/domain';
import { buildApp } from '../../src/app.ts';
import { createOrg } from '../../src/services/orgs.service.ts';
import { systemActor } from '../../src/context.ts';
import { createTestContext, type TestContext } from '../support/app.ts';

let ctx: TestContext;
const cookies = new Map<Role, string>();
beforeAll(async () => {
  ctx = await createTestContext();
  const root = (await createOrg(ctx.deps, systemActor('t'), { parentId: null, name: `根${crypto.randomUUID().slice(0, 6)}`, type: '党委', level: '市级', regionCode: '519900' })).id;
  for (const role of ROLES) {
    const opts = ['sysadmin', 'secadmin', 'auditadmin'].includes(role) ? {} : role === 'member' ? { scopeOrgId: root, departmentCode: 'xf' } : { scopeOrgId: root };
    cookies.set(role, (await ctx.loginAs(role, opts)).cookie);
  }
});

const CHINESE = /[\u4e00-\u9fa5]/u;

/** A signed-in cookie of a role that holds the route's permission (so the request gets past the door). */
function cookieFor(permission: string): string | null {
  for (const role of ROLES) {
    if (permission === 'authenticated' || permission === 'session' || (ROLE_PERMISSIONS[role] as readonly string[]).includes(permission)) return cookies.get(role)!;
  }
  return null;
}

/** GET routes of the API with the names of their query parameters. */
function getRoutes(): Array<{ url: string; permission: string; query: string[] }> {
  return ctx.app.routeTable
    .filter((r) => ([] as string[]).concat(r.method).includes('GET') && r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'))
    .map((r) => {
      const q = ((r as unknown as { schema?: unknown }).schema as { querystring?: { shape?: Record<string, unknown> } } | undefined)?.querystring;
      return { url: r.url, permission: String(r.config?.permission), query: Object.keys(q?.shape ?? {}) };
    });
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const FORGED_CURSORS = [
  'not base64!', b64('not json'), b64('{"a":1}'), b64('[1,2,3,4,5]'), b64('[{"a":1},null]'),
  b64('["2026-13-45","not-a-uuid"]'), b64('["x\\u0000","00000000-0000-0000-0000-000000000000"]'), b64('[1e400]'), b64('["\'; drop table cadre; --"]'),
];

describe('bad input never reaches the database (INP-01)', () => {
  it('every GET route answers NUL in each string parameter with a Chinese 400, never a 5xx', async () => {
    const routes = getRoutes();
    expect(routes.length).toBeGreaterThan(20);
    let probed = 0;
    for (const r of routes) {
      const cookie = r.permission === 'public' ? '' : cookieFor(r.permission);
      if (cookie === null) continue;
      const path = r.url.replace(/:[a-zA-Z]+/gu, crypto.randomUUID());
      const urls = [...r.query.map((k) => `${path}?${k}=a%00b`), ...(r.url.includes(':') ? [r.url.replace(/:[a-zA-Z]+/gu, 'a%00b')] : [])];
      for (const url of urls) {
        const res = await ctx.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
        probed++;
        expect(res.statusCode, `GET ${url}`).toBeLessThan(500);
        expect(res.statusCode, `GET ${url}`).toBe(400);
        expect(res.json().message, `GET ${url}`).toMatch(CHINESE);
      }
    }
    expect(probed).toBeGreaterThan(40);
  });

  it('q, kind and actor with %00 name the field in a Chinese 400', async () => {
    for (const [url, field] of [['/api/cadres?q=a%00b', 'q'], ['/api/entries?kind=a%00b', 'kind'], ['/api/audit?actor=a%00b', 'actor']] as const) {
      const cookie = url.startsWith('/api/audit') ? cookies.get('auditadmin')! : cookies.get('supervisor')!;
      const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().message, url).toContain(field);
      expect(res.json().message, url).toMatch(CHINESE);
    }
  });

  it('NUL in a JSON body string or key is refused with the field named', async () => {
    const cookie = cookies.get('supervisor')!;
    const res = await ctx.app.inject({ method: 'POST', url: '/api/entries', headers: { cookie }, payload: { kind: 'xfjb', summary: 'a\u0000b' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('summary');
    const key = await ctx.app.inject({ method: 'POST', url: '/api/entries', headers: { cookie }, payload: { kind: 'xfjb', details: { 'a\u0000': 1 } } });
    expect(key.statusCode).toBe(400);
  });

  it('forged keyset cursors answer 400 翻页参数无效 on every route that takes one', async () => {
    const withCursor = getRoutes().filter((r) => r.query.includes('cursor'));
    expect(withCursor.length).toBeGreaterThanOrEqual(4);
    for (const r of withCursor) {
      const cookie = cookieFor(r.permission);
      if (cookie === null) continue; // api-token routes (a bearer token, no session): their own tests forge cursors
      for (const c of FORGED_CURSORS) {
        const res = await ctx.app.inject({ method: 'GET', url: `${r.url}?cursor=${encodeURIComponent(c)}`, headers: { cookie } });
        expect(res.statusCode, `${r.url} ${c}`).toBe(400);
        expect(res.json().message, `${r.url} ${c}`).toContain('翻页参数无效');
      }
    }
  });
});

describe('logs carry no SQL and no parameters (AUD-02)', () => {
  it('a failing query is logged at the default level with its SQLSTATE only', async () => {
    let out = '';
    const stream = new Writable({ write(chunk, _enc, cb) { out += chunk.toString(); cb(); } });
    const app = await buildApp(ctx.deps, { logger: { level: 'warn', stream } as never });
    try {
      // Break the database under the app: the next search fails inside PostgreSQL with its statement and parameters.
      await ctx.db.tx((tx) => tx.execute(sql`alter table cadre rename to cadre_gone`));
      const res = await app.inject({ method: 'GET', url: `/api/cadres?q=${encodeURIComponent('密探王五')}`, headers: { cookie: cookies.get('supervisor')! } });
      expect(res.statusCode).toBe(500);
      expect(res.json().message).toMatch(CHINESE);
      expect(JSON.stringify(res.json())).not.toMatch(/select|cadre_gone|密探/iu);
    } finally {
      await ctx.db.tx((tx) => tx.execute(sql`alter table cadre_gone rename to cadre`));
      await app.close();
    }
    expect(out).toContain('unhandled error');
    expect(out).toContain('42P01');
    expect(out).not.toMatch(/select|from "|Failed query|params:|密探王五/iu);
  });
});
