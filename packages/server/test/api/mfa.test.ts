/** AUTH-05: second factor — TOTP (RFC 6238) with recovery codes; password-only sessions reach nothing. */
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { base32Decode, hotp, totpStep } from '../../src/crypto/totp.ts';
import { createUser } from '../../src/services/users.service.ts';
import { systemActor } from '../../src/context.ts';
import { createOrg } from '../../src/services/orgs.service.ts';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../support/app.ts';

let ctx: TestContext;
let root: string;
beforeAll(async () => {
  ctx = await createTestContext();
  root = (await createOrg(ctx.deps, systemActor('t'), { parentId: null, name: '青川市委', type: '党委', level: '市级', regionCode: '519900' })).id;
});

const q = <T,>(query: ReturnType<typeof sql>) => ctx.db.tx((tx) => rows<T>(tx, query));
const inject = (method: 'GET' | 'POST', url: string, cookie: string | null, payload?: object) =>
  ctx.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
const cookieOf = (res: { cookies: Array<{ name: string; value: string }> }) => {
  const c = res.cookies.find((x) => x.name === 'jiandu_sid');
  return c ? `jiandu_sid=${c.value}` : null;
};
/** Moves the test clock to the start of a 30-second step, so that a test's codes stay in one step. */
const alignStep = () => {
  const into = ctx.clock.now().getTime() % 30_000;
  if (into > 2_000) ctx.clock.advance(30_000 - into + 200);
};
const codeAt = (secret: string, offsetSteps: number) => hotp(base32Decode(secret), totpStep(ctx.clock.now()) + offsetSteps);

/** A fresh account (password already changed) with no second factor yet. */
async function account(role: 'supervisor' | 'leader' | 'sysadmin' | 'secadmin' | 'auditadmin', login = `${role}${crypto.randomUUID().slice(0, 6)}`) {
  const scoped = role === 'supervisor' || role === 'leader';
  const r = await createUser({ db: ctx.db, clock: ctx.clock, pbkdf2Iterations: 1000 }, systemActor('test'), {
    login, displayName: login, role, scopeOrgId: scoped ? root : null, departmentCode: null,
  }, { mustChangePassword: false, password: TEST_PASSWORD });
  return { login, id: r.id };
}

async function passwordLogin(login: string) {
  const res = await inject('POST', '/api/auth/login', null, { login, password: TEST_PASSWORD });
  expect(res.statusCode).toBe(200);
  return { cookie: cookieOf(res)!, mfa: res.json().mfa as 'verify' | 'enroll' | null };
}

/** Enrolls through the API from a session that may enroll; returns the secret, recovery codes and the session after. */
async function enroll(cookie: string) {
  const start = await inject('POST', '/api/auth/mfa/enroll', cookie);
  expect(start.statusCode).toBe(200);
  const { secret, uri } = start.json() as { secret: string; uri: string };
  expect(uri).toMatch(/^otpauth:\/\/totp\/Jiandu:/u);
  const confirm = await inject('POST', '/api/auth/mfa/enroll/confirm', cookie, { code: codeAt(secret, 0) });
  expect(confirm.statusCode, confirm.body).toBe(200);
  return { secret, recoveryCodes: confirm.json().recoveryCodes as string[], cookie: cookieOf(confirm) ?? cookie };
}

