/**
 * DATA-02 / DATA-05: a grep of the data folder (embedded PGlite, every file, binary-safe, UTF-8 and
 * UTF-16) for a known 身份证号 and the contents of uploaded files finds nothing, after a cadre, an
 * attachment, a photo and a 任免审批表 import (committed, and one left pending) were written and the
 * database closed; and for the 信访 free text of ledger entries (摘要, 处理结果: crypto/entry-text.ts) written
 * through the form, a correction and an Excel import. On PostgreSQL (TEST_DATABASE_URL) there is no data folder of ours: skipped.
 */
import fs from 'node:fs';
import { saveMfaPolicy } from '../../src/services/mfa-policy.ts';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { rows } from '../../src/db/client.ts';
import { loadConfig } from '../../src/config.ts';
import { openRuntime } from '../../src/runtime.ts';
import { systemActor } from '../../src/context.ts';
import { drainJobs } from '../../src/services/jobs.ts';
import { createUser } from '../../src/services/users.service.ts';
import type { TestContext } from '../support/app.ts';
import { onPostgres } from '../support/db.ts';
import { makeSmallCity } from '../support/fixtures.ts';
import { FAMILY, idOf, jpegBytes, lrmxBytes, personTexts } from '../support/lrmx.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function* filesUnder(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* filesUnder(p);
    else if (e.isFile()) yield p;
  }
}

/** Every (file, needle, encoding) where the needle occurs, as UTF-8 or UTF-16 (LE and BE). */
function grep(dir: string, needles: string[]): string[] {
  const forms = needles.flatMap((n) => [
    { n, enc: 'utf8', b: Buffer.from(n, 'utf8') },
    { n, enc: 'utf16le', b: Buffer.from(n, 'utf16le') },
    { n, enc: 'utf16be', b: Buffer.from(n, 'utf16le').swap16() },
  ]);
  const hits: string[] = [];
  let files = 0;
  for (const f of filesUnder(dir)) {
    files++;
    const data = fs.readFileSync(f);
    for (const x of forms) if (data.includes(x.b)) hits.push(`${path.relative(dir, f)}: ${x.n} (${x.enc})`);
  }
  expect(files).toBeGreaterThan(10);
  return hits;
}

