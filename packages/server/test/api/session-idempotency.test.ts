/**
 * Retries never double (issue 9 point 12): POST /api/entries and /api/submissions take an Idempotency-Key
 * like /api/v1/entries — per user; a replay returns the stored answer with Idempotent-Replayed: true; the
 * same key with another body is 422; concurrent requests with one key write once.
 */
import { entryText } from '../../src/crypto/entry-text.ts';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
let sup: string;
let sup2: string;
let member: string;
beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
  sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
  sup2 = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
  member = (await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'xf' })).cookie;
});

const petition = (summary: string) => ({
  kind: 'xfjb', sourceDept: 'xf', cadreId: city.cadres['张三明']!.id, occurredOn: '2025-03-15',
  summary, details: { channel: '12380', realName: true, status: '核查中' },
});
const post = (url: string, cookie: string, payload: object, key?: string) =>
  ctx.app.inject({ method: 'POST', url, headers: { cookie, ...(key ? { 'idempotency-key': key } : {}) }, payload });
/** Entries whose 摘要 reads `summary` (stored sealed: crypto/entry-text.ts). */
const count = async (summary: string) =>
  (await ctx.db.tx((tx) => rows<{ entry_id: string; summary: string }>(tx, sql`select entry_id, summary from entry where version = 1`)))
    .filter((r) => entryText(ctx.deps.crypto, r.entry_id, 'summary', r.summary) === summary).length;

describe('Idempotency-Key on the session API', () => {
  it('a retry of POST /api/entries with the same key replays the first answer and writes nothing', async () => {
    const body = petition('幂等重试一');
    const first = await post('/api/entries', sup, body, 'k-retry-1');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await post('/api/entries', sup, { ...body }, 'k-retry-1');
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await count('幂等重试一')).toBe(1);
  });

  it('the same key with another body is refused with 422 and a Chinese message', async () => {
    await post('/api/entries', sup, petition('幂等改体一'), 'k-other-body');
    const r = await post('/api/entries', sup, petition('幂等改体二'), 'k-other-body');
    expect(r.statusCode).toBe(422);
    expect(r.json().error).toBe('idempotency_key_reused');
    expect(r.json().message).toMatch(/[\u4e00-\u9fa5]/u);
    expect(await count('幂等改体二')).toBe(0);
  });

  it('keys are per user: another user with the same key writes its own entry', async () => {
    const a = await post('/api/entries', sup, petition('幂等分用户'), 'k-shared');
    const b = await post('/api/entries', sup2, petition('幂等分用户'), 'k-shared');
    expect(b.statusCode).toBe(200);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.json().entryId).not.toBe(a.json().entryId);
    expect(await count('幂等分用户')).toBe(2);
  });

  it('a refused submission does not use the key up; without a key nothing changes', async () => {
    const bad = await post('/api/entries', sup, { ...petition('幂等先错后对'), occurredOn: '2999-01-01' }, 'k-fix');
    expect(bad.statusCode).toBe(400);
    const good = await post('/api/entries', sup, petition('幂等先错后对'), 'k-fix');
    expect(good.statusCode).toBe(200);
    expect(good.headers['idempotent-replayed']).toBeUndefined();
    await post('/api/entries', sup, petition('幂等无键'));
    await post('/api/entries', sup, petition('幂等无键'));
    expect(await count('幂等无键')).toBe(2);
    const malformed = await post('/api/entries', sup, petition('幂等坏键'), 'has space');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().message).toContain('Idempotency-Key');
  });

  it('10 concurrent identical requests with one key write exactly one entry', async () => {
    const body = petition('幂等并发');
    const answers = await Promise.all(Array.from({ length: 10 }, () => post('/api/entries', sup, body, 'k-race')));
    const ok = answers.filter((a) => a.statusCode === 200);
    // On PostgreSQL a request that meets the first one still running may be told to retry (409); never a second write.
    expect(answers.every((a) => a.statusCode === 200 || (a.statusCode === 409 && a.json().error === 'idempotency_in_progress'))).toBe(true);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(new Set(ok.map((a) => a.json().entryId)).size).toBe(1);
    expect(ok.filter((a) => a.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
    expect(await count('幂等并发')).toBe(1);
  });

  it('a member department’s POST /api/submissions takes the key too', async () => {
    const body = petition('幂等报送');
    const first = await post('/api/submissions', member, body, 'k-sub');
    expect(first.statusCode, first.body).toBe(200);
    const again = await post('/api/submissions', member, body, 'k-sub');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await count('幂等报送')).toBe(1);
  });

  it('the OpenAPI document describes the header', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json', headers: { cookie: sup } })).json();
    expect(doc.paths['/api/entries'].post.description).toContain('Idempotency-Key');
  });
});
