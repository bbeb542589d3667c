/** Issue 9 point 6: the security policy the 安全管理员 edits (versioned, audited), password denylist, history and expiry. */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPassword } from '@jiandu/domain';
import { rows } from '../../src/db/client.ts';
import { generatePassword } from '../../src/crypto/sm.ts';
import { organisationWords } from '../../src/services/auth.service.ts';
import { DEFAULT_SECURITY_POLICY } from '../../src/services/policy.ts';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
beforeAll(async () => {
  // The production password rules (expiry 90 days, history 5); generous request limits (tested in throttle.test.ts).
  ctx = await createTestContext({ policy: { password: DEFAULT_SECURITY_POLICY.password } });
  city = await makeSmallCity(ctx);
});

const q = <T>(query: ReturnType<typeof sql>) => ctx.db.tx((tx) => rows<T>(tx, query));
const getPolicy = (cookie: string) => ctx.call('GET', '/api/security/policy', cookie);
const putPolicy = (cookie: string, body: object) => ctx.app.inject({ method: 'PUT', url: '/api/security/policy', headers: { cookie }, payload: body });
const changePassword = (cookie: string, currentPassword: string, newPassword: string) =>
  ctx.call('POST', '/api/auth/password', cookie, { currentPassword, newPassword });

describe('security policy edited by the 安全管理员 (AUTH-02/03/04, SESS-02)', () => {
  it('policy edit by secadmin: a new version, audited with before and after; stale versions 409; bounds 400', async () => {
    const sec = await ctx.loginAs('secadmin');
    const first = await getPolicy(sec.cookie);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 0, updatedByLogin: null, maxFailedLogins: 5, password: { minLength: 10, historyCount: 5, expiryDays: 90 } });
    const { pbkdf2Iterations: _i, version: _v, updatedAt: _a, updatedByLogin: _b, ...policy } = first.json();

    const changed = { ...policy, password: { ...policy.password, minLength: 12, extraWords: ['dongping'] }, sessionIdleMinutes: 15 };
    const saved = await putPolicy(sec.cookie, { baseVersion: 0, policy: changed });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, updatedByLogin: sec.login, sessionIdleMinutes: 15, password: { minLength: 12 } });
    expect((await getPolicy(sec.cookie)).json()).toMatchObject({ version: 1, updatedByLogin: sec.login });

    const [audit] = await q<{ action: string; actor_login: string; details: Record<string, string> }>(sql`
      select action, actor_login, details from audit_log where action = 'security.policy' order by seq desc limit 1`);
    expect(audit!.actor_login).toBe(sec.login);
    expect(audit!.details.changed).toBe('password.extraWords,password.minLength,sessionIdleMinutes');
    expect(JSON.parse(audit!.details.before!)).toEqual({ 'password.extraWords': [], 'password.minLength': 10, sessionIdleMinutes: 30 });
    expect(JSON.parse(audit!.details.after!)).toEqual({ 'password.extraWords': ['dongping'], 'password.minLength': 12, sessionIdleMinutes: 15 });

    const stale = await putPolicy(sec.cookie, { baseVersion: 0, policy: { ...changed, lockMinutes: 60 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toContain('刷新');

    const bad = await putPolicy(sec.cookie, { baseVersion: 1, policy: { ...changed, password: { ...changed.password, minLength: 4 }, sessionIdleMinutes: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/不能小于8/u);

    // The versions are append-only in the database.
    await expect(ctx.db.tx((tx) => tx.execute(sql`update security_policy set policy = '{}'::jsonb`))).rejects.toThrow();
    // Back to the defaults for the other tests.
    expect((await putPolicy(sec.cookie, { baseVersion: 1, policy })).statusCode).toBe(200);
  });

  it('policy edit is refused (403) to every other role', async () => {
    for (const role of ['sysadmin', 'auditadmin', 'supervisor', 'chief', 'leader', 'member'] as const) {
      const scoped = ['supervisor', 'chief', 'leader', 'member'].includes(role);
      const u = await ctx.loginAs(role, { scopeOrgId: scoped ? city.city : null, departmentCode: role === 'member' ? 'xf' : null });
      expect((await getPolicy(u.cookie)).statusCode, role).toBe(403);
      expect((await putPolicy(u.cookie, { baseVersion: 0, policy: DEFAULT_SECURITY_POLICY })).statusCode, role).toBe(403);
    }
  });

  it('the saved policy is applied: lockout count, session idle timeout and password length', async () => {
    const sec = await ctx.loginAs('secadmin');
    const cur = (await getPolicy(sec.cookie)).json();
    const { pbkdf2Iterations: _i, version, updatedAt: _a, updatedByLogin: _b, ...policy } = cur;
    const r = await putPolicy(sec.cookie, {
      baseVersion: version, policy: { ...policy, maxFailedLogins: 3, sessionIdleMinutes: 10, password: { ...policy.password, minLength: 14 } },
    });
    expect(r.statusCode).toBe(200);

    const u = await ctx.loginAs('auditadmin');
    ctx.clock.advance(11 * 60_000);
    expect((await ctx.call('GET', '/api/auth/me', u.cookie)).statusCode).toBe(401); // idle 10 minutes

    for (let i = 0; i < 3; i++) expect((await ctx.login(u.login, 'Wrong#pass123x')).status).toBe(401);
    const locked = await ctx.login(u.login, TEST_PASSWORD);
    expect(locked.status).toBe(401);
    expect(locked.body.message).toContain('连续失败3次');

    const v = await ctx.loginAs('auditadmin');
    const short = await changePassword(v.cookie, TEST_PASSWORD, 'Rj5%nWc8Ty2&x');
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toContain('至少14位');
    expect((await ctx.call('GET', '/api/auth/password-rules', v.cookie)).json()).toMatchObject({ minLength: 14, historyCount: 5, expiryDays: 90 });

    const sec2 = await ctx.loginAs('secadmin'); // the first one's session went idle
    const back = (await getPolicy(sec2.cookie)).json();
    expect((await putPolicy(sec2.cookie, { baseVersion: back.version, policy })).statusCode).toBe(200);
  });
});

describe('password denylist, organisation words and history (AUTH-02)', () => {
  it.each(['Passw0rd!234', 'Welcome2024!', 'P@ssw0rd2024', 'Aa1!Aa1!Aa1!'])('password denylist: %s is refused by the API', async (pw) => {
    const u = await ctx.loginAs('auditadmin');
    const r = await changePassword(u.cookie, TEST_PASSWORD, pw);
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/常见|重复/u);
  });

  it('organisation words: the unit name, its pinyin and the city are refused', async () => {
    const u = await ctx.loginAs('supervisor', { scopeOrgId: city.countyA }); // 东平县委, under 青川市委
    for (const pw of ['Dongping#7Kq2x', 'Qingchuan#7Kq2', '东平县Tk9#mVx2p']) {
      const r = await changePassword(u.cookie, TEST_PASSWORD, pw);
      expect(r.statusCode, pw).toBe(400);
      expect(r.json().message, pw).toContain('单位');
    }
    expect(organisationWords(['青川市委', '东平县委组织部'])).toEqual(expect.arrayContaining(['青川', 'qingchuan', '东平', 'dongping']));
  });

  it('password history: the last 5 passwords cannot come back, the 6th can', async () => {
    const u = await ctx.loginAs('auditadmin');
    const chain = ['Rj5%nWc8Ty2&', 'Gm!83vQz0Tkp', 'Hb4$sDf6Kq7#', 'Tz8!vQm3Lp4x', 'Xw3@pLk9Vb6%', 'Nc7^hRt2Jm5*'];
    let current = TEST_PASSWORD;
    for (const pw of chain) {
      const r = await changePassword(u.cookie, current, pw);
      expect(r.statusCode, pw).toBe(200);
      current = pw;
    }
    // Current: Nc7^…; the last five chosen: Nc7^, Xw3@, Tz8!, Hb4$, Gm!8.
    for (const old of ['Xw3@pLk9Vb6%', 'Tz8!vQm3Lp4x', 'Hb4$sDf6Kq7#', 'Gm!83vQz0Tkp']) {
      const r = await changePassword(u.cookie, current, old);
      expect(r.statusCode, old).toBe(400);
      expect(r.json().message).toContain('最近5次');
    }
    expect((await changePassword(u.cookie, current, current)).json().message).toContain('不能与当前密码相同');
    expect((await changePassword(u.cookie, current, 'Rj5%nWc8Ty2&')).statusCode).toBe(200); // six changes ago
    const n = await q<{ n: number }>(sql`select count(*)::int as n from password_history where user_id = ${u.id}`);
    expect(n[0]!.n).toBe(7);
  });

  it('generated one-time passwords always pass the policy', () => {
    const context = organisationWords(['青川市委组织部', '东平县委']);
    for (let i = 0; i < 2000; i++) {
      const pw = generatePassword();
      expect(checkPassword(pw, 'zhangsan', DEFAULT_SECURITY_POLICY.password, context)).toEqual([]);
    }
    expect(checkPassword(TEST_PASSWORD, 'zhangsan', DEFAULT_SECURITY_POLICY.password, context)).toEqual([]);
  });
});