describe('second factor (AUTH-05)', () => {
  it('AUTH-05 a password-only session is mfa_pending: every non-MFA API answers 401', async () => {
    const u = await account('supervisor');
    const first = await passwordLogin(u.login);
    expect(first.mfa).toBe('enroll');
    const { cookie: full } = await enroll(first.cookie);
    expect((await inject('GET', '/api/auth/me', full)).statusCode).toBe(200);
    await inject('POST', '/api/auth/logout', full);

    const pending = await passwordLogin(u.login);
    expect(pending.mfa).toBe('verify');
    let walked = 0;
    for (const r of ctx.app.routeTable) {
      const p = r.config?.permission;
      if (p === 'public' || p === 'api-token' || p === 'mfa') continue;
      for (const method of ([] as string[]).concat(r.method)) {
        const url = r.url.replace(/:[a-zA-Z]+/gu, crypto.randomUUID()).replace('*', 'x');
        const res = await ctx.app.inject({ method: method as 'GET', url, headers: { cookie: pending.cookie }, payload: method === 'GET' || method === 'HEAD' ? undefined : {} });
        expect(res.statusCode, `${method} ${r.url}`).toBe(401);
        if (method !== 'HEAD') expect(res.json().error, `${method} ${r.url}`).toBe('mfa_required');
        walked++;
      }
    }
    expect(walked).toBeGreaterThan(50);
    // The MFA status route answers, and says what is due.
    expect((await inject('GET', '/api/auth/mfa', pending.cookie)).json()).toMatchObject({ state: 'verify', enrolled: true, required: true });
    // A pending session cannot swap the factor for one of its own.
    expect((await inject('POST', '/api/auth/mfa/enroll', pending.cookie)).statusCode).toBe(403);
  });

  it('AUTH-05 wrong, reused and out-of-window codes are refused; the id is renewed after the second factor (SESS-01)', async () => {
    alignStep();
    const u = await account('auditadmin');
    const { secret } = await enroll((await passwordLogin(u.login)).cookie);
    const p = await passwordLogin(u.login);
    const verify = (code: string) => inject('POST', '/api/auth/mfa/verify', p.cookie, { code });
    const wrong = await verify(codeAt(secret, 0) === '000000' ? '111111' : '000000');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toContain('验证码不正确');
    expect((await verify(codeAt(secret, -2))).statusCode).toBe(400); // 60 s old
    expect((await verify(codeAt(secret, 2))).statusCode).toBe(400); // 60 s ahead
    // The enrollment code's step (now) is used up already: the code of the next step (+1, clock drift) works.
    expect((await verify(codeAt(secret, 0))).statusCode).toBe(400);
    const ok = await verify(codeAt(secret, 1));
    expect(ok.statusCode, ok.body).toBe(200);
    const full = cookieOf(ok)!;
    expect(full).not.toBe(p.cookie);
    expect((await inject('GET', '/api/auth/me', p.cookie)).statusCode).toBe(401); // the pending id is dead
    expect((await inject('GET', '/api/audit', full)).statusCode).toBe(200);
    // The same code again, on a new login: refused (single use).
    const again = await passwordLogin(u.login);
    expect((await inject('POST', '/api/auth/mfa/verify', again.cookie, { code: codeAt(secret, 1) })).statusCode).toBe(400);
    const audit = await q<{ action: string; result: string }>(sql`select action, result from audit_log where object_id = ${u.id} and action like 'auth.mfa%' order by seq`);
    expect(audit.filter((a) => a.action === 'auth.mfa.verify' && a.result === 'failure').length).toBe(5);
    expect(audit.filter((a) => a.action === 'auth.mfa.verify' && a.result === 'success').length).toBe(1);
  });

  it('AUTH-05 wrong codes count toward the lockout; a lock ends the pending session', async () => {
    const u = await account('secadmin');
    const { secret } = await enroll((await passwordLogin(u.login)).cookie);
    const p = await passwordLogin(u.login);
    const bad = codeAt(secret, 0) === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) expect((await inject('POST', '/api/auth/mfa/verify', p.cookie, { code: bad })).statusCode).toBe(400);
    const fifth = await inject('POST', '/api/auth/mfa/verify', p.cookie, { code: bad });
    expect(fifth.statusCode).toBe(401);
    expect(fifth.json().message).toContain('锁定');
    expect((await inject('GET', '/api/auth/mfa', p.cookie)).statusCode).toBe(401);
    expect((await inject('POST', '/api/auth/login', null, { login: u.login, password: TEST_PASSWORD })).statusCode).toBe(401);
  });

  it('AUTH-05 a recovery code works once', async () => {
    const u = await account('sysadmin');
    const { recoveryCodes } = await enroll((await passwordLogin(u.login)).cookie);
    expect(recoveryCodes).toHaveLength(10);
    const p = await passwordLogin(u.login);
    const ok = await inject('POST', '/api/auth/mfa/verify', p.cookie, { code: recoveryCodes[3]!.toUpperCase() });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await inject('GET', '/api/auth/mfa', cookieOf(ok)!)).json()).toMatchObject({ state: null, recoveryCodesLeft: 9 });
    const p2 = await passwordLogin(u.login);
    expect((await inject('POST', '/api/auth/mfa/verify', p2.cookie, { code: recoveryCodes[3]! })).statusCode).toBe(400);
    const [a] = await q<{ n: number }>(sql`select count(*)::int as n from audit_log where object_id = ${u.id} and action = 'auth.mfa.recovery' and result = 'success'`);
    expect(a!.n).toBe(1);
  });

  it('AUTH-05 a mandatory role without a factor must enroll first; the secret is stored SM4-encrypted, codes SM3-hashed', async () => {
    const u = await account('supervisor');
    const p = await passwordLogin(u.login);
    expect(p.mfa).toBe('enroll');
    const blocked = await inject('GET', '/api/auth/me', p.cookie);
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json().error).toBe('mfa_enroll_required');
    expect((await inject('POST', '/api/auth/mfa/verify', p.cookie, { code: '123456' })).statusCode).toBe(400);
    // A code that does not match the new secret does not enroll.
    const start = await inject('POST', '/api/auth/mfa/enroll', p.cookie);
    const { secret } = start.json() as { secret: string };
    const wrong = await inject('POST', '/api/auth/mfa/enroll/confirm', p.cookie, { code: codeAt(secret, 0) === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    const confirm = await inject('POST', '/api/auth/mfa/enroll/confirm', p.cookie, { code: codeAt(secret, 0) });
    expect(confirm.statusCode).toBe(200);
    const { recoveryCodes } = confirm.json() as { recoveryCodes: string[] };
    const full = cookieOf(confirm)!;
    expect(full).not.toBe(p.cookie);
    expect((await inject('GET', '/api/auth/me', full)).statusCode).toBe(200);
    expect((await inject('GET', '/api/auth/me', p.cookie)).statusCode).toBe(401);
    const [m] = await q<{ secret_enc: Buffer; pending_secret_enc: Buffer | null }>(sql`select secret_enc, pending_secret_enc from user_mfa where user_id = ${u.id}`);
    expect(m!.pending_secret_enc).toBeNull();
    const raw = Buffer.from(m!.secret_enc);
    expect(raw.includes(Buffer.from(secret))).toBe(false);
    expect(raw.includes(base32Decode(secret))).toBe(false);
    expect(ctx.deps.crypto.decrypt(raw, `user:${u.id}:totp`)).toBe(secret);
    expect(() => ctx.deps.crypto.decrypt(raw, `user:${crypto.randomUUID()}:totp`)).toThrow();
    const stored = await q<{ code_hash: Buffer }>(sql`select code_hash from user_recovery_code where user_id = ${u.id}`);
    expect(stored).toHaveLength(10);
    for (const s of stored) expect(Buffer.from(s.code_hash).toString('latin1')).not.toContain(recoveryCodes[0]!.slice(0, 4) + '-');
    const [e] = await q<{ n: number }>(sql`select count(*)::int as n from audit_log where object_id = ${u.id} and action = 'auth.mfa.enroll' and result = 'success'`);
    expect(e!.n).toBe(2); // start and confirm
  });

  it('AUTH-05 an optional role can skip the factor, or enroll it in 个人设置 and is asked for it from then on', async () => {
    const u = await account('leader');
    const p = await passwordLogin(u.login);
    expect(p.mfa).toBeNull();
    expect((await inject('GET', '/api/auth/me', p.cookie)).statusCode).toBe(200);
    expect((await inject('GET', '/api/auth/mfa', p.cookie)).json()).toMatchObject({ state: null, enrolled: false, required: false });
    const e = await enroll(p.cookie);
    expect(e.cookie).toBe(p.cookie); // a full session keeps its id
    expect((await passwordLogin(u.login)).mfa).toBe('verify');
  });

  it('AUTH-05 the secadmin lists the mandatory roles (三员 always); a factor is reset through 双人审批, audited', async () => {
    const sec = await ctx.loginAs('secadmin');
    const overview = await inject('GET', '/api/security/mfa', sec.cookie);
    expect(overview.statusCode).toBe(200);
    expect(overview.json().policy).toEqual({ roles: ['supervisor', 'chief'], exemptLogins: [] });
    expect(overview.json().alwaysRoles).toEqual(['sysadmin', 'secadmin', 'auditadmin']);

    const sup = await account('supervisor');
    const set = await inject('POST', '/api/security/mfa/policy', sec.cookie, { roles: ['chief', 'sysadmin'], exemptLogins: [] });
    expect(set.statusCode).toBe(200);
    expect(set.json().roles).toEqual(['chief']);
    expect((await passwordLogin(sup.login)).mfa).toBeNull();
    expect((await passwordLogin((await account('auditadmin')).login)).mfa).toBe('enroll');
    await inject('POST', '/api/security/mfa/policy', sec.cookie, { roles: ['supervisor', 'chief'], exemptLogins: [] });
    expect((await passwordLogin(sup.login)).mfa).toBe('enroll');

    // Reset (双人审批): the sysadmin proposes, the secadmin approves; the factor and the recovery codes go,
    // the user's sessions end, the next login enrolls again.
    const victim = await account('supervisor');
    const { cookie } = await enroll((await passwordLogin(victim.login)).cookie);
    const admin = await ctx.loginAs('sysadmin');
    const proposed = await inject('POST', '/api/account-changes', admin.cookie, { kind: 'reset-mfa', userId: victim.id });
    expect(proposed.statusCode).toBe(200);
    expect((await inject('GET', '/api/auth/me', cookie)).statusCode).toBe(200); // nothing before approval
    const approved = await inject('POST', `/api/account-approvals/${proposed.json().id}/approve`, sec.cookie, {});
    expect(approved.statusCode).toBe(200);
    expect((await inject('GET', '/api/auth/me', cookie)).statusCode).toBe(401);
    expect((await passwordLogin(victim.login)).mfa).toBe('enroll');
    const [left] = await q<{ n: number }>(sql`select (select count(*) from user_mfa where user_id = ${victim.id}) + (select count(*) from user_recovery_code where user_id = ${victim.id}) as n`);
    expect(Number(left!.n)).toBe(0);
    const audit = await q<{ action: string }>(sql`select action from audit_log where action in ('user.reset-mfa', 'security.mfa.policy') and result = 'success'`);
    expect(audit.filter((a) => a.action === 'user.reset-mfa')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'security.mfa.policy')).toHaveLength(2);
  });

  it('AUTH-05 exempt logins (the demo city) skip the factor, and the login page is told so only then', async () => {
    expect((await inject('GET', '/api/auth/mfa/notice', null)).json()).toEqual({ demoExemption: false });
    const u = await account('sysadmin', 'demo-admin');
    const sec = await ctx.loginAs('secadmin');
    await inject('POST', '/api/security/mfa/policy', sec.cookie, { roles: ['supervisor', 'chief'], exemptLogins: ['DEMO-admin'] });
    expect((await inject('GET', '/api/auth/mfa/notice', null)).json()).toEqual({ demoExemption: true });
    const p = await passwordLogin(u.login);
    expect(p.mfa).toBeNull();
    expect((await inject('GET', '/api/auth/mfa', p.cookie)).json()).toMatchObject({ exempt: true, required: false });
    await inject('POST', '/api/security/mfa/policy', sec.cookie, { roles: ['supervisor', 'chief'], exemptLogins: [] });
    expect((await inject('GET', '/api/auth/mfa/notice', null)).json()).toEqual({ demoExemption: false });
    expect((await passwordLogin(u.login)).mfa).toBe('enroll');
  });
});
