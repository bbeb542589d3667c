/**
 * The promises of docs/operations.md that no other test backed: the key file (0600, the wrong one refused),
 * a backup copy of the stopped data folder that opens and verifies, an upgrade migrating an older database at
 * start, the gateway (trusted proxy → Secure cookie and HSTS), request logs without secrets, and the health
 * check answering 503 when the database is gone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { MIGRATIONS_DIR, rows } from '../../src/db/client.ts';
import { openRuntime } from '../../src/runtime.ts';
import { verifyAudit } from '../../src/repositories/audit.repository.ts';
import { createUser } from '../../src/services/users.service.ts';
import { systemActor } from '../../src/context.ts';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../support/app.ts';
import { onPostgres } from '../support/db.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'jiandu-ops-'));
  dirs.push(d);
  return d;
};
const configOf = (dataDir: string, keyFile?: string) =>
  loadConfig({ JIANDU_DATA_DIR: dataDir, JIANDU_PBKDF2_ITERATIONS: '1000', ...(keyFile ? { JIANDU_KEY_FILE: keyFile } : {}) } as NodeJS.ProcessEnv);

// The embedded database's folder, key file and upgrade: the PGlite pass covers them.
describe.skipIf(onPostgres())('data folder, key file, backup and upgrade (embedded mode)', () => {
  it('the key file is created with mode 0600, and a database refuses another key file', async () => {
    const dir = tempDir();
    const rt = await openRuntime(configOf(dir));
    expect(rt.keyFileCreated).toBe(true);
    await rt.close();
    expect(fs.statSync(path.join(dir, 'jiandu.key')).mode & 0o777).toBe(0o600);
    const other = path.join(tempDir(), 'other.key');
    const otherDir = tempDir();
    await (await openRuntime(configOf(otherDir, other))).close(); // makes a valid key file of another installation
    await expect(openRuntime(configOf(dir, other))).rejects.toThrow(/不匹配/u);
  }, 300_000);

  it('a copy of the stopped data folder with its key file is a working backup: it opens, holds the data and verifies', async () => {
    const dir = tempDir();
    const rt = await openRuntime(configOf(dir));
    await createUser({ db: rt.db, clock: rt.clock, pbkdf2Iterations: 1000 }, systemActor('test'), {
      login: 'backupcheck', displayName: '备份校验', role: 'auditadmin', scopeOrgId: null, departmentCode: null,
    }, { mustChangePassword: false, password: TEST_PASSWORD });
    await rt.close(); // "stop the server"
    const restored = tempDir();
    fs.cpSync(path.join(dir, 'pg'), path.join(restored, 'pg'), { recursive: true }); // tar … pg, then restore
    const back = await openRuntime(configOf(restored, path.join(dir, 'jiandu.key')));
    try {
      const users = await back.db.tx((tx) => rows<{ login: string }>(tx, sql`select login from app_user where login = 'backupcheck'`));
      expect(users).toHaveLength(1);
      expect((await verifyAudit(back.db)).ok).toBe(true);
    } finally {
      await back.close();
    }
  }, 300_000);

  it('upgrade: a database of an earlier version is migrated at start, and starting again changes nothing', async () => {
    const dir = tempDir();
    // The release before this one: the migrations up to the rules engine (0013).
    const old = tempDir();
    fs.cpSync(MIGRATIONS_DIR, old, { recursive: true });
    const journal = JSON.parse(fs.readFileSync(path.join(old, 'meta/_journal.json'), 'utf8')) as { entries: Array<{ idx: number }> };
    journal.entries = journal.entries.filter((e) => e.idx <= 13);
    fs.writeFileSync(path.join(old, 'meta/_journal.json'), JSON.stringify(journal));
    fs.mkdirSync(path.join(dir, 'pg'), { recursive: true });
    const client = await PGlite.create({ dataDir: path.join(dir, 'pg') });
    await migrate(drizzle({ client }), { migrationsFolder: old });
    const before = await client.query<{ n: number }>(`select count(*)::int as n from drizzle.__drizzle_migrations`);
    await client.close();
    const rt = await openRuntime(configOf(dir));
    try {
      const [after] = await rt.db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
      expect(after!.n).toBeGreaterThan(before.rows[0]!.n);
      const all = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
      expect(after!.n).toBe(all.entries.length);
    } finally {
      await rt.close();
    }
    const again = await openRuntime(configOf(dir));
    const [n] = await again.db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
    await again.close();
    const all = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
    expect(n!.n).toBe(all.entries.length); // no migration applied twice
  }, 300_000);
});

describe('serving', () => {
  let ctx: TestContext;
  let login: string;
  beforeAll(async () => {
    ctx = await createTestContext();
    login = (await ctx.loginAs('auditadmin')).login;
  });

  it('behind the gateway: a trusted proxy forwarding https gets a Secure cookie and HSTS; an untrusted one does not', async () => {
    const trusted = await buildApp({ ...ctx.deps, config: { ...ctx.deps.config, trustProxy: '127.0.0.1' } });
    try {
      const r = await trusted.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-proto': 'https' }, payload: { login, password: TEST_PASSWORD } });
      expect(r.statusCode).toBe(200);
      expect(String(r.headers['set-cookie'])).toMatch(/;\s*Secure/iu);
      expect(r.headers['strict-transport-security']).toContain('max-age=');
    } finally {
      await trusted.close();
    }
    const direct = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-proto': 'https' }, payload: { login, password: TEST_PASSWORD } });
    expect(String(direct.headers['set-cookie'])).not.toMatch(/Secure/iu);
    expect(direct.headers['strict-transport-security']).toBeUndefined();
  });

  it('LOG_LEVEL=info logs every request (method, path, status), never bodies, cookies or passwords', async () => {
    let out = '';
    const stream = new Writable({ write(chunk, _e, cb) { out += chunk.toString(); cb(); } });
    const app = await buildApp(ctx.deps, { logger: { level: 'info', stream } as never });
    try {
      const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password: TEST_PASSWORD } });
      const cookie = r.cookies.find((c) => c.name === 'jiandu_sid')!.value;
      await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `jiandu_sid=${cookie}` } });
      expect(out).toContain('/api/auth/login');
      expect(out).toMatch(/"statusCode":200/u);
      expect(out).not.toContain(TEST_PASSWORD);
      expect(out).not.toContain(cookie);
    } finally {
      await app.close();
    }
  });

  it('GET /api/health answers 503 when the database is unreachable', async () => {
    const other = await createTestContext();
    expect((await other.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    await other.db.close();
    const r = await other.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(503);
    expect(r.json()).toMatchObject({ status: 'degraded', database: 'down' });
  });
});
