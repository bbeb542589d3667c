/**
 * The joint meeting's decisions through the API (issue 13 points 3, 4, 5, 7): conclusions raise, change and
 * cancel 督办事项; the department answers (with files, with a linked ledger record), the secretary returns and
 * closes; a leader signs off only when every subject has a conclusion, after which nothing changes; an overdue
 * 督办事项 is the secretary's 待办, then 义务逾期, and shows on the 工作台 by department; 成果共享 gives each
 * department exactly its own items, in its own scope, and the v1 API the same.
 */
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { sweepDue } from '../../src/services/supervision/jobs.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';
import { insertHeldMeeting } from '../support/meeting.ts';
import { EICAR, startFakeClamd } from '../support/clamd.ts';

let ctx: TestContext;
let city: SmallCity;
type Account = { cookie: string; login: string; password: string; id: string };
const acc: Record<'sup' | 'leader' | 'chief' | 'jw' | 'xf' | 'jwTown' | 'admin', Account> = {} as never;
let meetingId: string;
let subjects: string[];
let jwEntry: string;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

const req = (method: 'GET' | 'POST' | 'PUT', url: string, who: Account, payload?: object) =>
  ctx.app.inject({ method, url, headers: { cookie: who.cookie }, ...(payload ? { payload } : {}) });