describe.skipIf(onPostgres())('grep of the data folder (PGlite)', () => {
  it('finds no 身份证号, attachment, photo or 任免审批表 content after writing them and closing the database', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiandu-grep-'));
    dirs.push(dataDir);
    // The migrated template, unpacked into a data folder on disk (migrating from scratch is slow).
    const seed = await PGlite.create({ dataDir: path.join(dataDir, 'pg'), loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]) });
    await seed.close();
    const config = loadConfig({ JIANDU_DATA_DIR: dataDir, JIANDU_PBKDF2_ITERATIONS: '1000' } as NodeJS.ProcessEnv);
    const rt = await openRuntime(config);
    const app = await buildApp(rt);
    const ATTACHMENT_TEXT = '信访件原文：群众实名反映某局长收受管理服务对象购物卡ATTACH-7f3a9c';
    const PHOTO_MARKER = 'PHOTO-MARKER-5d1e2b';
    const importedId = idOf('330226', '19760521', 7);
    const pendingId = idOf('330226', '19820214', 9);
    let cadreIdNumber = '';
    try {
      const city = await makeSmallCity({ deps: rt } as unknown as TestContext);
      cadreIdNumber = city.cadres['张三明']!.idNumber;
      await createUser({ db: rt.db, clock: rt.clock, pbkdf2Iterations: 1000 }, systemActor('test'), {
        login: 'grepsup', displayName: 'grepsup', role: 'supervisor', scopeOrgId: city.city, departmentCode: null,
      }, { mustChangePassword: false, password: 'Kq7#mVx2pL9w' });
      // This test is about storage, not sign-in: the account is exempt from the second factor.
      await rt.db.tx((tx) => saveMfaPolicy(tx, { roles: ['supervisor', 'chief'], exemptLogins: ['grepsup'] }, null, rt.clock.now()));
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'grepsup', password: 'Kq7#mVx2pL9w' } });
      const sid = login.cookies.find((c) => c.name === 'jiandu_sid')!;
      const cookie = `jiandu_sid=${sid.value}`;
      const post = (url: string, data: Buffer) => app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/octet-stream' }, payload: data });

      const e = await app.inject({ method: 'POST', url: '/api/entries', headers: { cookie }, payload: {
        kind: 'xfjb', sourceDept: 'xf', cadreId: city.cadres['张三明']!.id, occurredOn: '2025-03-15', refNo: 'REFNO-CONTROL-2b8f',
        summary: '群众反映SUMMARY-CONTROL-9e4d', details: { channel: '12380', realName: true, status: '核查中' },
      } });
      expect(e.statusCode, e.body).toBe(200);
      const att = await post(`/api/entries/${e.json().entryId}/attachments?name=${encodeURIComponent('信访件.txt')}`,
        Buffer.from(`${ATTACHMENT_TEXT}\n身份证号：${cadreIdNumber}\n`, 'utf8'));
      expect(att.statusCode, att.body).toBe(200);
      const photo = await post(`/api/cadres/${city.cadres['李四海']!.id}/photo`, jpegBytes([...Buffer.from(PHOTO_MARKER)]));
      expect(photo.statusCode, photo.body).toBe(200);

      const done = await post(`/api/cadre-imports?name=a.lrmx&orgId=${city.countyA}`,
        lrmxBytes(personTexts({ XingMing: '孙启航', ShenFenZheng: importedId, ChuShengNianYue: '197605' }), FAMILY, jpegBytes([...Buffer.from(PHOTO_MARKER)])));
      expect(done.statusCode, done.body).toBe(200);
      await drainJobs();
      expect((await app.inject({ method: 'POST', url: `/api/cadre-imports/${done.json().id}/commit`, headers: { cookie } })).json()).toMatchObject({ status: 'done', created: 1 });
      const pending = await post(`/api/cadre-imports?name=b.lrmx&orgId=${city.countyA}`,
        lrmxBytes(personTexts({ XingMing: '吴晓光', ShenFenZheng: pendingId, ChuShengNianYue: '198202' }), FAMILY));
      expect(pending.statusCode, pending.body).toBe(200);
      await drainJobs();
      // The files are there and readable through the application.
      const back = await app.inject({ method: 'GET', url: `/api/attachments/${att.json().id}`, headers: { cookie } });
      expect(back.body).toContain(ATTACHMENT_TEXT);
    } finally {
      await app.close();
      await rt.close();
    }
    const hits = grep(dataDir, [cadreIdNumber, importedId, pendingId, ATTACHMENT_TEXT, '收受管理服务对象购物卡', PHOTO_MARKER, FAMILY[0]!.XingMing!, 'SUMMARY-CONTROL-9e4d']);
    expect(hits).toEqual([]);
    // Control: the grep does see plaintext columns — the ledger entry's 文号 (not encrypted).
    expect(grep(dataDir, ['REFNO-CONTROL-2b8f']).length).toBeGreaterThan(0);
  }, 300_000);

  it('finds no 信访 摘要 or 处理结果 of ledger entries (form, correction, import commit), which read back as written', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiandu-grep-'));
    dirs.push(dataDir);
    const seed = await PGlite.create({ dataDir: path.join(dataDir, 'pg'), loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]) });
    await seed.close();
    const config = loadConfig({ JIANDU_DATA_DIR: dataDir, JIANDU_PBKDF2_ITERATIONS: '1000' } as NodeJS.ProcessEnv);
    const rt = await openRuntime(config);
    const app = await buildApp(rt);
    const FORM = '群众实名反映其在工程招标中收受好处费FORM-3c7a';
    const FORM_OUTCOME = '经初核部分属实，已移交纪委OUTCOME-8d21';
    const CORRECTED = '更正：群众反映其违规收受礼金CORR-5b90';
    const IMPORTED = '来信反映其亲属违规承揽本单位工程IMPORT-1e6f';
    const IMPORTED_OUTCOME = '已转办核查IMPOUT-44a2';
    const texts = [FORM, FORM_OUTCOME, CORRECTED, IMPORTED, IMPORTED_OUTCOME];
    try {
      const city = await makeSmallCity({ deps: rt } as unknown as TestContext);
      await createUser({ db: rt.db, clock: rt.clock, pbkdf2Iterations: 1000 }, systemActor('test'), {
        login: 'grepsup2', displayName: 'grepsup2', role: 'supervisor', scopeOrgId: city.city, departmentCode: null,
      }, { mustChangePassword: false, password: 'Kq7#mVx2pL9w' });
      // This test is about storage, not sign-in: the account is exempt from the second factor.
      await rt.db.tx((tx) => saveMfaPolicy(tx, { roles: ['supervisor', 'chief'], exemptLogins: ['grepsup2'] }, null, rt.clock.now()));
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'grepsup2', password: 'Kq7#mVx2pL9w' } });
      const cookie = `jiandu_sid=${login.cookies.find((c) => c.name === 'jiandu_sid')!.value}`;
      const call = (method: 'GET' | 'POST', url: string, payload?: object) => app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
      const cadreId = city.cadres['张三明']!.id;

      // The form, then a correction of another entry (a new version).
      const e = await call('POST', '/api/entries', {
        kind: 'xfjb', sourceDept: 'xf', cadreId, occurredOn: '2025-03-15', summary: FORM, outcome: FORM_OUTCOME,
        details: { channel: '12380', realName: true, status: '核查中' },
      });
      expect(e.statusCode, e.body).toBe(200);
      const e2 = await call('POST', '/api/entries', {
        kind: 'xfjb', sourceDept: 'xf', cadreId, occurredOn: '2025-04-01', summary: '待更正的摘要',
        details: { channel: '来信', realName: false, status: '受理' },
      });
      expect(e2.statusCode, e2.body).toBe(200);
      const c = await call('POST', `/api/entries/${e2.json().entryId}/correct`, {
        baseVersion: 1, reason: '摘要有误', occurredOn: '2025-04-01', cadreId, summary: CORRECTED,
        details: { channel: '来信', realName: false, status: '受理' }, sensitivity: '一般',
      });
      expect(c.statusCode, c.body).toBe(200);

      // An Excel import, checked and committed (staged rows, then INSERT … SELECT into the ledger).
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('信访');
      ws.addRow(['身份证号', '来源渠道', '是否实名', '办理状态', '发生日期', '摘要', '处理结果']);
      ws.addRow([city.cadres['张三明']!.idNumber, '来信', '否', '受理', '2025-05-05', IMPORTED, IMPORTED_OUTCOME]);
      const up = await app.inject({ method: 'POST', url: '/api/imports?kind=xfjb&source=xf&name=petitions.xlsx',
        headers: { cookie, 'content-type': 'application/octet-stream' }, payload: Buffer.from(await wb.xlsx.writeBuffer()) });
      expect(up.statusCode, up.body).toBe(200);
      const batchId = up.json().batch.id as string;
      expect((await call('POST', `/api/imports/${batchId}/check`, {})).statusCode).toBe(200);
      await drainJobs();
      expect((await call('GET', `/api/imports/${batchId}`)).json()).toMatchObject({ status: 'checked', valid: 1, rejected: 0 });
      // Staged sealed: the 摘要 in its sealed entry form, the 文号 and 明细 in the chunk's sealed blob, the plain columns empty.
      const staged = await rt.db.tx((tx) => rows<{ summary: string | null; ref_no: string | null; details: unknown; texts: number }>(tx, sql`select summary, ref_no, details,
        (select count(*)::int from import_staging_text t where t.batch_id = s.batch_id) as texts from import_staging s where batch_id = ${batchId}::uuid`));
      expect(staged.map((r) => [r.summary?.startsWith('enc1:'), r.ref_no, r.details, r.texts])).toEqual([[true, null, null, 1]]);
      const commit = await call('POST', `/api/imports/${batchId}/commit`);
      expect(commit.statusCode, commit.body).toBe(200);
      await drainJobs();
      expect((await call('GET', `/api/imports/${batchId}`)).json()).toMatchObject({ status: 'done', imported: 1 });

      // Stored sealed, read back as written: the entry, the timeline, the Excel export.
      const stored = await rt.db.tx((tx) => rows<{ summary: string; outcome: string | null }>(tx, sql`select summary, outcome from entry`));
      expect(stored.length).toBe(4);
      expect(stored.every((r) => r.summary.startsWith('enc1:') && (r.outcome === null || r.outcome.startsWith('enc1:')))).toBe(true);
      expect((await call('GET', `/api/entries/${e.json().entryId}`)).json().entry).toMatchObject({ summary: FORM, outcome: FORM_OUTCOME });
      const history = (await call('GET', `/api/entries/${e2.json().entryId}`)).json();
      expect(history.versions.map((v: { summary: string }) => v.summary)).toEqual([CORRECTED, '待更正的摘要']);
      const list = (await call('GET', `/api/entries?cadreId=${cadreId}`)).json().items as Array<{ summary: string; outcome: string | null }>;
      expect(list.map((i) => i.summary).sort()).toEqual([CORRECTED, FORM, IMPORTED].sort());
      expect(list.find((i) => i.summary === IMPORTED)!.outcome).toBe(IMPORTED_OUTCOME);
      const xlsx = await call('GET', `/api/entries/export.xlsx?cadreId=${cadreId}`);
      expect(xlsx.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const cells: string[] = [];
      book.worksheets[0]!.eachRow((r) => r.eachCell((cell) => { cells.push(cell.text); }));
      for (const t of [FORM, FORM_OUTCOME, CORRECTED, IMPORTED, IMPORTED_OUTCOME]) expect(cells).toContain(t);
    } finally {
      await app.close();
      await rt.close();
    }
    // The uploaded .xlsx itself is deflated (a zip); the staged rows and the entries hold only sealed text.
    expect(grep(dataDir, texts)).toEqual([]);
    expect(grep(dataDir, ['工程招标中收受好处费', '违规承揽本单位工程']).length).toBe(0);
  }, 300_000);
});
