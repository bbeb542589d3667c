/**
 * Issue 9 point 6 (AUTH-04): request limits with the production defaults — login per IP and per account,
 * member lookups of cadres, /api/v1 per token and invalid bearer tokens per IP: 429 + Retry-After, one
 * audit row per trip, OK again once the wait is over (the limiter runs on the app's clock).
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { createUser } from '../../src/services/users.service.ts';
import { systemActor } from '../../src/context.ts';
import { DEFAULT_SECURITY_POLICY } from '../../src/services/policy.ts';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../support/app.ts';
import { makeIdNumber, makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
beforeAll(async () => {
  ctx = await createTestContext({ productionPolicy: true });
  city = await makeSmallCity(ctx);
});

const L = DEFAULT_SECURITY_POLICY.rateLimits;
const q = <T>(query: ReturnType<typeof sql>) => ctx.db.tx((tx) => rows<T>(tx, query));
const tripRows = async (name: string) =>
  (await q<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'rate-limit' and object_id = ${name}`))[0]!.n;

let n = 0;
async function account(role: 'auditadmin' | 'sysadmin' | 'member' | 'secadmin', extra: { scopeOrgId?: string; departmentCode?: string } = {}) {
  const login = `t${role}${++n}`;
  const r = await createUser({ db: ctx.db, clock: ctx.clock, pbkdf2Iterations: 1000 }, systemActor('test'), {
    login, displayName: login, role, scopeOrgId: extra.scopeOrgId ?? null, departmentCode: extra.departmentCode ?? null,
  }, { mustChangePassword: false, password: TEST_PASSWORD });
  return { login, id: r.id };
}

const loginFrom = (ip: string, login: string, password = TEST_PASSWORD) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { login, password } });

async function cookieOf(login: string, ip: string): Promise<string> {
  const r = await loginFrom(ip, login);
  expect(r.statusCode).toBe(200);
  if (r.json().mfa) { // the 三员 need their second factor: the test context completes it
    const full = await ctx.login(login, TEST_PASSWORD);
    expect(full.cookie).toBeTruthy();
    return full.cookie!;
  }
  return `jiandu_sid=${r.cookies.find((c) => c.name === 'jiandu_sid')!.value}`;
}

describe('login throttling (AUTH-04)', () => {
  it('login throttling per IP: 429 with Retry-After after the burst, one audit row, OK after the wait', async () => {
    const ip = '10.0.0.1';
    for (let i = 0; i < L.loginPerIp.max; i++) expect((await loginFrom(ip, `nobody${i}`, 'Whatever#123')).statusCode).toBe(401);
    const refused = await loginFrom(ip, 'nobody-else', 'Whatever#123');
    expect(refused.statusCode).toBe(429);
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBeGreaterThan(0); // the bucket refills one request every window/max seconds (20 s)
    expect(wait).toBeLessThanOrEqual(L.loginPerIp.windowSeconds / L.loginPerIp.max);
    expect(refused.json()).toMatchObject({ error: 'rate_limited', message: expect.stringContaining('登录尝试过于频繁') });
    const before = (await q<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'auth.login'`))[0]!.n;
    for (let i = 0; i < 20; i++) expect((await loginFrom(ip, 'nobody-else', 'Whatever#123')).statusCode).toBe(429);
    expect(await tripRows('loginPerIp')).toBe(1); // a flood writes one row, not one per request
    expect((await q<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'auth.login'`))[0]!.n).toBe(before);

    const u = await account('auditadmin');
    expect((await loginFrom('10.0.0.2', u.login)).statusCode).toBe(200); // another address is not affected
    ctx.clock.advance(wait * 1000);
    expect((await loginFrom(ip, u.login)).statusCode).toBe(200);
    expect((await loginFrom(ip, u.login)).statusCode).toBe(429);
  });

  it('login throttling per account: 429 from any address once the account had its burst, OK after the wait', async () => {
    const u = await account('auditadmin');
    for (let i = 0; i < L.loginPerAccount.max; i++) expect((await loginFrom(`10.1.0.${i + 1}`, u.login)).statusCode).toBe(200);
    const refused = await loginFrom('10.1.1.1', u.login);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(L.loginPerAccount.windowSeconds / L.loginPerAccount.max);
    expect(refused.json().message).toContain('该账号');
    const [trip] = await q<{ actor_login: string; client_ip: string }>(sql`
      select actor_login, client_ip from audit_log where action = 'rate-limit' and object_id = 'loginPerAccount' order by seq desc limit 1`);
    expect(trip).toMatchObject({ actor_login: u.login, client_ip: '10.1.1.1' });
    // Another login is not affected.
    const other = await account('auditadmin');
    expect((await loginFrom('10.1.1.1', other.login)).statusCode).toBe(200);
    ctx.clock.advance(Number(refused.headers['retry-after']) * 1000);
    expect((await loginFrom('10.1.1.2', u.login)).statusCode).toBe(200);
  });
});

describe('member lookups of cadres', () => {
  it('300 member lookups of guessed 身份证号 → 429 before the end', async () => {
    const m = await account('member', { scopeOrgId: city.city, departmentCode: 'xf' });
    const cookie = await cookieOf(m.login, '10.2.0.1');
    const statuses: number[] = [];
    let retryAfter = 0;
    for (let i = 0; i < 300; i++) {
      const idNumber = makeIdNumber('519901', '19700315', 100 + i);
      const r = await ctx.app.inject({ method: 'GET', url: `/api/cadres/lookup?idNumber=${idNumber}`, headers: { cookie }, remoteAddress: '10.2.0.1' });
      statuses.push(r.statusCode);
      if (r.statusCode === 429) retryAfter = Number(r.headers['retry-after']);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(L.lookupPerAccount.max);
    expect(statuses.indexOf(429)).toBe(L.lookupPerAccount.max);
    expect(retryAfter).toBeGreaterThan(0);
    expect(await tripRows('lookupPerAccount')).toBe(1);
    const lookups = (await q<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'cadre.lookup' and actor_login = ${m.login}`))[0]!.n;
    expect(lookups).toBe(L.lookupPerAccount.max);
    // One lookup comes back every window/max seconds (60 s for the account, 30 s for the address).
    ctx.clock.advance((L.lookupPerAccount.windowSeconds / L.lookupPerAccount.max) * 1000);
    const again = await cookieOf(m.login, '10.2.0.1');
    const ok = await ctx.app.inject({ method: 'GET', url: `/api/cadres/lookup?idNumber=${city.cadres['张三明']!.idNumber}`, headers: { cookie: again }, remoteAddress: '10.2.0.1' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toHaveLength(1);
  });
});

describe('/api/v1 token throttling', () => {
  it('v1 token throttling: invalid bearer tokens from one IP → 429 after the limit, without an audit row each', async () => {
    const ip = '10.3.0.1';
    const push = () => ctx.app.inject({
      method: 'POST', url: '/api/v1/entries', remoteAddress: ip, payload: { entries: [] },
      headers: { authorization: `Bearer jdt_${'x'.repeat(43)}` },
    });
    const authRows = async () => (await q<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'api-token.auth'`))[0]!.n;
    const before = await authRows();
    for (let i = 0; i < L.apiAuthFailuresPerIp.max; i++) expect((await push()).statusCode).toBe(401);
    for (let i = 0; i < 50; i++) {
      const r = await push();
      expect(r.statusCode).toBe(429);
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect((await authRows()) - before).toBe(L.apiAuthFailuresPerIp.max);
    expect(await tripRows('apiAuthFailuresPerIp')).toBe(1);
  });

  it('v1 token throttling: per token, with the limit the 安全管理员 set', async () => {
    const sec = await account('secadmin');
    const secCookie = await cookieOf(sec.login, '10.4.0.1');
    const cur = (await ctx.call('GET', '/api/security/policy', secCookie)).json();
    const { pbkdf2Iterations: _i, version, updatedAt: _a, updatedByLogin: _b, ...policy } = cur;
    const saved = await ctx.app.inject({
      method: 'PUT', url: '/api/security/policy', headers: { cookie: secCookie }, remoteAddress: '10.4.0.1',
      payload: { baseVersion: version, policy: { ...policy, rateLimits: { ...policy.rateLimits, apiPerToken: { max: 3, windowSeconds: 60 } } } },
    });
    expect(saved.statusCode).toBe(200);

    const admin = await account('sysadmin');
    const adminCookie = await cookieOf(admin.login, '10.4.0.2');
    const t = await ctx.call('POST', '/api/api-tokens', adminCookie, { name: '信访系统', departmentCode: 'xf', kinds: ['xfjb'], scopeOrgId: city.city });
    expect(t.statusCode, t.body).toBe(200);
    const token: string = t.json().token;
    const push = (ip: string) => ctx.app.inject({
      method: 'POST', url: '/api/v1/entries', remoteAddress: ip, headers: { authorization: `Bearer ${token}`, 'idempotency-key': `k${Math.random()}` },
      payload: { entries: [{ externalId: `x${Math.random()}`, kind: 'xfjb', cadre: { idNumber: makeIdNumber('519901', '19700315', 999) }, occurredOn: '2025-03-15', summary: '测试', details: {} }] },
    });
    for (let i = 0; i < 3; i++) {
      const r = await push(`10.4.1.${i}`);
      expect(r.statusCode, r.body).toBe(200);
    }
    const refused = await push('10.4.2.1');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(20);
    expect(refused.json().message).toContain('接口调用过于频繁');
    ctx.clock.advance(20_000);
    expect((await push('10.4.2.1')).statusCode).toBe(200);
  });
});
