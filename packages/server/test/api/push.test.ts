/** Department systems: 接口令牌 management and POST /api/v1/entries (batch, Idempotency-Key, duplicates, races). */
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { sm3 } from '../../src/crypto/sm.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeIdNumber, makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
let admin: string;
let sup: string;
let token: string;
let tokenId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
  admin = (await ctx.loginAs('sysadmin')).cookie;
  sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
});

const call: TestContext['call'] = (...a) => ctx.call(...a);

const push = (bearer: string | null, key: string | null, payload: object) => ctx.app.inject({
  method: 'POST', url: '/api/v1/entries', payload,
  headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(key ? { 'idempotency-key': key } : {}) },
});

const q = <T>(query: ReturnType<typeof sql>) => ctx.db.tx((tx) => rows<T>(tx, query));
const count = async (query: ReturnType<typeof sql>) => (await q<{ n: number }>(query))[0]!.n;
const entryCount = () => count(sql`select count(*)::int as n from entry`);
const auditCount = (action: string) => count(sql`select count(*)::int as n from audit_log where action = ${action}`);

const petition = (externalId: string, cadre: object, extra: object = {}) => ({
  externalId, kind: 'xfjb', cadre, occurredOn: '2025-03-15', refNo: '青信〔2025〕12号', summary: '群众反映其违规操办婚宴',
  details: { channel: '12380', realName: true, status: '核查中' }, ...extra,
});