const ok = async (p: ReturnType<typeof req>) => {
  const r = await p;
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const conclude = (sid: string, body: object) => req('PUT', `/api/meetings/${meetingId}/subjects/${sid}/conclusion`, acc.sup, body);

/** A multipart form (note, entryId, files). */
function answer(taskId: string, who: Account, fields: Record<string, string>, files: Array<{ name: string; data: Buffer }>) {
  const boundary = `----jiandu${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(f.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return ctx.app.inject({
    method: 'POST', url: `/api/meeting-tasks/${taskId}/answer`, payload: Buffer.concat(parts),
    headers: { cookie: who.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

/** Moves today; sessions expire when the clock jumps, so everyone signs in again (same accounts). */
async function setDay(day: string) {
  ctx.clock.setDate(day);
  for (const a of Object.values(acc)) {
    const r = await ctx.login(a.login, a.password);
    a.cookie = r.cookie!;
  }
}

const notes = async (who: Account) => (await ok(req('GET', '/api/notifications', who))).items.map((n: { title: string }) => n.title) as string[];

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.setDate('2026-06-15');
  city = await makeSmallCity(ctx);
  await ctx.db.tx((tx) => tx.execute(sql`update org set managed_by = ${city.city} where id in (${city.countyA}, ${city.countyB})`));
  acc.sup = await ctx.loginAs('supervisor', { scopeOrgId: city.city });
  acc.leader = await ctx.loginAs('leader', { scopeOrgId: city.city });
  acc.chief = await ctx.loginAs('chief', { scopeOrgId: city.city });
  acc.jw = await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'jw' });
  acc.xf = await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'xf' });
  acc.jwTown = await ctx.loginAs('member', { scopeOrgId: city.townA, departmentCode: 'jw' });
  acc.admin = await ctx.loginAs('sysadmin', {});
  const entry = async (body: object) => (await ok(req('POST', '/api/entries', acc.sup, body))).entryId as string;
  jwEntry = await entry({ kind: 'xfjb', sourceDept: 'jw', cadreId: city.cadres['张三明']!.id, occurredOn: '2026-03-01', summary: '反映其违规收受礼金', details: { channel: '来信', realName: true, status: '核查中' } });
  const xfEntry = await entry({ kind: 'xfjb', sourceDept: 'xf', cadreId: city.cadres['李四海']!.id, occurredOn: '2026-04-01', summary: '反映其作风粗暴', details: { channel: '来访', realName: true, status: '核查中' } });
  const c = (name: string) => city.cadres[name]!.id;
  ({ meetingId, subjectIds: subjects } = await insertHeldMeeting(ctx.db, {
    convenerId: city.city, heldOn: '2026-06-10', title: '2026年上半年干部监督联席会议', createdBy: acc.sup.id, createdByLogin: acc.sup.login, since: '2026-01-01',
  }, [
    { cadreId: c('张三明'), orgId: city.countyA, entries: [{ id: jwEntry, kind: 'xfjb', departmentCode: 'jw', date: '2026-03-01' }] },
    { cadreId: c('李四海'), orgId: city.countyA, entries: [{ id: xfEntry, kind: 'xfjb', departmentCode: 'xf', date: '2026-04-01' }] },
    { cadreId: c('王五'), orgId: city.countyB },
    { cadreId: c('赵六'), orgId: city.townA, removedReason: '已另案处理' },
  ]));
});

describe('the conclusion dictionary', () => {
  it('is read by supervisors and member departments, changed only with settings:rules, checked in Chinese', async () => {
    const kinds = await ok(req('GET', '/api/meetings/conclusion-kinds', acc.jw));
    expect(kinds.map((k: { name: string }) => k.name)).toEqual(['继续关注', '谈话提醒', '函询', '诫勉', '调整建议', '澄清正名', '可正常使用']);
    expect((await req('PUT', '/api/meetings/conclusion-kinds', acc.sup, kinds)).statusCode).toBe(403);
    const bad = await req('PUT', '/api/meetings/conclusion-kinds', acc.chief, [...kinds, { code: 'visit', name: '家访', action: true, department: 'nope', kinds: ['zzz'] }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('“家访”的台账类别“zzz”不存在');
    const added = await ok(req('PUT', '/api/meetings/conclusion-kinds', acc.chief, [...kinds, { code: 'visit', name: '家访', action: true, department: 'zzb', days: 15, kinds: [] }]));
    expect(added.at(-1)).toMatchObject({ code: 'visit', name: '家访', days: 15 });
    expect((await ok(req('GET', '/api/meetings/conclusion-kinds', acc.sup))).at(-1).name).toBe('家访');
  });
});

describe('会商研判 and 督办事项', () => {
  let taskId: string;
  it('an action conclusion raises a 督办事项 for the default department with the default deadline, and tells its contacts', async () => {
    const s = await ok(conclude(subjects[0]!, { conclusion: 'admonish', note: '由纪委监委诫勉' }));
    expect(s.conclusion).toMatchObject({ conclusion: 'admonish', conclusionName: '诫勉', departmentCode: 'jw', deadline: '2026-07-10', note: '由纪委监委诫勉' });
    expect(s.taskStatus).toBe('open');
    taskId = s.taskId;
    expect((await notes(acc.jw)).some((t) => t.includes('张三明') && t.includes('诫勉'))).toBe(true);
    expect(await notes(acc.jwTown)).toEqual([]); // its scope does not cover 张三明
    expect(await notes(acc.xf)).toEqual([]);
  });

  it('a changed conclusion updates the task; one that asks for nothing cancels it; a new action raises a new one', async () => {
    const changed = await ok(conclude(subjects[0]!, { conclusion: 'talk', departmentCode: 'jw', deadline: '2026-07-01' }));
    expect(changed.taskId).toBe(taskId);
    const cancelled = await ok(conclude(subjects[0]!, { conclusion: 'watch' }));
    expect(cancelled).toMatchObject({ taskId, taskStatus: 'cancelled', conclusion: { conclusionName: '继续关注', deadline: null } });
    const detail = await ok(req('GET', `/api/meeting-tasks/${taskId}`, acc.sup));
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual(['create', 'update', 'cancel']);
    const again = await ok(conclude(subjects[0]!, { conclusion: 'admonish' }));
    expect(again.taskId).not.toBe(taskId);
    taskId = again.taskId;
    const list = await ok(req('GET', `/api/meeting-tasks?meetingId=${meetingId}`, acc.sup));
    expect(list.items.map((t: { id: string }) => t.id)).toEqual([taskId]);
    expect((await ok(req('GET', `/api/meeting-tasks/count?meetingId=${meetingId}&status=cancelled`, acc.sup))).total).toBe(1);
  });

  it('refuses unknown conclusions, removed subjects and a missing department with Chinese messages', async () => {
    const unknown = await conclude(subjects[1]!, { conclusion: 'nonsense' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('不在研判结论字典中');
    const removed = await conclude(subjects[3]!, { conclusion: 'watch' });
    expect(removed.statusCode).toBe(409);
    expect(removed.json().message).toContain('赵六');
    expect((await conclude(subjects[1]!, { conclusion: 'clear' })).statusCode).toBe(200);
  });

  it('records attendance: members only, an absence needs its reason', async () => {
    const bad = await req('PUT', `/api/meetings/${meetingId}/attendance`, acc.sup, { rows: [{ departmentCode: 'fy', persons: [], present: false }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('缺席的原因');
    const d = await ok(req('PUT', `/api/meetings/${meetingId}/attendance`, acc.sup, {
      rows: [{ departmentCode: 'jw', persons: ['王明'], present: true }, { departmentCode: 'fy', persons: [], present: false, absenceReason: '庭审' }],
    }));
    expect(d.attendance).toHaveLength(2);
    expect(d.events.at(-1)).toMatchObject({ action: 'attendance' });
  });

  it('an attachment of a bad type is refused in Chinese and nothing is written', async () => {
    const r = await answer(taskId, acc.jw, { note: '已办理' }, [{ name: 'setup.exe', data: Buffer.from('MZ\x90\x00binary') }]);
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/setup\.exe/u);
    const d = await ok(req('GET', `/api/meeting-tasks/${taskId}`, acc.jw));
    expect(d.task.status).toBe('open');
    expect(d.events.map((e: { action: string }) => e.action)).toEqual(['create']);
    const [n] = await ctx.db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from meeting_task_attachment`));
    expect(n!.n).toBe(0);
    const clamd = await startFakeClamd();
    try {
      ctx.deps.config.clamd = { host: '127.0.0.1', port: clamd.port };
      const infected = await answer(taskId, acc.jw, { note: '已办理' }, [{ name: '说明.pdf', data: PDF }, { name: '说明.txt', data: EICAR }]);
      expect(infected.statusCode).toBe(400);
      expect(infected.json().message).toMatch(/[\u4e00-\u9fa5]/u);
      expect(clamd.scans).toHaveLength(2);
    } finally {
      ctx.deps.config.clamd = null;
      await clamd.close();
    }
    expect((await ok(req('GET', `/api/meeting-tasks/${taskId}`, acc.jw))).events).toHaveLength(1);
    const json = await req('POST', `/api/meeting-tasks/${taskId}/answer`, acc.jw, { note: '已办理' });
    expect(json.statusCode).toBe(415);
    expect(json.json().message).toContain('multipart/form-data');
    expect((await answer(taskId, acc.jw, {}, [])).json().message).toBe('请填写办理结果');
    // Files together over one attachment's 20 MB: refused before the form is read, nothing written.
    const half = Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024, 0x20)]);
    const big = await answer(taskId, acc.jw, { note: '已办理' }, [{ name: '一.pdf', data: half }, { name: '二.pdf', data: half }]);
    expect(big.statusCode).toBe(413);
    expect(big.json().message).toContain('合计不能超过 20 MB');
    expect((await ok(req('GET', `/api/meeting-tasks/${taskId}`, acc.jw))).events).toHaveLength(1);
  });

  it('the department answers with a file; the secretary is told; the file is stored encrypted and read back by those who may', async () => {
    const d = await answer(taskId, acc.jw, { note: '已约谈，见报告' }, [{ name: '约谈报告.pdf', data: PDF }]).then((r) => {
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    });
    expect(d.task).toMatchObject({ status: 'answered', answeredOn: '2026-06-15', entryId: null });
    const file = d.events.at(-1).attachments[0];
    expect(file).toMatchObject({ fileName: '约谈报告.pdf', size: PDF.length });
    expect((await notes(acc.sup)).some((t) => t.includes('已反馈督办事项'))).toBe(true);
    const [stored] = await ctx.db.tx((tx) => rows<{ data: Buffer }>(tx, sql`select data from meeting_task_attachment where id = ${file.id}`));
    expect(Buffer.from(stored!.data).includes(Buffer.from('%PDF'))).toBe(false);
    const down = await req('GET', `/api/meeting-tasks/${taskId}/attachments/${file.id}`, acc.jw);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(PDF)).toBe(true);
    expect((await req('GET', `/api/meeting-tasks/${taskId}/attachments/${file.id}`, acc.xf)).statusCode).toBe(404);
    expect((await req('GET', `/api/meeting-tasks/${taskId}`, acc.xf)).statusCode).toBe(404);
    expect((await answer(taskId, acc.jwTown, { note: '越权反馈' }, [])).statusCode).toBe(404); // its scope does not cover 张三明
    expect((await ok(req('GET', '/api/meeting-tasks', acc.xf))).items).toEqual([]);
  });

  it('returned with a reason, the department answers again linking its 诫勉 record, which fulfils the task; then 销号', async () => {
    expect((await req('POST', `/api/meeting-tasks/${taskId}/close`, acc.jw, {})).statusCode).toBe(403);
    const back = await ok(req('POST', `/api/meeting-tasks/${taskId}/return`, acc.sup, { reason: '请补充诫勉决定书' }));
    expect(back.task.status).toBe('returned');
    expect((await notes(acc.jw)).some((t) => t.includes('请补充诫勉决定书'))).toBe(true);
    const record = (await ok(req('POST', '/api/entries', acc.sup, {
      kind: 'ytjm', sourceDept: 'jw', cadreId: city.cadres['张三明']!.id, occurredOn: '2026-06-14', summary: '对其进行诫勉', details: { form: '诫勉', reason: '联席会议研判' },
    }))).entryId as string;
    const other = (await ok(req('POST', '/api/entries', acc.sup, {
      kind: 'ytjm', sourceDept: 'jw', cadreId: city.cadres['李四海']!.id, occurredOn: '2026-06-14', summary: '对其进行诫勉', details: { form: '诫勉', reason: '另案' },
    }))).entryId as string;
    const wrong = await answer(taskId, acc.jw, { note: '已诫勉', entryId: other }, []);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toContain('本督办事项对象');
    const d = await answer(taskId, acc.jw, { note: '已诫勉', entryId: record }, []).then((r) => r.json());
    expect(d.task).toMatchObject({ status: 'answered', entryId: record });
    expect(d.events.map((e: { action: string }) => e.action)).toEqual(['create', 'answer', 'return', 'answer', 'link']);
    const [ob] = (await ok(req('GET', `/api/obligations?type=meeting_task&cadreId=${city.cadres['张三明']!.id}`, acc.sup))).items;
    expect(ob).toMatchObject({ state: 'done', doneOn: '2026-06-14', doneBy: record, typeName: '联席会议督办事项' });
    const closed = await ok(req('POST', `/api/meeting-tasks/${taskId}/close`, acc.sup, { note: '已办结' }));
    expect(closed.task).toMatchObject({ status: 'closed', closedOn: '2026-06-15', statusName: '已销号' });
    expect((await conclude(subjects[0]!, { conclusion: 'watch' })).statusCode).toBe(409);
  });
});

