/** The signed checkpoints as an operator meets them: written by the server at shutdown and by each CLI command, checked by `jiandu audit verify`. */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, rows } from '../../src/db/client.ts';
import { cliPlace } from '../support/place.ts';
import { runCli, startServer } from '../support/process.ts';

const cleanup: Array<() => unknown> = [];
afterAll(async () => {
  for (const c of cleanup) await c();
});
const place = () => cliPlace('jiandu-cp-', cleanup);

const checkpoints = (dir: string) => fs.readFileSync(path.join(dir, 'audit-checkpoints', 'audit-checkpoints.jsonl'), 'utf8')
  .trim().split('\n').map((l) => JSON.parse(l) as { seq: number; sig: string });

describe('jiandu audit verify with signed checkpoints', () => {
  it('the server signs a checkpoint at shutdown; the key lives beside the SM4 key, 0600, not in the database', async () => {
    const env = await place();
    const s = await startServer(env);
    await fetch(`${s.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'sysadmin', password: 'Wrong#Password1' }) });
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    const key = path.join(env.JIANDU_DATA_DIR!, 'jiandu-audit-sm2.pem');
    expect(fs.readFileSync(key, 'utf8')).toMatch(/BEGIN PRIVATE KEY/u);
    expect(fs.statSync(key).mode & 0o777).toBe(0o600);
    const db = await openDatabase({ databaseUrl: env.DATABASE_URL ?? null, dataDir: env.JIANDU_DATA_DIR! });
    const [last] = await db.tx((tx) => rows<{ n: number }>(tx, sql`select max(seq)::int as n from audit_log`));
    await db.close();
    const cps = checkpoints(env.JIANDU_DATA_DIR!);
    // The failed login (after the start-up checkpoint) is covered by the one written at shutdown.
    expect(cps[cps.length - 1]!.seq).toBe(last!.n);
  }, 180_000);

  it('rows cut off the end are reported as TRUNCATED <n> with exit 1; an intact log prints OK', async () => {
    const env = await place();
    // Each command signs a checkpoint of the log's end when it finishes (here: the account's audit row).
    expect((await runCli(['user', 'create', '--role', 'auditadmin', '--name', 'a1'], env)).code).toBe(0);
    const ok = await runCli(['audit', 'verify'], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^OK \d+/mu);
    const db = await openDatabase({ databaseUrl: env.DATABASE_URL ?? null, dataDir: env.JIANDU_DATA_DIR! });
    const [last] = await db.tx((tx) => rows<{ n: number }>(tx, sql`select max(seq)::int as n from audit_log`));
    await db.tx(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger user`);
      await tx.execute(sql`delete from audit_log where seq > ${last!.n - 2}`);
      await tx.execute(sql`alter table audit_log enable trigger user`);
    });
    await db.close();
    const cut = await runCli(['audit', 'verify'], env);
    expect(cut.code).toBe(1);
    expect(cut.stdout.trim()).toBe('TRUNCATED 2');
    expect(cut.stderr).toMatch(/末尾被截去 2 条/u);
  }, 180_000);
});