describe('password expiry (AUTH-03)', () => {
  it('expiry with the clock: at day 91 login is OK, but business routes answer 403 must_change_password until changed', async () => {
    const admin = await ctx.loginAs('sysadmin');
    ctx.clock.advance(89 * 86_400_000);
    const early = await ctx.login(admin.login, TEST_PASSWORD);
    expect(early.body.user.mustChangePassword).toBe(false);
    expect((await ctx.call('GET', '/api/users', early.cookie!)).statusCode).toBe(200);

    ctx.clock.advance(2 * 86_400_000); // day 91
    const l = await ctx.login(admin.login, TEST_PASSWORD);
    expect(l.status).toBe(200);
    expect(l.body.user).toMatchObject({ mustChangePassword: true, passwordExpired: true });
    const denied = await ctx.call('GET', '/api/users', l.cookie!);
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ error: 'must_change_password', message: expect.stringContaining('过期') });
    expect((await ctx.call('GET', '/api/auth/me', l.cookie!)).statusCode).toBe(200);

    expect((await changePassword(l.cookie!, TEST_PASSWORD, 'Fq6&zYd4Ws8!')).statusCode).toBe(200);
    expect((await ctx.call('GET', '/api/users', l.cookie!)).statusCode).toBe(200);
    const [a] = await q<{ details: Record<string, unknown> }>(sql`
      select details from audit_log where action = 'auth.login' and actor_login = ${admin.login} order by seq desc limit 1`);
    expect(a!.details.passwordExpired).toBe(true);
  });

  it('expiry 0 turns it off', async () => {
    const sec = await ctx.loginAs('secadmin');
    const cur = (await getPolicy(sec.cookie)).json();
    const { pbkdf2Iterations: _i, version, updatedAt: _a, updatedByLogin: _b, ...policy } = cur;
    expect((await putPolicy(sec.cookie, { baseVersion: version, policy: { ...policy, password: { ...policy.password, expiryDays: 0 } } })).statusCode).toBe(200);
    const u = await ctx.loginAs('sysadmin');
    ctx.clock.advance(400 * 86_400_000);
    const l = await ctx.login(u.login, TEST_PASSWORD);
    expect((await ctx.call('GET', '/api/users', l.cookie!)).statusCode).toBe(200);
  });
});
