/** AUD-04/05: signed checkpoints outside the database catch what the hash chain alone cannot. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { AUDIT_ACTIONS } from '@jiandu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { ephemeralAuditSigner } from '../../src/crypto/audit-key.ts';
import { chainHash, verifyAudit } from '../../src/repositories/audit.repository.ts';
import { verifyWithCheckpoints, writeCheckpoint } from '../../src/services/audit-checkpoints.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiandu-cp-'));
const file = path.join(dir, 'audit-checkpoints.jsonl');
const signer = ephemeralAuditSigner();
beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function behindTheBack(statement: ReturnType<typeof sql>) {
  await ctx.db.tx(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger user`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_log enable trigger user`);
  });
}
const lastSeq = async () => (await ctx.db.tx((tx) => rows<{ n: number }>(tx, sql`select max(seq)::int as n from audit_log`)))[0]!.n;

describe('signed audit checkpoints (outside the database)', () => {
  it('a checkpoint is appended only when the log moved, and it verifies', async () => {
    const first = await writeCheckpoint(ctx.db, signer, file, ctx.clock);
    expect(first?.seq).toBe(await lastSeq());
    expect(await writeCheckpoint(ctx.db, signer, file, ctx.clock, first!.seq)).toBeNull();
    const r = await verifyWithCheckpoints(ctx.db, file, signer);
    expect(r).toMatchObject({ ok: true, cutOff: null, checkpoint: { seq: first!.seq } });
    expect(r.message).toMatch(/签名检查点一致/u);
  });

  it('rows cut off the end: the chain alone says OK, the checkpoint names how many are missing', async () => {
    await ctx.loginAs('supervisor', { scopeOrgId: city.city }); // more audit rows
    const cp = await writeCheckpoint(ctx.db, signer, file, ctx.clock);
    const end = cp!.seq;
    await behindTheBack(sql`delete from audit_log where seq > ${end - 3}`);
    expect((await verifyAudit(ctx.db)).ok).toBe(true); // the blind spot of a chain
    const r = await verifyWithCheckpoints(ctx.db, file, signer);
    expect(r).toMatchObject({ ok: false, cutOff: 3, brokenAt: end - 2 });
    expect(r.message).toMatch(/末尾被截去 3 条/u);
  });

  it('an edit followed by recomputing the whole chain: the chain verifies, the checkpoint does not', async () => {
    const f3 = path.join(dir, 'recomputed.jsonl');
    await writeCheckpoint(ctx.db, signer, f3, ctx.clock);
    // Edit a row, then rebuild a consistent chain after it, as a forger with the owner's rights would.
    await behindTheBack(sql`update audit_log set actor_login = 'forged' where seq = 2`);
    const all = await ctx.db.tx((tx) => rows<any>(tx, sql`select * from audit_log order by seq`));
    let prev: Buffer = Buffer.alloc(32);
    for (const r of all) {
      const rec = {
        seq: Number(r.seq), at: new Date(r.at).toISOString(), actorUserId: r.actor_user_id, actorLogin: r.actor_login, actorRole: r.actor_role,
        action: r.action, objectType: r.object_type, objectId: r.object_id, result: r.result, reason: r.reason, clientIp: r.client_ip,
        requestId: r.request_id, details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details,
      };
      const h = chainHash(prev, rec);
      await behindTheBack(sql`update audit_log set prev_hash = ${prev}, hash = ${h} where seq = ${rec.seq}`);
      prev = h;
    }
    expect((await verifyAudit(ctx.db)).ok).toBe(true);
    const r = await verifyWithCheckpoints(ctx.db, f3, signer);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/与签名检查点.*不符/u);
  });

  it('a checkpoint edited in the file, or signed by another key, is refused', async () => {
    const f2 = path.join(dir, 'other.jsonl');
    const cp = await writeCheckpoint(ctx.db, signer, f2, ctx.clock);
    expect((await verifyWithCheckpoints(ctx.db, f2, signer)).ok).toBe(true);
    expect((await verifyWithCheckpoints(ctx.db, f2, ephemeralAuditSigner())).message).toMatch(/签名无效/u);
    fs.writeFileSync(f2, JSON.stringify({ ...cp, seq: cp!.seq + 5 }) + '\n');
    expect((await verifyWithCheckpoints(ctx.db, f2, signer)).message).toMatch(/签名无效/u);
    fs.writeFileSync(f2, 'not json\n');
    expect((await verifyWithCheckpoints(ctx.db, f2, signer)).message).toMatch(/格式错误/u);
  });
});

describe('audit page: names instead of ids, Chinese actions, export', () => {
  it('rows carry the actor\'s name and unit and the object\'s name', async () => {
    const sup = await ctx.loginAs('supervisor', { scopeOrgId: city.countyA, login: 'namesup' });
    const cid = city.cadres['张三明']!.id;
    await ctx.call('GET', `/api/cadres/${cid}`, sup.cookie);
    const a = await ctx.loginAs('auditadmin');
    const res = await ctx.call('GET', `/api/audit?action=cadre.read&actor=namesup&limit=5`, a.cookie);
    expect(res.statusCode).toBe(200);
    const [row] = res.json().items;
    expect(row).toMatchObject({ actorLogin: 'namesup', actorUnit: '东平县委', objectType: 'cadre', objectId: cid });
    expect(row.actorName).toBeTruthy();
    expect(row.objectName).toMatch(/^张三明（/u);
  });

  it('every audit action the server writes has a Chinese name', () => {
    const src = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../src');
    const codes = new Set<string>();
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) for (const m of fs.readFileSync(p, 'utf8').matchAll(/action: '([a-z-]+\.[a-z.-]+)'/gu)) codes.add(m[1]!);
      }
    };
    walk(src);
    expect(codes.size).toBeGreaterThan(40);
    expect([...codes].filter((c) => !AUDIT_ACTIONS[c])).toEqual([]);
  });

  it('the auditadmin exports a filtered range as .xlsx (audited); nobody else may', async () => {
    const a = await ctx.loginAs('auditadmin', { login: 'exporter' });
    const res = await ctx.call('GET', '/api/audit/export.xlsx?action=auth.login', a.cookie);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(3).getCell(6).text).toBe('操作');
    const n = Number(res.headers['x-export-rows']);
    expect(n).toBeGreaterThan(0);
    expect(ws.rowCount - 3).toBe(n);
    for (let i = 4; i <= ws.rowCount; i++) expect(ws.getRow(i).getCell(6).text).toBe('登录');
    const [row] = await ctx.db.tx((tx) => rows<any>(tx, sql`select * from audit_log where action = 'audit.export' order by seq desc limit 1`));
    expect(row).toMatchObject({ actor_login: 'exporter' });
    const sup = await ctx.loginAs('supervisor', { scopeOrgId: city.city });
    expect((await ctx.call('GET', '/api/audit/export.xlsx', sup.cookie)).statusCode).toBe(403);
    const sys = await ctx.loginAs('sysadmin');
    expect((await ctx.call('GET', '/api/audit/export.xlsx', sys.cookie)).statusCode).toBe(403);
  });
});
