/** `jiandu import lrmx` and `jiandu import roster` as a user runs them (the real binary). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rows } from '../../src/db/client.ts';
import { createOrg } from '../../src/services/orgs.service.ts';
import { systemActor, systemClock } from '../../src/context.ts';
import { freshDatabaseUrl } from '../support/db.ts';
import { FAMILY, idOf, jpegBytes, lrmBytes, lrmxBytes, personTexts } from '../support/lrmx.ts';
import { makeZip } from '../support/zip.ts';
import { runCli } from '../support/process.ts';

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
const cadres = () => withDb((db) => db.tx((tx) => rows<{ name: string; version: number; org: string }>(tx,
  sql`select c.name, c.version, o.name as org from cadre c join org o on o.id = c.org_id order by c.name`)));

const json = (stdout: string) => {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!);
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiandu-cadre-cli-'));
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  env = { JIANDU_DATA_DIR: path.join(dir, 'data'), JIANDU_PBKDF2_ITERATIONS: '1000' };
  const db = await freshDatabaseUrl();
  if (db) {
    cleanup.push(db.drop);
    env.DATABASE_URL = db.url;
  }
  await withDb(async (database) => {
    await database.migrate();
    const deps = { db: database, clock: systemClock };
    const city = await createOrg(deps as never, systemActor('t'), { parentId: null, name: '青川市委', type: '党委', level: '市级', regionCode: '519900', withTeam: true });
    await createOrg(deps as never, systemActor('t'), { parentId: city.id, name: '东平县委', type: '党委', level: '县级', regionCode: '519901', withTeam: true });
  });
  const forms = path.join(dir, '任免表');
  fs.mkdirSync(path.join(forms, '乡镇'), { recursive: true });
  fs.writeFileSync(path.join(forms, '林晓舟.lrmx'), lrmxBytes(personTexts(), FAMILY, jpegBytes()));
  fs.writeFileSync(path.join(forms, '乡镇', '吴二.lrm'), lrmBytes(personTexts({ XingMing: '吴二', ChuShengNianYue: '1983.02', ShenFenZheng: '' })));
  fs.writeFileSync(path.join(forms, '乡镇', '吴二.pic'), jpegBytes([4, 4]));
  fs.writeFileSync(path.join(forms, '坏文件.lrmx'), '<html></html>');
  fs.writeFileSync(path.join(forms, '说明.txt'), '不读取');
}, 120_000);

describe('jiandu import lrmx', () => {
  it('--dry-run --json: one JSON object with the counts and the bad files; nothing written', async () => {
    const r = await runCli(['import', 'lrmx', path.join(dir, '任免表'), '--org', '东平县委', '--dry-run', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toEqual({
      files: 3, created: 2, updated: 0, unchanged: 0,
      errors: [{ file: '任免表/坏文件.lrmx', field: '文件', message: expect.stringContaining('根元素应为 <Person>') }],
    });
    expect(await cadres()).toEqual([]);
  }, 180_000);

  it('imports a folder (.lrm with its .pic), then the same files again are unchanged, a changed file updates', async () => {
    const r = await runCli(['import', 'lrmx', path.join(dir, '任免表'), '--org', '东平县委', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toMatchObject({ files: 3, created: 2, updated: 0, unchanged: 0, errors: [{ file: '任免表/坏文件.lrmx' }] });
    expect(await cadres()).toEqual([{ name: '吴二', version: 1, org: '东平县委' }, { name: '林晓舟', version: 1, org: '东平县委' }]);
    const photo = await withDb((db) => db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from cadre_photo`)));
    expect(photo[0]!.n).toBe(2);

    const changed = path.join(dir, '林晓舟-新.lrmx');
    fs.writeFileSync(changed, lrmxBytes(personTexts({ XianRenZhiWu: '东平县委副书记' }), FAMILY));
    const zip = path.join(dir, '吴二.zip');
    fs.writeFileSync(zip, makeZip([{ name: '吴二.lrm', data: fs.readFileSync(path.join(dir, '任免表', '乡镇', '吴二.lrm')) }, { name: '吴二.pic', data: jpegBytes([4, 4]) }]));
    const again = await runCli(['import', 'lrmx', changed, zip, '--json'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(json(again.stdout)).toEqual({ files: 2, created: 0, updated: 1, unchanged: 1, errors: [] });
    expect((await cadres()).find((c) => c.name === '林晓舟')!.version).toBe(2);
  }, 180_000);

  it('human output names each update; a new cadre without --org is reported, not written; a missing path fails', async () => {
    const one = path.join(dir, '郑三.lrmx');
    // 现任职务 names no unit of the registry, and no --org: the new cadre has no unit.
    fs.writeFileSync(one, lrmxBytes(personTexts({ XingMing: '郑三', ShenFenZheng: idOf('519901', '19840404', 41), XianRenZhiWu: '四级调研员' })));
    const r = await runCli(['import', 'lrmx', one, path.join(dir, '林晓舟-新.lrmx')], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('导入完成');
    expect(r.stdout).toContain('郑三.lrmx');
    expect(r.stdout).toContain('所在单位');
    expect((await cadres()).map((c) => c.name)).not.toContain('郑三');
    const bad = await runCli(['import', 'lrmx', path.join(dir, 'nope.lrmx'), '--json'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('找不到文件');
  }, 180_000);
});

describe('jiandu import roster', () => {
  it('--json: counts and problems by row; --dry-run writes nothing', async () => {
    const file = path.join(dir, '名册.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(['东平县干部名册']);
    ws.addRow(['序号', '姓名', '身份证号', '出生年月', '现任职务', '单位']);
    ws.addRow([1, '林晓舟', idOf('330226', '19780315', 1), '1978.03', '东平县委副书记', '东平县委']); // unchanged
    ws.addRow([2, '冯七', idOf('519901', '19860606', 61), '1986.06', '东平县委办公室主任', '东平县委']); // create
    ws.addRow([3, '吴二', '', '1983.02', '东平县某镇镇长', '东平县委']); // update by name + birth
    ws.addRow([4, '褚八', idOf('519901', '19870707', 71), '1987.07', '', '西岭区委']); // unknown unit
    await wb.xlsx.writeFile(file);
    const dry = await runCli(['import', 'roster', file, '--dry-run', '--json'], env);
    expect(dry.code, dry.stderr).toBe(0);
    const expected = { files: 1, created: 1, updated: 1, unchanged: 1, errors: [{ file, row: 6, field: '单位', message: expect.stringContaining('西岭区委') }], ignoredColumns: [] };
    expect(json(dry.stdout)).toEqual(expected);
    expect((await cadres()).map((c) => c.name)).not.toContain('冯七');
    const r = await runCli(['import', 'roster', file, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toEqual(expected);
    expect((await cadres()).map((c) => c.name)).toContain('冯七');
  }, 180_000);
});