describe('接口令牌 management', () => {
  it('only the sysadmin manages tokens', async () => {
    for (const role of ['supervisor', 'leader', 'member', 'secadmin', 'auditadmin'] as const) {
      const scoped = ['supervisor', 'leader', 'member'].includes(role);
      const u = await ctx.loginAs(role, { scopeOrgId: scoped ? city.city : null, departmentCode: role === 'member' ? 'xf' : null });
      expect((await call('GET', '/api/api-tokens', u.cookie)).statusCode, role).toBe(403);
      const create = await call('POST', '/api/api-tokens', u.cookie, { name: 'x', departmentCode: 'xf', kinds: ['xfjb'], scopeOrgId: city.city });
      expect(create.statusCode, role).toBe(403);
      expect((await call('POST', `/api/api-tokens/${crypto.randomUUID()}/revoke`, u.cookie)).statusCode, role).toBe(403);
    }
  });

  it('kinds must be the department’s; the department and the jurisdiction must exist', async () => {
    const base = { name: '信访系统', departmentCode: 'xf', kinds: ['xfjb'], scopeOrgId: city.countyA };
    const foreign = await call('POST', '/api/api-tokens', admin, { ...base, kinds: ['xfjb', 'cfwz'] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().issues[0]).toMatchObject({ path: 'kinds', message: expect.stringContaining('处分') });
    expect((await call('POST', '/api/api-tokens', admin, { ...base, kinds: [] })).statusCode).toBe(400);
    expect((await call('POST', '/api/api-tokens', admin, { ...base, departmentCode: 'nope' })).json().issues[0].path).toBe('departmentCode');
    expect((await call('POST', '/api/api-tokens', admin, { ...base, scopeOrgId: crypto.randomUUID() })).json().issues[0].path).toBe('scopeOrgId');
    expect(await count(sql`select count(*)::int as n from api_token`)).toBe(0);
  });

  it('a token is shown once; only its SM3 and a prefix are stored', async () => {
    const r = await call('POST', '/api/api-tokens', admin, { name: '东平县信访系统', departmentCode: 'xf', kinds: ['xfjb'], scopeOrgId: city.countyA });
    expect(r.statusCode, r.body).toBe(200);
    token = r.json().token;
    tokenId = r.json().view.id;
    expect(token).toMatch(/^jdt_[A-Za-z0-9_-]{43}$/u);
    expect(r.json().view).toMatchObject({ name: '东平县信访系统', departmentName: '信访局', kinds: ['xfjb'], scopeOrgName: '东平县委', revokedAt: null, lastUsedAt: null });

    const list = await call('GET', '/api/api-tokens', admin);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(token);
    expect(list.json()).toEqual([expect.objectContaining({ id: tokenId, prefix: token.slice(0, 12) })]);
    expect(list.json()[0].createdBy).toMatch(/^sysadmin/u);

    const [row] = await q<Record<string, unknown>>(sql`select * from api_token`);
    expect(JSON.stringify(row)).not.toContain(token.slice(4));
    expect(Buffer.from(row!.token_hash as Uint8Array).equals(sm3(`api-token:${token}`))).toBe(true);
    const audits = await q<{ details: unknown; object_id: string }>(sql`select details, object_id from audit_log where action = 'api-token.create'`);
    expect(audits).toHaveLength(1);
    expect(audits[0]!.object_id).toBe(tokenId);
    expect(JSON.stringify(await q(sql`select * from audit_log`))).not.toContain(token.slice(4));

    const again = await call('POST', '/api/api-tokens', admin, { name: '东平县信访系统', departmentCode: 'xf', kinds: ['xfjb'], scopeOrgId: city.countyA });
    expect(again.statusCode).toBe(409);
  });
});

describe('POST /api/v1/entries', () => {
  const unknownIdNumber = makeIdNumber('519901', '19660101', 77);
  let firstBatch: object;
  let firstAnswer: { created: number; duplicates: number; rejected: number; results: Array<{ index: number; status: string; entryId?: string; issues?: Array<{ path: string; message: string }> }> };

  it('refuses requests without a valid bearer token, with one message for unknown and malformed tokens', async () => {
    const body = { entries: [petition('A-1', { idNumber: city.cadres['张三明']!.idNumber })] };
    const none = await push(null, 'k', body);
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/u);
    const unknown = await push(`jdt_${crypto.randomBytes(32).toString('base64url')}`, 'k', body);
    const malformed = await push('not-a-token', 'k', body);
    expect(unknown.statusCode).toBe(401);
    expect(malformed.statusCode).toBe(401);
    expect(unknown.json().message).toBe(malformed.json().message);
    // A session is not a token.
    const bySession = await ctx.app.inject({ method: 'POST', url: '/api/v1/entries', headers: { cookie: sup, 'idempotency-key': 'k' }, payload: body });
    expect(bySession.statusCode).toBe(401);
    expect(await auditCount('api-token.auth')).toBe(2);
    expect(await entryCount()).toBe(0);
  });

  it('checks the envelope whole: Idempotency-Key required, at most 500 items', async () => {
    const one = { entries: [petition('A-1', { idNumber: city.cadres['张三明']!.idNumber })] };
    expect((await push(token, null, one)).statusCode).toBe(400);
    expect((await push(token, 'x'.repeat(101), one)).statusCode).toBe(400);
    const many = { entries: Array.from({ length: 501 }, (_, i) => petition(`M-${i}`, { idNumber: city.cadres['张三明']!.idNumber })) };
    const r = await push(token, 'too-many', many);
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/500/u);
    expect(await count(sql`select count(*)::int as n from api_idempotency`)).toBe(0);
  });

  it('writes the valid items as pending submissions and reports each invalid one', async () => {
    firstBatch = {
      entries: [
        petition('A-1', { idNumber: city.cadres['张三明']!.idNumber }),
        petition('A-2', { name: '李四海', orgId: city.countyA }, { sensitivity: '敏感' }),
        { ...petition('A-3', { idNumber: city.cadres['张三明']!.idNumber }), kind: 'cfwz', details: { category: '党纪处分', measure: '警告' } },
        petition('A-4', { idNumber: city.cadres['王五']!.idNumber }),
        petition('A-5', { idNumber: city.cadres['赵六']!.idNumber }, { details: { channel: '飞鸽传书', realName: true, status: '核查中' } }),
        petition('A-6', { idNumber: unknownIdNumber }),
        petition('A-7', { idNumber: '519901197003150130' }),
        { ...petition('A-8', {}), cadre: undefined, teamOrgId: city.townA },
        { ...petition('A-9', {}), cadre: undefined, teamOrgId: city.countyB },
        petition('A-1', { idNumber: city.cadres['赵六']!.idNumber }),
        petition('A-10', { name: '王五', orgId: city.countyB }),
        { ...petition('A-11', {}), cadre: undefined },
      ],
    };
    const r = await push(token, 'batch-1', firstBatch);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['idempotent-replayed']).toBeUndefined();
    firstAnswer = r.json();
    const res = firstAnswer.results;
    expect(res.map((x) => x.status)).toEqual([
      'created', 'created', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'created', 'rejected', 'duplicate', 'rejected', 'rejected',
    ]);
    expect(firstAnswer).toMatchObject({ created: 3, duplicates: 1, rejected: 8 });
    expect(res.map((x) => x.index)).toEqual(res.map((_, i) => i));
    expect(res[9]!.entryId).toBe(res[0]!.entryId);
    expect(res[2]!.issues).toEqual([{ path: 'kind', message: expect.stringMatching(/^该接口令牌不能报送“处分.*”类记录$/u) }]);
    // Outside the jurisdiction and unknown: the same answer (no oracle for what exists elsewhere).
    expect(res[3]!.issues).toEqual([{ path: 'cadre.idNumber', message: expect.stringContaining('未找到') }]);
    expect(res[5]!.issues).toEqual(res[3]!.issues);
    expect(res[4]!.issues).toEqual([{ path: 'details.channel', message: expect.stringContaining('来源渠道应为') }]);
    expect(res[6]!.issues).toEqual([{ path: 'cadre.idNumber', message: expect.stringContaining('校验位') }]);
    expect(res[8]!.issues).toEqual([{ path: 'teamOrgId', message: expect.stringContaining('管辖范围') }]);
    expect(res[10]!.issues![0]!.path).toBe('cadre.name');
    expect(res[11]!.issues![0]!.path).toBe('cadre');
    expect(JSON.stringify(firstAnswer)).not.toContain(city.cadres['王五']!.idNumber);

    const pending = (await call('GET', '/api/entries?status=pending', sup)).json().items as Array<Record<string, unknown>>;
    const created = res.filter((x) => x.status === 'created').map((x) => x.entryId);
    expect(pending.map((e) => e.entryId).sort()).toEqual([...created].sort());
    for (const e of pending) {
      expect(e).toMatchObject({ provenance: 'api', sourceDept: 'xf', status: 'pending', version: 1, createdBy: 'api:东平县信访系统' });
    }
    expect(pending.find((e) => e.entryId === res[1]!.entryId)).toMatchObject({ cadreName: '李四海', sensitivity: '敏感' });
    expect(pending.find((e) => e.entryId === res[7]!.entryId)).toMatchObject({ teamName: '东平县石桥镇党委领导班子', cadreId: null });
    const keys = await q<{ natural_key: string }>(sql`select natural_key from entry order by natural_key`);
    expect(keys.map((k) => k.natural_key)).toEqual(['api:xf:A-1', 'api:xf:A-2', 'api:xf:A-8']);
  });

  it('one audit row per batch, with counts and the token name, nothing sensitive', async () => {
    const a = await q<{ actor_login: string; actor_user_id: string | null; object_id: string; details: Record<string, unknown> }>(
      sql`select actor_login, actor_user_id, object_id, details from audit_log where action = 'entry.push'`,
    );
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ actor_login: 'api:东平县信访系统', actor_user_id: null, object_id: tokenId });
    expect(a[0]!.details).toMatchObject({ token: '东平县信访系统', departmentCode: 'xf', items: 12, created: 3, duplicates: 1, rejected: 8 });
    const all = JSON.stringify(await q(sql`select * from audit_log`));
    for (const c of Object.values(city.cadres)) expect(all).not.toContain(c.idNumber);
    expect(all).not.toContain(unknownIdNumber);
  });

  it('a retry with the same Idempotency-Key replays the answer and writes nothing', async () => {
    const before = { entries: await entryCount(), audit: await count(sql`select count(*)::int as n from audit_log`) };
    const r = await push(token, 'batch-1', firstBatch);
    expect(r.statusCode).toBe(200);
    expect(r.headers['idempotent-replayed']).toBe('true');
    expect(r.json()).toEqual(firstAnswer);
    expect(await entryCount()).toBe(before.entries);
    expect(await count(sql`select count(*)::int as n from audit_log`)).toBe(before.audit);
  });

  it('the same key with another body is refused with 422', async () => {
    const r = await push(token, 'batch-1', { entries: [petition('B-1', { idNumber: city.cadres['赵六']!.idNumber })] });
    expect(r.statusCode).toBe(422);
    expect(r.json().message).toMatch(/Idempotency-Key/u);
    expect(r.json().message).toMatch(/[\u4e00-\u9fa5]/u);
    expect(await count(sql`select count(*)::int as n from entry where natural_key = 'api:xf:B-1'`)).toBe(0);
  });

  it('an externalId pushed again under a new key is a duplicate, not a second entry', async () => {
    const before = await entryCount();
    const r = await push(token, 'batch-2', { entries: [petition('A-1', { idNumber: city.cadres['张三明']!.idNumber }), petition('A-2', { name: '李四海', orgId: city.countyA })] });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ created: 0, duplicates: 2, rejected: 0 });
    expect(r.json().results.map((x: { entryId: string }) => x.entryId)).toEqual([firstAnswer.results[0]!.entryId, firstAnswer.results[1]!.entryId]);
    expect(await entryCount()).toBe(before);
  });

  it('20 concurrent identical requests with one key write exactly one batch', async () => {
    const body = { entries: [0, 1, 2].map((i) => petition(`C-${i}`, { idNumber: city.cadres['赵六']!.idNumber })) };
    const before = await entryCount();
    const answers = await Promise.all(Array.from({ length: 20 }, () => push(token, 'race-1', body)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(200));
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    const first = answers[0]!.json();
    expect(first.created).toBe(3);
    for (const a of answers) expect(a.json()).toEqual(first);
    expect(await entryCount()).toBe(before + 3);
    expect(await count(sql`select count(*)::int as n from audit_log where action = 'entry.push'`)).toBe(3);
  });

  it('concurrent batches under different keys carrying the same externalId create it once', async () => {
    const body = { entries: [petition('D-1', { idNumber: city.cadres['张三明']!.idNumber })] };
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => push(token, `race-2-${i}`, body)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(200));
    const statuses = answers.map((a) => a.json().results[0].status).sort();
    expect(statuses).toEqual(['created', ...Array(7).fill('duplicate')]);
    expect(new Set(answers.map((a) => a.json().results[0].entryId)).size).toBe(1);
    expect(await count(sql`select count(*)::int as n from entry where natural_key = 'api:xf:D-1'`)).toBe(1);
  });

  it('records the last use at most once a minute', async () => {
    const lastUsed = async () => (await q<{ at: string }>(sql`select last_used_at::text as at from api_token where id = ${tokenId}`))[0]!.at;
    ctx.clock.advance(2 * 60_000);
    await push(token, 'touch-0', { entries: [petition('A-1', { idNumber: city.cadres['张三明']!.idNumber })] });
    const t1 = await lastUsed();
    expect(t1).toBeTruthy();
    await push(token, 'touch-1', { entries: [petition('A-1', { idNumber: city.cadres['张三明']!.idNumber })] });
    expect(await lastUsed()).toBe(t1);
    ctx.clock.advance(2 * 60_000);
    await push(token, 'touch-2', { entries: [petition('A-1', { idNumber: city.cadres['张三明']!.idNumber })] });
    expect(await lastUsed()).not.toBe(t1);
    const listed = (await call('GET', '/api/api-tokens', admin)).json()[0];
    expect(listed.lastUsedAt).not.toBeNull();
  });

  it('a revoked token is refused like an unknown one; revoking is audited', async () => {
    const unknown = await push(`jdt_${crypto.randomBytes(32).toString('base64url')}`, 'after', { entries: [petition('E-1', { idNumber: city.cadres['张三明']!.idNumber })] });
    const r = await call('POST', `/api/api-tokens/${tokenId}/revoke`, admin);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().revokedAt).not.toBeNull();
    expect(r.json().revokedBy).toMatch(/^sysadmin/u);
    expect((await call('POST', `/api/api-tokens/${tokenId}/revoke`, admin)).statusCode).toBe(409);
    expect((await call('POST', `/api/api-tokens/${crypto.randomUUID()}/revoke`, admin)).statusCode).toBe(404);
    // Even a replay of an earlier key is refused once the token is revoked.
    const replay = await push(token, 'batch-1', firstBatch);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().message).toBe(unknown.json().message);
    expect(await auditCount('api-token.revoke')).toBe(1);
    const fails = await q<{ reason: string; object_id: string | null }>(sql`select reason, object_id from audit_log where action = 'api-token.auth' order by seq desc limit 1`);
    expect(fails[0]).toEqual({ reason: '令牌已吊销', object_id: tokenId });
  });
});

describe('OpenAPI', () => {
  it('documents the push with the bearer scheme and an example body', async () => {
    const doc = (await call('GET', '/api/openapi.json', sup)).json();
    expect(doc.components.securitySchemes.apiToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    const op = doc.paths['/api/v1/entries'].post;
    expect(op['x-permission']).toBe('api-token');
    expect(op.security).toEqual([{ apiToken: [] }]);
    expect(op.summary).toMatch(/[\u4e00-\u9fa5]/u);
    expect(op.description).toContain('Idempotency-Key');
    expect(op.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'idempotency-key', required: true })]));
    const media = op.requestBody.content['application/json'];
    // zod .meta({ examples }) → @fastify/swagger (OpenAPI 3.0) puts the first example on the media type.
    expect(media.example).toMatchObject({ entries: [expect.objectContaining({ externalId: expect.any(String), kind: 'xfjb' }), expect.anything()] });
    expect(op.responses['200'].content['application/json'].example).toMatchObject({ created: 1, results: expect.any(Array) });
    expect(doc.paths['/api/api-tokens'].post['x-permission']).toBe('token:admin');
  });
});
