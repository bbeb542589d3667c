import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../support/app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

const me = (cookie: string) => ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

describe('sessions', () => {
  it('cookie is HttpOnly and SameSite=Strict; login issues a new id', async () => {
    await ctx.loginAs('auditadmin', { login: 'cookies' });
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'cookies', password: TEST_PASSWORD } });
    const c = res.cookies.find((x) => x.name === 'jiandu_sid')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    expect(c.path).toBe('/');
    expect(c.value.length).toBeGreaterThanOrEqual(43); // 256 random bits
    const again = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: `jiandu_sid=${c.value}` }, payload: { login: 'cookies', password: TEST_PASSWORD } });
    const c2 = again.cookies.find((x) => x.name === 'jiandu_sid')!;
    expect(c2.value).not.toBe(c.value);
    expect((await me(`jiandu_sid=${c.value}`)).statusCode).toBe(401); // the old id is dead
    // The 三员 pass a second factor (AUTH-05); that step renews the id again.
    expect((await me(`jiandu_sid=${c2.value}`)).json().error).toBe('mfa_required');
    const v = await ctx.app.inject({ method: 'POST', url: '/api/auth/mfa/verify', headers: { cookie: `jiandu_sid=${c2.value}` }, payload: { code: ctx.totp('cookies')!.code() } });
    const c3 = v.cookies.find((x) => x.name === 'jiandu_sid')!;
    expect(c3.httpOnly).toBe(true);
    expect(c3.value).not.toBe(c2.value);
    expect((await me(`jiandu_sid=${c2.value}`)).statusCode).toBe(401);
    expect((await me(`jiandu_sid=${c3.value}`)).statusCode).toBe(200);
  });

  it('the database holds only a hash of the session id', async () => {
    const u = await ctx.loginAs('auditadmin');
    const token = u.cookie.split('=')[1]!;
    const all = await ctx.db.tx((tx) => rows<{ t: string }>(tx, sql`select string_agg(encode(id_hash, 'base64') || user_id::text, '|') as t from session`));
    expect(all[0]!.t).not.toContain(token);
  });

  it('idle timeout 30 minutes, absolute limit 12 hours', async () => {
    const u = await ctx.loginAs('secadmin');
    ctx.clock.advance(29 * 60_000);
    expect((await me(u.cookie)).statusCode).toBe(200);
    ctx.clock.advance(31 * 60_000);
    expect((await me(u.cookie)).statusCode).toBe(401);

    const v = await ctx.loginAs('secadmin');
    for (let i = 0; i < 24; i++) {
      ctx.clock.advance(29 * 60_000);
      expect((await me(v.cookie)).statusCode).toBe(200);
    }
    ctx.clock.advance(29 * 60_000); // 12h 29min since login, never idle
    expect((await me(v.cookie)).statusCode).toBe(401);
  });

  it('disabling an account ends its sessions at once', async () => {
    const admin = await ctx.loginAs('sysadmin');
    const victim = await ctx.loginAs('auditadmin');
    const res = await ctx.app.inject({ method: 'POST', url: `/api/users/${victim.id}/status`, headers: { cookie: admin.cookie }, payload: { disabled: true } });
    expect(res.statusCode).toBe(200);
    expect((await me(victim.cookie)).statusCode).toBe(401);
    expect((await ctx.login(victim.login, victim.password)).status).toBe(401);
  });
});

describe('security administrator', () => {
  it('lists live sessions and ends one, audited', async () => {
    const sec = await ctx.loginAs('secadmin');
    const victim = await ctx.loginAs('auditadmin');
    const list = await ctx.app.inject({ method: 'GET', url: '/api/security/sessions', headers: { cookie: sec.cookie } });
    const s = list.json().find((x: { login: string }) => x.login === victim.login);
    expect(s).toBeDefined();
    expect(list.json().find((x: { current: boolean }) => x.current).login).toBe(sec.login);
    const end = await ctx.app.inject({ method: 'POST', url: `/api/security/sessions/${s.handle}/terminate`, headers: { cookie: sec.cookie } });
    expect(end.statusCode).toBe(200);
    expect((await me(victim.cookie)).statusCode).toBe(401);
    const [r] = await ctx.db.tx((tx) => rows<{ action: string }>(tx, sql`select action from audit_log order by seq desc limit 1`));
    expect(r!.action).toBe('session.terminate');
    const policy = await ctx.app.inject({ method: 'GET', url: '/api/security/policy', headers: { cookie: sec.cookie } });
    expect(policy.json()).toMatchObject({ maxFailedLogins: 5, lockMinutes: 30, sessionIdleMinutes: 30, sessionAbsoluteHours: 12 });
  });
});

describe('accounts', () => {
  it('creates an account (proposed, then approved) with a one-time password; logins are unique after NFKC + lower-case', async () => {
    const admin = await ctx.loginAs('sysadmin');
    const sec = await ctx.loginAs('secadmin');
    const create = (login: string) => ctx.app.inject({
      method: 'POST', url: '/api/account-changes', headers: { cookie: admin.cookie }, payload: { kind: 'create', login, displayName: '审计员', role: 'auditadmin' },
    });
    const r = await create('audit01');
    expect(r.statusCode).toBe(200);
    const ok = await ctx.app.inject({ method: 'POST', url: `/api/account-approvals/${r.json().id}/approve`, headers: { cookie: sec.cookie }, payload: {} });
    expect(ok.statusCode).toBe(200);
    const otp = await ctx.app.inject({ method: 'POST', url: `/api/account-changes/${r.json().id}/password`, headers: { cookie: admin.cookie } });
    expect(otp.json().password).toMatch(/^.{16}$/u);
    const dup = await create('ＡＵＤＩＴ01');
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toContain('已存在');
  });

  it('a scoped role needs a jurisdiction, a member a department', async () => {
    const admin = await ctx.loginAs('sysadmin');
    const res = await ctx.app.inject({
      method: 'POST', url: '/api/account-changes', headers: { cookie: admin.cookie }, payload: { kind: 'create', login: 'sup-x', displayName: '某', role: 'supervisor' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].path).toBe('scopeOrgId');
  });

  it('the database refuses a second role next to an admin role (三员分立)', async () => {
    const u = await ctx.loginAs('sysadmin');
    await expect(ctx.db.tx((tx) => tx.execute(sql`insert into user_role (user_id, role) values (${u.id}, 'auditadmin')`))).rejects.toThrow();
    await expect(ctx.db.tx((tx) => tx.execute(sql`insert into user_role (user_id, role) values (${u.id}, 'supervisor')`))).rejects.toThrow();
    const s = await ctx.loginAs('secadmin');
    await expect(ctx.db.tx((tx) => tx.execute(sql`update user_role set role = 'sysadmin' where user_id = ${s.id}`))).resolves.toBeDefined();
  });

  it('no default accounts: a fresh database has no login at all', async () => {
    const fresh = await createTestContext();
    for (const [l, p] of [['admin', 'admin'], ['root', 'root'], ['sysadmin', 'sysadmin'], ['sa', 'sa']]) {
      expect((await fresh.login(l!, p!)).status).toBe(401);
    }
    const n = await fresh.db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from app_user`));
    expect(n[0]!.n).toBe(0);
  });
});
