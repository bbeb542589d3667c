/**
 * DATA-02 / DATA-05: a grep of the data folder (embedded PGlite, every file, binary-safe, UTF-8 and
 * UTF-16) for a known 身份证号 and the contents of uploaded files finds nothing, after a cadre, an
 * attachment, a photo and a 任免审批表 import (committed, and one left pending) were written and the
 * database closed. On PostgreSQL (TEST_DATABASE_URL) there is no data folder of ours: skipped.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openRuntime } from '../../src/runtime.ts';
import { systemActor } from '../../src/services/context.ts';
import { drainJobs } from '../../src/services/imports/jobs.ts';
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
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'grepsup', password: 'Kq7#mVx2pL9w' } });
      const sid = login.cookies.find((c) => c.name === 'jiandu_sid')!;
      const cookie = `jiandu_sid=${sid.value}`;
      const post = (url: string, data: Buffer) => app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/octet-stream' }, payload: data });

      const e = await app.inject({ method: 'POST', url: '/api/entries', headers: { cookie }, payload: {
        kind: 'xfjb', sourceDept: 'xf', cadreId: city.cadres['张三明']!.id, occurredOn: '2025-03-15', refNo: '青信〔2025〕7号',
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
    const hits = grep(dataDir, [cadreIdNumber, importedId, pendingId, ATTACHMENT_TEXT, '收受管理服务对象购物卡', PHOTO_MARKER, FAMILY[0]!.XingMing!]);
    expect(hits).toEqual([]);
    // Control: the grep does see plaintext rows — the ledger entry's 摘要 (plaintext today, see the todo below).
    expect(grep(dataDir, ['SUMMARY-CONTROL-9e4d']).length).toBeGreaterThan(0);
  }, 300_000);

  // Not done (reported to the lead): entry.summary / entry.outcome (the 信访 free text of an xfjb entry,
  // and of every kind) are plaintext columns; encrypting them needs the entry write paths (form, import
  // commit from import_staging, /api/v1 push, seed), every reader (entry views, timelines, exports,
  // warnings/eligibility texts) and import_staging to change together.
  it.todo('finds no 信访 summary text of a ledger entry (entry.summary is plaintext today)');
});
