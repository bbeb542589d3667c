/** `jiandu import roster FILE --org 单位 --tenures --json` as a user runs it (the real binary) over the example 花名册. */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rows } from '../../src/db/client.ts';
import { systemClock, todayOf } from '../../src/context.ts';
import { ROSTER_EXAMPLE, makeLinjiang } from '../support/linjiang.ts';
import { idOf } from '../support/lrmx.ts';
import { cliPlace } from '../support/place.ts';
import { runCli } from '../support/process.ts';

const cleanup: Array<() => unknown> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

let env: Record<string, string>;
async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL ?? null, dataDir: env.JIANDU_DATA_DIR! });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
const tenures = () => withDb((db) => db.tx((tx) => rows<{ name: string; org: string; title: string; is_principal: boolean; start_date: string }>(tx, sql`
  select c.name, o.name as org, t.title, t.is_principal, t.start_date::text as start_date
  from tenure t join cadre c on c.id = t.cadre_id join team tm on tm.id = t.team_id join org o on o.id = tm.org_id order by c.name`)));
const json = (stdout: string) => JSON.parse(stdout.trim());

beforeAll(async () => {
  env = await cliPlace('jiandu-roster-place-', cleanup);
  await withDb(async (db) => {
    await db.migrate();
    await makeLinjiang({ db, clock: systemClock });
  });
});

describe('jiandu import roster --org --tenures', () => {
  it('--dry-run: every cadre of the 花名册 placed from 现任职务, a tenure each, nothing written', async () => {
    const r = await runCli(['import', 'roster', ROSTER_EXAMPLE, '--org', '临江县财政局', '--tenures', '--dry-run', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toEqual({ files: 1, created: 21, updated: 0, unchanged: 0, tenures: 21, errors: [], ignoredColumns: [] });
    expect(await tenures()).toEqual([]);
  });

  it('writes the cadres and their tenures; a row naming no unit goes to --org, its tenure from the import day', async () => {
    const r = await runCli(['import', 'roster', ROSTER_EXAMPLE, '--org', '临江县财政局', '--tenures', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toEqual({ files: 1, created: 21, updated: 0, unchanged: 0, tenures: 21, errors: [], ignoredColumns: [] });
    const t = await tenures();
    expect(t).toHaveLength(21);
    expect(t.filter((x) => x.is_principal)).toHaveLength(15);
    expect(t.find((x) => x.name === '孙丽')).toEqual({ name: '孙丽', org: '中共临江县委组织部', title: '部长', is_principal: true, start_date: '2021-11-01' });

    const extra = path.join(env.JIANDU_DATA_DIR!, '..', `${path.basename(env.JIANDU_DATA_DIR!)}-名册.csv`);
    fs.writeFileSync(extra, `姓名,出生年月,现任职务,身份证号\n庚七,1987.07,四级调研员,${idOf('519921', '19870707', 71)}\n`);
    cleanup.push(() => fs.rmSync(extra, { force: true }));
    const r2 = await runCli(['import', 'roster', extra, '--org', '临江县财政局', '--tenures', '--json'], env);
    expect(r2.code, r2.stderr).toBe(0);
    expect(json(r2.stdout)).toMatchObject({ created: 1, tenures: 1, errors: [] });
    expect((await tenures()).find((x) => x.name === '庚七')).toEqual({ name: '庚七', org: '临江县财政局', title: '四级调研员', is_principal: false, start_date: todayOf(systemClock) });
  });
});
