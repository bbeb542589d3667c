/**
 * A warning's 处置 with a follow-up, as a supervisor lives it: the follow-up is recorded with its event and
 * audit and the warning is 已处置; 函询 / 诫勉 name their 约谈诫勉 entry (a wrong kind is refused); 转联席会议
 * puts the subject on the convener's 待上会议题; outside the jurisdiction it is 404; the record is append-only.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { pgErrorOf } from '../../src/errors.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
let sup: string;
let supB: string;
let warningId: string;
const call: TestContext['call'] = (...a) => ctx.call(...a);
const cadre = (name: string) => city.cadres[name]!.id;
const q = <T>(text: ReturnType<typeof sql>) => ctx.db.tx((tx) => rows<T>(tx, text));

async function create(body: object): Promise<string> {
  const r = await call('POST', '/api/entries', sup, body);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().entryId as string;
}
const petition = (name: string, occurredOn: string) => ({
  kind: 'xfjb', sourceDept: 'xf', cadreId: cadre(name), occurredOn, summary: '反映其违规收受礼金',
  details: { channel: '来信', realName: true, status: '核查中' },
});
const admonition = (name: string, form: string) => ({
  kind: 'ytjm', sourceDept: 'zzb', cadreId: cadre(name), occurredOn: '2026-06-15', summary: `就信访反映问题${form}`,
  details: { form, reason: '信访反映问题' },
});

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.setDate('2026-06-15');
  city = await makeSmallCity(ctx);
  sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
  supB = (await ctx.loginAs('supervisor', { scopeOrgId: city.countyB })).cookie;
  await create(petition('李四海', '2026-01-10'));
  await create(petition('李四海', '2026-05-20'));
  const items = (await call('GET', `/api/warnings?cadreId=${cadre('李四海')}`, sup)).json().items as any[];
  warningId = items.find((w) => w.rule === 'petition_cluster').id;
});

describe('处置 with a follow-up', () => {
  it('谈话提醒 is recorded with its event and audit, and the warning becomes 已处置', async () => {
    const r = await call('POST', `/api/warnings/${warningId}/followups`, sup, { action: 'talk', note: '由分管副部长谈话提醒' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ action: 'talk', actionName: '谈话提醒', onDate: '2026-06-15', note: '由分管副部长谈话提醒', entryId: null });
    const detail = (await call('GET', `/api/warnings/${warningId}`, sup)).json();
    expect(detail).toMatchObject({ status: 'handled', statusReason: '谈话提醒：由分管副部长谈话提醒' });
    expect(detail.history.map((e: any) => e.action)).toEqual(['raised', 'followup', 'handled']);
    expect(detail.history.find((e: any) => e.action === 'followup').reason).toBe('谈话提醒：由分管副部长谈话提醒');
    const [audit] = await q<{ object_id: string; details: any }>(sql`select object_id, details from audit_log where action = 'warning.followup' order by seq desc limit 1`);
    expect(audit).toMatchObject({ object_id: warningId, details: { action: 'talk' } });
    const [row] = await q<{ cadre_id: string; org_id: string; subject_type: string }>(sql`select cadre_id, org_id, subject_type from warning_followup where warning_id = ${warningId}`);
    expect(row).toEqual({ cadre_id: cadre('李四海'), org_id: city.countyA, subject_type: 'cadre' });
    const list = (await call('GET', `/api/warnings/${warningId}/followups`, sup)).json();
    expect(list).toHaveLength(1);
  });

  // Depends on the rules fact (warning_followup talk rows → a talk obligation), written beside this route.
  it('谈话提醒 immediately raises a talk obligation for the cadre', async () => {
    const found = await q<{ identity: string }>(sql`select identity from obligation where cadre_id = ${cadre('李四海')} and active and identity like '%followup:%'`);
    expect(found.length).toBeGreaterThan(0);
  });

  it('函询 needs its 约谈诫勉 entry of 方式 函询: another kind or 方式 is refused, the right one recorded', async () => {
    const noEntry = await call('POST', `/api/warnings/${warningId}/followups`, sup, { action: 'inquiry' });
    expect(noEntry.statusCode).toBe(400);
    expect(noEntry.json().issues[0].path).toBe('entryId');
    const aPetition = await create(petition('李四海', '2026-06-01'));
    const wrongKind = await call('POST', `/api/warnings/${warningId}/followups`, sup, { action: 'inquiry', entryId: aPetition });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().message).toContain('不是函询记录');
    const anAdmonition = await create(admonition('李四海', '诫勉'));
    expect((await call('POST', `/api/warnings/${warningId}/followups`, sup, { action: 'inquiry', entryId: anAdmonition })).statusCode).toBe(400);
    const otherCadre = await create(admonition('张三明', '函询'));
    expect((await call('POST', `/api/warnings/${warningId}/followups`, sup, { action: 'inquiry', entryId: otherCadre })).json().message).toContain('对象不一致');
    const inquiry = await create(admonition('李四海', '函询'));
    const ok = await call('POST', `/api/warnings/${warningId}/followups`, sup, { action: 'inquiry', entryId: inquiry, note: '函询并要求说明情况' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ action: 'inquiry', entryId: inquiry });
    const handledEvents = (await call('GET', `/api/warnings/${warningId}`, sup)).json().history.filter((e: any) => e.action === 'handled');
    expect(handledEvents).toHaveLength(1);
  });

  it('转联席会议 names the convener (a clear error without one) and lists the subject as 待上会议题', async () => {
    const none = await call('POST', `/api/warnings/${warningId}/followups`, sup, { action: 'meeting' });
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toContain('召集单位');
    await ctx.db.tx((tx) => tx.execute(sql`update org set managed_by = ${city.city} where id in (${city.countyA}, ${city.countyB})`));
    const r = await call('POST', `/api/warnings/${warningId}/followups`, sup, { action: 'meeting', note: '提请联席会议研判' });
    expect(r.statusCode, r.body).toBe(200);
    const agenda = (await call('GET', '/api/meetings/agenda', sup)).json();
    expect(agenda.total).toBe(1);
    expect(agenda.items[0]).toMatchObject({
      convenerId: city.city, convenerName: '青川市委', cadreName: '李四海', warningId, reason: '提请联席会议研判', subjectType: 'cadre',
    });
    expect((await call('GET', '/api/meetings/agenda', supB)).json()).toEqual({ items: [], total: 0 });
    expect((await call('GET', `/api/warnings/${warningId}/followups`, sup)).json().map((f: any) => f.action)).toEqual(['meeting', 'inquiry', 'talk']);
  });

  it('其他 needs a note; outside the jurisdiction the warning is 404', async () => {
    const noNote = await call('POST', `/api/warnings/${warningId}/followups`, sup, { action: 'other' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().issues[0].path).toBe('note');
    const outside = await call('POST', `/api/warnings/${warningId}/followups`, supB, { action: 'talk' });
    expect(outside.statusCode).toBe(404);
    expect((await call('GET', `/api/warnings/${warningId}/followups`, supB)).statusCode).toBe(404);
    const [count] = await q<{ n: number }>(sql`select count(*)::int as n from warning_followup where warning_id = ${warningId}`);
    expect(count?.n).toBe(3);
  });

  it('follow-ups and agenda items are append-only', async () => {
    const refused = async (text: ReturnType<typeof sql>) => {
      try {
        await ctx.db.tx((tx) => tx.execute(text));
        return null;
      } catch (e) {
        return pgErrorOf(e);
      }
    };
    for (const text of [
      sql`update warning_followup set note = '改写' where warning_id = ${warningId}`,
      sql`delete from warning_followup where warning_id = ${warningId}`,
      sql`update meeting_agenda_item set reason = '改写'`,
      sql`delete from meeting_agenda_item`,
    ]) {
      const e = await refused(text);
      expect(e?.code).toBe('42501');
      expect(e?.message).toMatch(/只允许追加/u);
    }
  });
});
