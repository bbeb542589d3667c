/**
 * 三员 that cannot be bypassed (issue 9 point 2; AC-02, AC-06): 双人审批 of account changes, the one-time
 * password only after approval, proposer ≠ approver in the database, break-glass audited, and no people
 * for the admin roles.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ROLES, ROLE_PERMISSIONS, type Role } from '@jiandu/domain';
import { rows } from '../../src/db/client.ts';
import { approveChange } from '../../src/services/account-changes.service.ts';
import { bootstrapFirstAdmins, createUser } from '../../src/services/users.service.ts';
import { systemActor, type Actor } from '../../src/context.ts';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
let sys: Awaited<ReturnType<TestContext['loginAs']>>;
let sec: Awaited<ReturnType<TestContext['loginAs']>>;
beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
  sys = await ctx.loginAs('sysadmin');
  sec = await ctx.loginAs('secadmin');
});

const propose = (cookie: string, body: object) => ctx.call('POST', '/api/account-changes', cookie, body);
const approve = (cookie: string, id: string, reason?: string) => ctx.call('POST', `/api/account-approvals/${id}/approve`, cookie, reason ? { reason } : {});
const takePassword = (cookie: string, id: string) => ctx.call('POST', `/api/account-changes/${id}/password`, cookie);
const auditActions = async (objectId: string) =>
  (await ctx.db.tx((tx) => rows<{ action: string; actor_login: string }>(tx, sql`
    select action, actor_login from audit_log where object_id = ${objectId} order by seq`)));
const userCount = async (login: string) =>
  (await ctx.db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from app_user where login = ${login}`)))[0]!.n;

describe('双人审批 of account changes (AC-02)', () => {
  it('a sysadmin proposing an auditadmin gets no password, and no account exists until approved', async () => {
    const res = await propose(sys.cookie, { kind: 'create', login: 'aud-pending', displayName: '审计员甲', role: 'auditadmin', reason: '新任审计管理员' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ kind: 'create', login: 'aud-pending', role: 'auditadmin', status: '待审批', proposedByLogin: sys.login, passwordWaiting: false });
    expect(JSON.stringify(body)).not.toMatch(/password"\s*:\s*"/u);
    expect(await userCount('aud-pending')).toBe(0);
    expect((await ctx.login('aud-pending', TEST_PASSWORD)).status).toBe(401);
    // Nothing to show before the approval.
    expect((await takePassword(sys.cookie, body.id)).statusCode).toBe(409);
    // The old direct routes are gone.
    expect((await ctx.call('POST', '/api/users', sys.cookie, { login: 'x-direct', displayName: 'x', role: 'auditadmin' })).statusCode).toBe(404);
    const [u] = await ctx.db.tx((tx) => rows<{ id: string }>(tx, sql`select id from app_user where login = ${sec.login}`));
    expect((await ctx.call('POST', `/api/users/${u!.id}/reset-password`, sys.cookie)).statusCode).toBe(404);
  });

  it('the proposer cannot approve: 403 by permission and by the service, and the database refuses it in SQL', async () => {
    const c = (await propose(sys.cookie, { kind: 'create', login: 'aud-self', displayName: '审计员乙', role: 'auditadmin' })).json();
    expect((await approve(sys.cookie, c.id)).statusCode).toBe(403);
    // Even with the permission, the service refuses the proposer.
    const proposer: Actor = { ...systemActor('x'), userId: sys.id, login: sys.login, roles: ['secadmin'] };
    await expect(approveChange({ ...ctx.deps, pbkdf2Iterations: 1000 }, proposer, c.id, null)).rejects.toMatchObject({ kind: 'forbidden', code: 'same_person' });
    // The database: the proposer as approver, or anyone who is not a 安全管理员, is refused.
    await expect(ctx.db.tx((tx) => tx.execute(sql`
      update account_change set status = '已批准', decided_by = proposed_by, decided_at = now() where id = ${c.id}`))).rejects.toThrow();
    const other = await ctx.loginAs('sysadmin');
    await expect(ctx.db.tx((tx) => tx.execute(sql`
      update account_change set status = '已批准', decided_by = ${other.id}, decided_at = now() where id = ${c.id}`))).rejects.toThrow();
    await expect(ctx.db.tx((tx) => tx.execute(sql`delete from account_change where id = ${c.id}`))).rejects.toThrow();
    await expect(ctx.db.tx((tx) => tx.execute(sql`
      insert into account_change (kind, login, proposed_by, proposed_at, status, decided_by, decided_at)
      values ('create', 'sneaky', ${sys.id}, now(), '已批准', ${sec.id}, now())`))).rejects.toThrow();
    const [row] = await ctx.db.tx((tx) => rows<{ status: string }>(tx, sql`select status from account_change where id = ${c.id}`));
    expect(row!.status).toBe('待审批');
    expect(await userCount('aud-self')).toBe(0);
  });

  it('a secadmin approves: the account exists and the proposer sees its one-time password once', async () => {
    const c = (await propose(sys.cookie, { kind: 'create', login: 'aud-ok', displayName: '审计员丙', role: 'auditadmin' })).json();
    const ok = await approve(sec.cookie, c.id, '已核实');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ password: null, change: { status: '已批准', decidedByLogin: sec.login, passwordTo: 'proposer', passwordWaiting: true } });
    expect(await userCount('aud-ok')).toBe(1);
    // Another 系统管理员 cannot take it; the approver has no route to it.
    const other = await ctx.loginAs('sysadmin');
    expect((await takePassword(other.cookie, c.id)).statusCode).toBe(403);
    expect((await takePassword(sec.cookie, c.id)).statusCode).toBe(403);
    // Stored encrypted until shown.
    const [stored] = await ctx.db.tx((tx) => rows<{ secret: Buffer | Uint8Array }>(tx, sql`select secret from account_change where id = ${c.id}`));
    const first = await takePassword(sys.cookie, c.id);
    expect(first.statusCode).toBe(200);
    const { login, password } = first.json();
    expect(login).toBe('aud-ok');
    expect(Buffer.from(stored!.secret).includes(Buffer.from(password))).toBe(false);
    const l = await ctx.login('aud-ok', password);
    expect(l.status).toBe(200);
    expect(l.body.user.mustChangePassword).toBe(true);
    // Shown once: wiped.
    const again = await takePassword(sys.cookie, c.id);
    expect(again.statusCode).toBe(409);
    const [wiped] = await ctx.db.tx((tx) => rows<{ secret: unknown; secret_shown_at: unknown }>(tx, sql`select secret, secret_shown_at from account_change where id = ${c.id}`));
    expect(wiped!.secret).toBeNull();
    expect(wiped!.secret_shown_at).not.toBeNull();
    // Decided once.
    expect((await approve(sec.cookie, c.id)).statusCode).toBe(409);
    await expect(ctx.db.tx((tx) => tx.execute(sql`update account_change set status = '已驳回' where id = ${c.id}`))).rejects.toThrow();
    expect((await auditActions(c.id)).map((a) => a.action)).toEqual(['account-change.propose', 'account-change.approve', 'account-change.password-shown']);
    const created = await ctx.db.tx((tx) => rows<{ action: string; actor_login: string }>(tx, sql`
      select a.action, a.actor_login from audit_log a join app_user u on u.id::text = a.object_id where u.login = 'aud-ok' and a.action like 'user.%'`));
    expect(created).toEqual([{ action: 'user.create', actor_login: sec.login }]);
  });

  it('a 安全管理员 account\'s password goes to the approver, never to the proposing sysadmin', async () => {
    const c = (await propose(sys.cookie, { kind: 'create', login: 'sec-new', displayName: '安全员', role: 'secadmin' })).json();
    const ok = (await approve(sec.cookie, c.id)).json();
    expect(ok.change).toMatchObject({ passwordTo: 'approver', passwordWaiting: false });
    expect(ok.password.login).toBe('sec-new');
    expect((await ctx.login('sec-new', ok.password.password)).status).toBe(200);
    expect((await takePassword(sys.cookie, c.id)).statusCode).toBe(409);
  });

  it('reset-password needs approval; the old password works until then', async () => {
    const target = await ctx.loginAs('supervisor', { scopeOrgId: city.city });
    const c = (await propose(sys.cookie, { kind: 'reset-password', userId: target.id, reason: '忘记密码' })).json();
    expect(c).toMatchObject({ status: '待审批', login: target.login, role: 'supervisor', scopeOrgName: '青川市委' });
    expect((await ctx.login(target.login, TEST_PASSWORD)).status).toBe(200);
    // One pending request of a kind per account.
    expect((await propose(sys.cookie, { kind: 'reset-password', userId: target.id })).statusCode).toBe(409);
    // Nobody resets his own password this way, nor approves a change of his own account.
    expect((await propose(sys.cookie, { kind: 'reset-password', userId: sys.id })).statusCode).toBe(403);
    const mine = (await propose(sys.cookie, { kind: 'reset-password', userId: sec.id })).json();
    expect((await approve(sec.cookie, mine.id)).statusCode).toBe(403);
    expect((await approve(sec.cookie, c.id)).statusCode).toBe(200);
    expect((await ctx.login(target.login, TEST_PASSWORD)).status).toBe(401);
    const { password } = (await takePassword(sys.cookie, c.id)).json();
    expect((await ctx.login(target.login, password)).status).toBe(200);
  });

  it('disabling is immediate; enabling needs approval', async () => {
    const target = await ctx.loginAs('leader', { scopeOrgId: city.city });
    expect((await ctx.call('POST', `/api/users/${target.id}/status`, sys.cookie, { disabled: true })).statusCode).toBe(200);
    const direct = await ctx.call('POST', `/api/users/${target.id}/status`, sys.cookie, { disabled: false });
    expect(direct.statusCode).toBe(409);
    expect(direct.json().message).toContain('审批');
    const c = (await propose(sys.cookie, { kind: 'enable', userId: target.id })).json();
    expect((await ctx.login(target.login, TEST_PASSWORD)).status).toBe(401);
    const ok = (await approve(sec.cookie, c.id)).json();
    expect(ok).toMatchObject({ password: null, change: { passwordTo: null } });
    expect((await ctx.login(target.login, TEST_PASSWORD)).status).toBe(200);
    expect((await propose(sys.cookie, { kind: 'enable', userId: target.id })).statusCode).toBe(409);
  });

  it('rejected with a reason, or withdrawn by the proposer: nothing happens, each audited', async () => {
    const a = (await propose(sys.cookie, { kind: 'create', login: 'sup-rej', displayName: '某', role: 'supervisor', scopeOrgId: city.countyA })).json();
    expect((await ctx.call('POST', `/api/account-approvals/${a.id}/reject`, sec.cookie, {})).statusCode).toBe(400);
    const rej = await ctx.call('POST', `/api/account-approvals/${a.id}/reject`, sec.cookie, { reason: '人员未到岗' });
    expect(rej.json()).toMatchObject({ status: '已驳回', decisionReason: '人员未到岗', decidedByLogin: sec.login });
    expect(await userCount('sup-rej')).toBe(0);
    const b = (await propose(sys.cookie, { kind: 'create', login: 'sup-wd', displayName: '某', role: 'member', scopeOrgId: city.city, departmentCode: 'xf' })).json();
    const other = await ctx.loginAs('sysadmin');
    expect((await ctx.call('POST', `/api/account-changes/${b.id}/withdraw`, other.cookie)).statusCode).toBe(403);
    expect((await ctx.call('POST', `/api/account-changes/${b.id}/withdraw`, sys.cookie)).json().status).toBe('已撤回');
    expect((await approve(sec.cookie, b.id)).statusCode).toBe(409);
    expect((await auditActions(a.id)).map((x) => x.action)).toEqual(['account-change.propose', 'account-change.reject']);
    expect((await auditActions(b.id)).map((x) => [x.action, x.actor_login])).toEqual([['account-change.propose', sys.login], ['account-change.withdraw', sys.login]]);
    // Both sides see the list.
    const pendingList = (await ctx.call('GET', '/api/account-approvals?status=待审批', sec.cookie)).json();
    expect(pendingList.every((x: { status: string }) => x.status === '待审批')).toBe(true);
    expect((await ctx.call('GET', '/api/account-changes', sys.cookie)).json().map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it('validation: a scoped role needs a jurisdiction, a taken login is refused at once', async () => {
    const res = await propose(sys.cookie, { kind: 'create', login: 'sup-x', displayName: '某', role: 'supervisor' });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].path).toBe('scopeOrgId');
    const dup = await propose(sys.cookie, { kind: 'create', login: sec.login.toUpperCase(), displayName: '某', role: 'auditadmin' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toContain('已存在');
  });

  it('reset-mfa: proposed by the sysadmin, applied only when the secadmin approves (factor and sessions gone)', async () => {
    const target = await ctx.loginAs('chief', { scopeOrgId: city.city }); // enrolls a factor on the way in
    const has = async () => Number((await ctx.db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from user_mfa where user_id = ${target.id}`)))[0]!.n);
    expect(await has()).toBe(1);
    const c = (await propose(sys.cookie, { kind: 'reset-mfa', userId: target.id })).json();
    expect(await has()).toBe(1); // nothing happens on the proposal
    expect((await approve(sys.cookie, c.id)).statusCode).toBe(403);
    const res = await approve(sec.cookie, c.id);
    expect(res.statusCode).toBe(200);
    expect(await has()).toBe(0);
    expect((await ctx.call('GET', '/api/auth/me', target.cookie)).statusCode).toBe(401);
    expect(await auditActions(target.id)).toContainEqual(expect.objectContaining({ action: 'user.reset-mfa' }));
  });
});

describe('break-glass (AC-01, AC-02)', () => {
  it('direct creation is for the command line only, audited as user.create.break-glass', async () => {
    await expect(createUser({ ...ctx.deps, pbkdf2Iterations: 1000 }, { ...systemActor('x'), userId: sys.id, login: sys.login }, {
      login: 'bg-refused', displayName: 'x', role: 'auditadmin',
    })).rejects.toMatchObject({ kind: 'forbidden' });
    const r = await createUser({ ...ctx.deps, pbkdf2Iterations: 1000 }, systemActor('cli:root:user create'), { login: 'bg-ok', displayName: 'x', role: 'auditadmin' });
    expect(await auditActions(r.id)).toEqual([{ action: 'user.create.break-glass', actor_login: 'cli:root:user create' }]);
  });

  it('the first start creates a sysadmin and a secadmin, break-glass, and nothing once accounts exist', async () => {
    const fresh = await createTestContext();
    const deps = { ...fresh.deps, pbkdf2Iterations: 1000 };
    const admins = await bootstrapFirstAdmins(deps, systemActor('system:bootstrap'));
    expect(admins.map((a) => [a.login, a.role])).toEqual([['sysadmin', 'sysadmin'], ['secadmin', 'secadmin']]);
    const audit = await fresh.db.tx((tx) => rows<{ action: string; actor_login: string }>(tx, sql`select action, actor_login from audit_log order by seq`));
    expect(audit).toEqual([
      { action: 'user.create.break-glass', actor_login: 'system:bootstrap' },
      { action: 'user.create.break-glass', actor_login: 'system:bootstrap' },
    ]);
    expect(await bootstrapFirstAdmins(deps, systemActor('system:bootstrap'))).toEqual([]);
  });
});

describe('the admin roles see no people (AC-02, AC-06)', () => {
  it('the sysadmin sees the org tree but GET /api/orgs/:id/team answers 403', async () => {
    expect((await ctx.call('GET', '/api/orgs', sys.cookie)).statusCode).toBe(200);
    expect((await ctx.call('GET', `/api/orgs/${city.countyA}`, sys.cookie)).statusCode).toBe(200);
    expect((await ctx.call('GET', `/api/orgs/${city.countyA}/team`, sys.cookie)).statusCode).toBe(403);
    const sup = await ctx.loginAs('supervisor', { scopeOrgId: city.city });
    expect((await ctx.call('GET', `/api/orgs/${city.countyA}/team`, sup.cookie)).json().team.members.length).toBeGreaterThan(0);
  });

  it('route walk: for each admin role, every route returning cadre names, births or titles answers 403', async () => {
    const names = ['张三明', '李四海', '王五', '赵六', '张珊'];
    const people = [...names, '1970-03', '1975-06', '1980-01', '1985-12', '1978-09', '县委书记', '区委书记', '镇党委书记', '市委秘书长'];
    const ids = [city.countyA, city.cadres['张三明']!.id];
    for (const role of ADMIN_ROLES) {
      const u = await ctx.loginAs(role as Role);
      const held = new Set<string>(ROLE_PERMISSIONS[role]);
      for (const r of ctx.app.routeTable) {
        const p = r.config?.permission;
        if (!p || p === 'public' || p === 'api-token' || p === 'mfa' || !r.url.startsWith('/api/')) continue; // mfa: the user's own factor (and logout)
        for (const method of ([] as string[]).concat(r.method)) {
          if (method === 'HEAD') continue;
          for (const id of ids) {
            const url = r.url.replace(/:[a-zA-Z]+/gu, id).replace('*', 'x');
            if (!held.has(p)) {
              const res = await ctx.app.inject({ method: method as 'GET', url, headers: { cookie: u.cookie }, ...(method === 'GET' ? {} : { payload: {} }) });
              expect(res.statusCode, `${role} ${method} ${r.url}`).toBe(403);
              continue;
            }
            if (method !== 'GET') continue;
            // The API's own documentation (its examples name a fictional 张三明) is not data.
            if (r.url.startsWith('/api/docs') || r.url === '/api/openapi.json') continue;
            // The 审计管理员's audit log names the objects of the events it records: that is its duty (issue 9 point 9).
            if (p === 'audit:read') continue;
            for (const q of ['', `?q=${encodeURIComponent('张三明')}`]) {
              const res = await ctx.app.inject({ method: 'GET', url: url + q, headers: { cookie: u.cookie } });
              for (const word of people) expect(res.body.includes(word), `${role} GET ${r.url}${q} → ${res.statusCode} contains ${word}`).toBe(false);
            }
          }
        }
      }
    }
  }, 180_000);
});
