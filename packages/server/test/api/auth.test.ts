import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../support/app.ts';
import { createUser } from '../../src/services/users.service.ts';
import { systemActor } from '../../src/context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

describe('login, forced password change, logout', () => {
  it('a one-time password logs in but only allows changing the password', async () => {
    const r = await createUser({ db: ctx.db, clock: ctx.clock, pbkdf2Iterations: 1000 }, systemActor('test'), {
      login: 'newadmin', displayName: '新管理员', role: 'sysadmin',
    });
    const l = await ctx.login('newadmin', r.password);
    expect(l.status).toBe(200);
    expect(l.body.user.mustChangePassword).toBe(true);
    const users = await ctx.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: l.cookie! } });
    expect(users.statusCode).toBe(403);
    expect(users.json().error).toBe('must_change_password');

    const weak = await ctx.app.inject({
      method: 'POST', url: '/api/auth/password', headers: { cookie: l.cookie! },
      payload: { currentPassword: r.password, newPassword: 'newadmin12345' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toMatch(/登录名|至少3类/u);

    const ok = await ctx.app.inject({
      method: 'POST', url: '/api/auth/password', headers: { cookie: l.cookie! },
      payload: { currentPassword: r.password, newPassword: 'Tz8!vQm3Lp4x' },
    });
    expect(ok.statusCode).toBe(200);
    const after = await ctx.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: l.cookie! } });
    expect(after.statusCode).toBe(200);

    const out = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: l.cookie! } });
    expect(out.statusCode).toBe(200);
    const replay = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: l.cookie! } });
    expect(replay.statusCode).toBe(401);
  });

  it('the session probe answers 200 with user null without a session (no 401 for the login page), the user with one', async () => {
    const none = await ctx.app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(none.statusCode).toBe(200);
    expect(none.json()).toEqual({ user: null });
    const bogus = await ctx.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: 'jiandu_sid=abcdefghijklmnopqrstuvwxyz0123' } });
    expect(bogus.statusCode).toBe(200);
    expect(bogus.json()).toEqual({ user: null });
    const { cookie, password } = await ctx.loginAs('auditadmin', { login: 'probe1' });
    const half = await ctx.login('probe1', password, { mfa: false });
    if (half.body.mfa === 'verify') {
      // The second factor still due: not signed in yet.
      expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: half.cookie! } })).json()).toEqual({ user: null });
    }
    const me = await ctx.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ login: 'probe1' });
    await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } })).json()).toEqual({ user: null });
    // The protected endpoints still answer 401.
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('unknown user and wrong password get the same answer', async () => {
    await ctx.loginAs('secadmin', { login: 'known1' });
    const unknown = await ctx.login('nobody-here', 'Whatever#123');
    const wrong = await ctx.login('known1', 'Whatever#123');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.message).toBe(wrong.body.message);
    expect(unknown.body.error).toBe(wrong.body.error);
  });

  it('locks after 5 failures for 30 minutes', async () => {
    const u = await ctx.loginAs('auditadmin', { login: 'lockme' });
    for (let i = 0; i < 5; i++) expect((await ctx.login('lockme', 'Wrong#pass123')).status).toBe(401);
    expect((await ctx.login('lockme', TEST_PASSWORD)).status).toBe(401);
    ctx.clock.advance(29 * 60_000);
    expect((await ctx.login('lockme', TEST_PASSWORD)).status).toBe(401);
    ctx.clock.advance(2 * 60_000);
    expect((await ctx.login('lockme', u.password)).status).toBe(200);
  });
});
