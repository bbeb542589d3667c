/** `jiandu import orgs` as a user runs it (the real binary), with the example sheet an office would write. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rows } from '../../src/db/client.ts';
import { freshDatabaseUrl } from '../support/db.ts';
import { runCli } from '../support/process.ts';

const EXAMPLE = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../../examples/orgs-临江县.csv');

const cleanup: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanup) await c();
});

let env: Record<string, string>;
let dir: string;

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL ?? null, dataDir: env.JIANDU_DATA_DIR! });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
const json = (stdout: string) => {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!);
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiandu-orgs-cli-'));
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  env = { JIANDU_DATA_DIR: path.join(dir, 'data'), JIANDU_PBKDF2_ITERATIONS: '1000' };
  const db = await freshDatabaseUrl();
  if (db) {
    cleanup.push(db.drop);
    env.DATABASE_URL = db.url;
  }
  await withDb((database) => database.migrate());
  // The example with two bad rows added: a unit under a parent nobody knows, and 甲/乙 naming each other.
  fs.writeFileSync(path.join(dir, '有问题.csv'), `${fs.readFileSync(EXAMPLE, 'utf8')}36,甲中心,乙中心,,事业单位,,,否,\n37,乙中心,甲中心,,事业单位,,,否,\n38,临江县档案馆,县档案局,,事业单位,,,否,\n`);
}, 120_000);

describe('jiandu import orgs', () => {
  it('--dry-run --json: one object with the counts and the problems; nothing written', async () => {
    const r = await runCli(['import', 'orgs', path.join(dir, '有问题.csv'), '--dry-run', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const o = json(r.stdout);
    expect(Object.keys(o)).toEqual(['file', 'rows', 'created', 'updated', 'unchanged', 'errors', 'ignoredColumns']);
    expect(o).toMatchObject({ file: path.join(dir, '有问题.csv'), rows: 38, created: 35, updated: 0, unchanged: 0 });
    expect(o.errors).toEqual([
      { row: 38, column: '上级单位', message: expect.stringContaining('上级单位形成循环') },
      { row: 39, column: '上级单位', message: expect.stringContaining('上级单位形成循环') },
      { row: 40, column: '上级单位', message: '上级单位“县档案局”在表中和系统中都找不到' },
    ]);
    const n = await withDb((db) => db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from org`)));
    expect(n[0]!.n).toBe(0);
  }, 180_000);

  it('imports the county: the tree as written, then the same file again is unchanged', async () => {
    const r = await runCli(['import', 'orgs', EXAMPLE, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toEqual({ file: EXAMPLE, rows: 35, created: 35, updated: 0, unchanged: 0, errors: [], ignoredColumns: [] });
    const tree = await withDb((db) => db.tx((tx) => rows<{ name: string; parent: string | null; type: string; level: string; region_code: string }>(tx,
      sql`select o.name, p.name as parent, o.type, o.level, o.region_code from org o left join org p on p.id = o.parent_id`)));
    const at = (name: string) => tree.find((t) => t.name === name);
    expect(at('中共临江县委员会')).toEqual({ name: '中共临江县委员会', parent: null, type: '党委', level: '县级', region_code: '519921' });
    expect(at('临江县财政局')).toMatchObject({ parent: '临江县人民政府', type: '政府部门', level: '县级', region_code: '519921' });
    expect(at('中共临江县委组织部')).toMatchObject({ parent: '中共临江县委员会', type: '党委部门' });
    expect(at('临江县人民医院')).toMatchObject({ parent: '临江县卫生健康局', type: '事业单位' });
    expect(at('城关镇')).toMatchObject({ parent: '中共临江县委员会', type: '乡镇', level: '乡级' });
    expect(at('东城街道')).toMatchObject({ type: '街道', level: '乡级' });
    const again = await runCli(['import', 'orgs', EXAMPLE, '--json'], env);
    expect(json(again.stdout)).toMatchObject({ rows: 35, created: 0, updated: 0, unchanged: 35, errors: [] });
  }, 240_000);
});