describe('签批', () => {
  it('is a leader’s, refused while a subject on the agenda has no conclusion, naming it', async () => {
    expect((await req('POST', `/api/meetings/${meetingId}/approve`, acc.sup, {})).statusCode).toBe(403);
    const r = await req('POST', `/api/meetings/${meetingId}/approve`, acc.leader, {});
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('第3个议题（王五）尚无研判结论');
  });

  it('makes the minutes final and locks the conclusions; the secretary is told; audited', async () => {
    const s = await ok(conclude(subjects[2]!, { conclusion: 'inquiry', departmentCode: 'jw', deadline: '2026-06-20' }));
    expect(s.taskStatus).toBe('open');
    const m = await ok(req('POST', `/api/meetings/${meetingId}/approve`, acc.leader, { note: '同意' }));
    expect(m).toMatchObject({ status: 'minutes_final', statusName: '纪要已定稿', approvedByLogin: acc.leader.login, tasksOpen: 1 });
    const locked = await conclude(subjects[2]!, { conclusion: 'watch' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().message).toBe('纪要已定稿，研判结论不能再修改');
    expect((await req('POST', `/api/meetings/${meetingId}/approve`, acc.leader, {})).statusCode).toBe(409);
    expect((await notes(acc.sup)).some((t) => t.includes('纪要已签批'))).toBe(true);
    const [a] = await ctx.db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from audit_log where action = 'meeting.approve' and object_id = ${meetingId}`));
    expect(a!.n).toBe(1);
  });
});

describe('成果共享', () => {
  it('a 纪委 account sees exactly its items: what it reported (with the 身份证号) and what it is responsible for', async () => {
    const r = await ok(req('GET', '/api/meetings/shared', acc.jw));
    const byName = Object.fromEntries(r.items.map((i: { name: string }) => [i.name, i]));
    expect(Object.keys(byName).sort()).toEqual(['张三明', '王五'].sort());
    expect(byName['张三明']).toMatchObject({ why: 'responsible', conclusionName: '诫勉', idNumber: city.cadres['张三明']!.idNumber, taskStatus: 'closed' });
    expect(byName['王五']).toMatchObject({ why: 'responsible', conclusionName: '函询', idNumber: null, deadline: '2026-06-20' });
    expect(JSON.stringify(r)).not.toContain('李四海');
    expect(JSON.stringify(r)).not.toContain('摘要');
  });

  it('信访 sees its own, another scope nothing, a supervisor account is refused', async () => {
    const xf = await ok(req('GET', '/api/meetings/shared', acc.xf));
    expect(xf.items).toEqual([expect.objectContaining({ name: '李四海', why: 'reported', conclusionName: '可正常使用', idNumber: city.cadres['李四海']!.idNumber, taskId: null })]);
    expect((await ok(req('GET', '/api/meetings/shared', acc.jwTown))).items).toEqual([]);
    expect((await req('GET', '/api/meetings/shared', acc.sup)).statusCode).toBe(403);
  });

  it('the department system reads the same through GET /api/v1/meeting-items with its token, paged', async () => {
    const created = await ok(req('POST', '/api/api-tokens', acc.admin, { name: '纪委监委案管系统', departmentCode: 'jw', kinds: ['xfjb'], scopeOrgId: city.city }));
    const get = (q = '') => ctx.app.inject({ method: 'GET', url: `/api/v1/meeting-items${q}`, headers: { authorization: `Bearer ${created.token}` } });
    const first = await get('?limit=1');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().items).toHaveLength(1);
    const second = (await get(`?limit=1&cursor=${first.json().nextCursor}`)).json();
    const names = [first.json().items[0].name, second.items[0].name].sort();
    expect(names).toEqual(['张三明', '王五'].sort());
    expect(second.nextCursor).toBeNull();
    expect((await get('?since=2027-01-01')).json().items).toEqual([]);
    const forged = await get(`?cursor=${Buffer.from('["x","y"]').toString('base64url')}`);
    expect(forged.statusCode).toBe(400);
    expect(forged.json().message).toContain('翻页参数无效');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/meeting-items' })).statusCode).toBe(401);
    const [a] = await ctx.db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from audit_log where action = 'meeting.api-items'`));
    expect(a!.n).toBe(3); // the forged cursor read nothing
  });
});

