import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { verifyAudit } from '../../src/repositories/audit.repository.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
});

interface Row { seq: number; action: string; result: string; actor_login: string | null; object_id: string | null; client_ip: string | null; request_id: string | null; at: Date }
const lastRows = (n: number) => ctx.db.tx((tx) => rows<Row>(tx, sql`select * from audit_log order by seq desc limit ${n}`));

describe('audit log', () => {
  it('records login success and failure, a profile read and logout, with who, when, where and the request id', async () => {
    const u = await ctx.loginAs('supervisor', { scopeOrgId: city.city, login: 'auditee' });
    // The password step, then the second factor set up at the first login (AUTH-05).
    const last3 = await lastRows(3);
    let r = last3[2];
    const enrolled = last3[0];
    expect(r).toMatchObject({ action: 'auth.login', result: 'success', actor_login: 'auditee' });
    expect(enrolled).toMatchObject({ action: 'auth.mfa.enroll', result: 'success', actor_login: 'auditee' });
    await ctx.login('auditee', 'Wrong#Password1');
    [r] = await lastRows(1);
    expect(r).toMatchObject({ action: 'auth.login', result: 'failure', actor_login: 'auditee' });

    const cid = city.cadres['张三明']!.id;
    const read = await ctx.app.inject({ method: 'GET', url: `/api/cadres/${cid}`, headers: { cookie: u.cookie } });
    [r] = await lastRows(1);
    expect(r).toMatchObject({ action: 'cadre.read', object_id: cid, actor_login: 'auditee', request_id: read.headers['x-request-id'] ?? expect.any(String) });
    expect(r!.client_ip).toBeTruthy();
    expect(new Date(r!.at).getTime()).toBeLessThanOrEqual(ctx.clock.now().getTime() + 1000);

    await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: u.cookie } });
    [r] = await lastRows(1);
    expect(r).toMatchObject({ action: 'auth.logout', actor_login: 'auditee' });
  });

  it('a permission denial is audited', async () => {
    const u = await ctx.loginAs('leader', { scopeOrgId: city.city });
    await ctx.app.inject({ method: 'POST', url: '/api/cadres', headers: { cookie: u.cookie }, payload: { name: 'x', orgId: city.city } });
    const [r] = await lastRows(1);
    expect(r).toMatchObject({ action: 'auth.denied', result: 'denied' });
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(ctx.db.tx((tx) => tx.execute(sql`update audit_log set action = 'x' where seq = 1`))).rejects.toThrow();
    await expect(ctx.db.tx((tx) => tx.execute(sql`delete from audit_log where seq = 1`))).rejects.toThrow();
    await expect(ctx.db.tx((tx) => tx.execute(sql`truncate audit_log`))).rejects.toThrow();
    await expect(ctx.db.tx((tx) => tx.execute(sql`insert into audit_log (seq, at, action, result, details, prev_hash, hash) values (999999, now(), 'fake', 'success', '{}', '\\x00', '\\x00')`))).rejects.toThrow();
  });

  it('only the auditadmin reads it, through filters, and the reading is itself audited', async () => {
    const a = await ctx.loginAs('auditadmin');
    const res = await ctx.app.inject({ method: 'GET', url: '/api/audit?action=cadre.read&limit=5', headers: { cookie: a.cookie } });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ action: string; seq: number }>;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.action === 'cadre.read')).toBe(true);
    const [r] = await lastRows(1);
    expect(r).toMatchObject({ action: 'audit.read', actor_login: a.login });
    const verify = await ctx.app.inject({ method: 'POST', url: '/api/audit/verify', headers: { cookie: a.cookie } });
    expect(verify.json()).toMatchObject({ ok: true, brokenAt: null });
  });

  it('verify finds an edited row and a deleted row by sequence number', async () => {
    expect((await verifyAudit(ctx.db)).ok).toBe(true);
    // Someone with the owner's rights switches the guards off and edits history.
    await ctx.db.tx(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger user`);
      await tx.execute(sql`update audit_log set actor_login = 'someone-else' where seq = 3`);
      await tx.execute(sql`alter table audit_log enable trigger user`);
    });
    expect(await verifyAudit(ctx.db)).toMatchObject({ ok: false, brokenAt: 3 });
    await ctx.db.tx(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger user`);
      await tx.execute(sql`delete from audit_log where seq = 2`);
      await tx.execute(sql`alter table audit_log enable trigger user`);
    });
    expect(await verifyAudit(ctx.db)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('the chain stays linear under concurrent writes', async () => {
    const fresh = await createTestContext();
    const c = await makeSmallCity(fresh);
    const u = await fresh.loginAs('supervisor', { scopeOrgId: c.city });
    await Promise.all(Array.from({ length: 30 }, () =>
      fresh.app.inject({ method: 'GET', url: `/api/cadres/${c.cadres['王五']!.id}`, headers: { cookie: u.cookie } })));
    const v = await verifyAudit(fresh.db);
    expect(v.ok).toBe(true);
    expect(v.checked).toBeGreaterThan(30);
  }, 180_000);
});
