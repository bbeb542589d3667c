/**
 * The audit chain is appended at the end of each transaction (its lock held for the insert alone): rows of
 * one transaction stay together and in order, concurrent transactions still leave one linear chain that
 * verifies, a rolled-back change leaves no row, and a row written in a savepoint is kept.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { recordAudit, verifyAudit } from '../../src/repositories/audit.repository.ts';
import { systemActor } from '../../src/context.ts';
import { createTestContext, type TestContext } from '../support/app.ts';

let ctx: TestContext;
const actor = systemActor('chain-test');
const auditOf = (action: string) => ctx.db.tx((tx) => rows<{ seq: number; details: { i: number } }>(tx, sql`select seq, details from audit_log where action = ${action} order by seq`));

beforeAll(async () => {
  ctx = await createTestContext();
});

describe('the audit chain at commit', () => {
  it('concurrent transactions with several rows each leave one linear chain, each transaction\'s rows together', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => ctx.db.tx(async (tx) => {
      await recordAudit(tx, actor, { action: 'test.first', details: { i } }, ctx.clock);
      await rows(tx, sql`select count(*) from audit_log`);
      await recordAudit(tx, actor, { action: 'test.second', details: { i } }, ctx.clock);
    })));
    const first = await auditOf('test.first');
    const second = await auditOf('test.second');
    expect(first).toHaveLength(30);
    const after = new Map(second.map((r) => [r.details.i, r.seq]));
    for (const r of first) expect(after.get(r.details.i)).toBe(r.seq + 1);
    expect((await verifyAudit(ctx.db)).ok).toBe(true);
  });

  it('a transaction that fails writes no audit row; one written in a savepoint is kept', async () => {
    await expect(ctx.db.tx(async (tx) => {
      await recordAudit(tx, actor, { action: 'test.rolled-back' }, ctx.clock);
      throw new Error('失败');
    })).rejects.toThrow('失败');
    expect(await auditOf('test.rolled-back')).toEqual([]);
    await ctx.db.tx(async (tx) => {
      await recordAudit(tx, actor, { action: 'test.outer' }, ctx.clock);
      await tx.transaction(async (inner) => recordAudit(inner as never, actor, { action: 'test.savepoint' }, ctx.clock));
    });
    const [outer] = await auditOf('test.outer');
    const [inner] = await auditOf('test.savepoint');
    expect(inner).toBeDefined();
    // The savepoint's row is chained at once, the outer transaction's at its end.
    expect(outer!.seq).toBe(inner!.seq + 1);
    expect((await verifyAudit(ctx.db)).ok).toBe(true);
  });
});