describe('an overdue 督办事项', () => {
  it('is the secretary’s 待办, then 义务逾期 after the grace period, and on the 工作台 by department; 销号 closes the meeting', async () => {
    await setDay('2026-06-25');
    const wang = city.cadres['王五']!.id;
    const [ob] = (await ok(req('GET', `/api/obligations?type=meeting_task&cadreId=${wang}`, acc.sup))).items;
    expect(ob).toMatchObject({ state: 'overdue', dueOn: '2026-06-20', responsibleId: acc.sup.id, typeName: '联席会议督办事项' });
    expect(ob.title).toContain('函询');
    const overdue = await ok(req('GET', '/api/meeting-tasks?overdue=true', acc.jw));
    expect(overdue.items.map((t: { cadreName: string }) => t.cadreName)).toEqual(['王五']);
    await setDay('2026-07-25');
    await sweepDue(ctx.deps);
    const warnings = (await ok(req('GET', `/api/warnings?cadreId=${wang}&view=open`, acc.sup))).items as Array<{ rule: string; explanation: string }>;
    const late = warnings.find((w) => w.rule === 'obligation_overdue');
    expect(late?.explanation).toContain('督办事项');
    const board = await ok(req('GET', '/api/dashboard', acc.sup));
    expect(board.meetingTasks).toEqual([{ departmentCode: 'jw', departmentName: '纪委监委', open: 1, overdue: 1 }]);
    expect(board.meetingCadence).toMatchObject({ planned: 0 });
    const countyA = await ctx.loginAs('supervisor', { scopeOrgId: city.countyA });
    expect((await ok(req('GET', '/api/dashboard', countyA))).meetingTasks).toEqual([]); // 王五 is 西岭区's
    const [t] = overdue.items;
    await answer(t.id, acc.jw, { note: '已函询' }, []).then((r) => expect(r.statusCode, r.body).toBe(200));
    await ok(req('POST', `/api/meeting-tasks/${t.id}/close`, acc.sup, {}));
    const list = (await ok(req('GET', `/api/meetings?`, acc.sup))) as { items: Array<{ id: string; status: string }> };
    expect(list.items.find((m) => m.id === meetingId)?.status).toBe('closed');
    expect((await ok(req('GET', '/api/dashboard', acc.sup))).meetingTasks).toEqual([]);
  });
});
