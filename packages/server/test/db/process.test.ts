/** The platform as a user runs it: the real server process, the real CLI, the data folder on disk. */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { onPostgres } from '../support/db.ts';
import { cliPlace } from '../support/place.ts';
import { runCli, startServer } from '../support/process.ts';
import { totpCode } from '../../src/crypto/totp.ts';

const cleanup: Array<() => unknown> = [];
afterAll(async () => {
  for (const c of cleanup) await c();
});
const place = () => cliPlace('jiandu-proc-', cleanup);

async function post(url: string, body: object, cookie?: string) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? null };
}

/** The 三员 set up a second factor at their first login (AUTH-05): enroll through the API, as the UI does. */
async function enrollSecondFactor(base: string, cookie: string): Promise<{ cookie: string; secret: string }> {
  const start = await post(`${base}/api/auth/mfa/enroll`, {}, cookie);
  expect(start.status).toBe(200);
  const secret = start.body.secret as string;
  const confirm = await post(`${base}/api/auth/mfa/enroll/confirm`, { code: totpCode(secret, new Date()) }, cookie);
  expect(confirm.status).toBe(200);
  expect(confirm.body.recoveryCodes).toHaveLength(10);
  return { cookie: confirm.cookie ?? cookie, secret };
}

describe('first start, CLI accounts and audit verify', () => {
  it('first start prints a one-time sysadmin password that must be changed; SIGTERM stops cleanly', async () => {
    const env = await place();
    const s = await startServer(env);
    const m = /登录名：(\S+)[\s\S]*?一次性密码：(\S+)/u.exec(s.output());
    expect(m).not.toBeNull();
    const [, login, password] = m!;
    const health = await fetch(`${s.url}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'up' });
    const l = await post(`${s.url}/api/auth/login`, { login, password });
    expect(l.status).toBe(200);
    expect(l.body.user.mustChangePassword).toBe(true);
    expect(l.body.mfa).toBe('enroll');
    const { cookie } = await enrollSecondFactor(s.url, l.cookie!);
    const ch = await post(`${s.url}/api/auth/password`, { currentPassword: password, newPassword: 'Ye4!kLm9Qw2z' }, cookie);
    expect(ch.status).toBe(200);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    if (!env.DATABASE_URL) expect(fs.existsSync(path.join(env.JIANDU_DATA_DIR!, 'jiandu.lock'))).toBe(false);
    // A second start does not create another admin, and the changed password still works.
    const again = await startServer(env);
    expect(again.output()).not.toContain('一次性密码');
    expect((await post(`${again.url}/api/auth/login`, { login, password: 'Ye4!kLm9Qw2z' })).status).toBe(200);
    again.child.kill('SIGTERM');
    await again.exited;
  }, 300_000);

  it('SIGTERM lets an in-flight request finish before the process exits', async () => {
    const env = { ...(await place()), JIANDU_PBKDF2_ITERATIONS: '400000', LOG_LEVEL: 'info' }; // a login takes a while
    const s = await startServer(env);
    const inFlight = post(`${s.url}/api/auth/login`, { login: 'sysadmin', password: 'Wrong#Password1' });
    // Signal only once the server has the request (its log says so).
    for (let i = 0; i < 200 && !/incoming request[^\n]*auth\/login|auth\/login[^\n]*incoming request/u.test(s.output()); i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    s.child.kill('SIGTERM');
    const answer = await inFlight;
    expect(answer.status).toBe(401);
    expect(answer.body.message).toContain('登录名或密码错误');
    expect(await s.exited).toBe(0);
  }, 300_000);

  it('user create --json prints the login and a one-time password; audit verify prints OK, then the broken sequence', async () => {
    const env = await place();
    const r = await runCli(['user', 'create', '--role', 'auditadmin', '--name', 'Auditor1', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const created = JSON.parse(r.stdout.trim()) as { login: string; password: string };
    expect(created.login).toBe('auditor1');
    expect(created.password.length).toBeGreaterThanOrEqual(10);

    const bad = await runCli(['user', 'create', '--role', 'nobody', '--name', 'x'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--role/u);

    const ok = await runCli(['audit', 'verify'], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^OK/mu);

    // Edit history behind the application's back: verify names the first broken row and fails.
    const db = await openDatabase({ databaseUrl: env.DATABASE_URL ?? null, dataDir: env.JIANDU_DATA_DIR! });
    await db.tx(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger user`);
      await tx.execute(sql`update audit_log set details = '{"login":"forged"}' where seq = 1`);
      await tx.execute(sql`alter table audit_log enable trigger user`);
    });
    await db.close();
    const broken = await runCli(['audit', 'verify'], env);
    expect(broken.code).not.toBe(0);
    expect(broken.stdout.trim()).toBe('BROKEN 1');
  }, 300_000);
});

describe.skipIf(onPostgres())('embedded database folder', () => {
  it('a second server on the same folder refuses to start, and the data stays intact', async () => {
    const env = await place();
    const first = await startServer(env);
    const pw = /一次性密码：(\S+)/u.exec(first.output())![1]!;
    const second = await runCli(['serve'], { ...env, PORT: '0' }, 180_000);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain('正被另一个 Jiandu 进程');
    // The first server still works with its data.
    expect((await post(`${first.url}/api/auth/login`, { login: 'sysadmin', password: pw })).status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    // And after it stops, the data is all there.
    const third = await startServer(env);
    expect((await post(`${third.url}/api/auth/login`, { login: 'sysadmin', password: pw })).status).toBe(200);
    third.child.kill('SIGTERM');
    await third.exited;
    const verify = await runCli(['audit', 'verify'], env);
    expect(verify.stdout).toMatch(/^OK/mu);
  }, 300_000);

  it('a stale lock left by a killed process does not block the next start', async () => {
    const env = await place();
    const s = await startServer(env);
    s.child.kill('SIGKILL');
    await s.exited;
    expect(fs.existsSync(path.join(env.JIANDU_DATA_DIR!, 'jiandu.lock'))).toBe(true);
    const again = await startServer(env);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 300_000);
});
