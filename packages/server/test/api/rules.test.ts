/**
 * The rules engine through the API, as a supervisor lives it: an entry raises or clears a warning in the
 * same request, warnings keep their identity and lifecycle, eligibility explains itself, obligations follow
 * the facts, settings re-evaluate, scope holds everywhere.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { drainJobs } from '../../src/services/jobs.ts';
import { startFullEvaluation, sweepDue } from '../../src/services/supervision/jobs.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
let sup: string;
let supB: string;
let leader: string;
let chief: string;
let member: string;
const call: TestContext['call'] = (...a) => ctx.call(...a);
const put = (url: string, cookie: string, payload: object) => ctx.app.inject({ method: 'PUT', url, headers: { cookie }, payload });

/** Moves today (sessions expire when the clock jumps, so everyone signs in again). */
async function setDay(day: string) {
  ctx.clock.setDate(day);
  sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
  supB = (await ctx.loginAs('supervisor', { scopeOrgId: city.countyB })).cookie;
  leader = (await ctx.loginAs('leader', { scopeOrgId: city.city })).cookie;
  chief = (await ctx.loginAs('chief', { scopeOrgId: city.city })).cookie;
  member = (await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'xf' })).cookie;
}

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.setDate('2026-06-15');
  city = await makeSmallCity(ctx);
  await setDay('2026-06-15');
});

const cadre = (name: string) => city.cadres[name]!.id;
const petition = (name: string, occurredOn: string, details: object = { channel: '来信', realName: true, status: '核查中' }) => ({
  kind: 'xfjb', sourceDept: 'xf', cadreId: cadre(name), occurredOn, summary: '反映其违规收受礼金', details,
});
const create = async (cookie: string, body: object) => {
  const r = await call('POST', '/api/entries', cookie, body);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().entryId as string;
};
const warningsOf = async (name: string, view = 'open', cookie = sup) => (await call('GET', `/api/warnings?cadreId=${cadre(name)}&view=${view}`, cookie)).json().items as any[];

describe('warnings follow the ledger in the same request', () => {
  let first: string;
  let second: string;
  it('two petitions within 12 months raise 信访集中 (黄) with both as evidence and a sentence that explains it', async () => {
    first = await create(sup, petition('李四海', '2026-01-10'));
    expect((await warningsOf('李四海')).filter((w) => w.rule === 'petition_cluster')).toHaveLength(0);
    second = await create(sup, petition('李四海', '2026-05-20'));
    const [w] = (await warningsOf('李四海')).filter((x) => x.rule === 'petition_cluster');
    expect(w).toMatchObject({ ruleName: '信访集中', colour: 'yellow', status: 'new', active: true, cadreName: '李四海', evidence: [first, second] });
    expect(w.explanation).toContain('2026-01-10');
    expect(w.explanation).toContain('2026-05-20');
    const detail = (await call('GET', `/api/warnings/${w.id}`, sup)).json();
    expect(detail.evidenceEntries.map((e: any) => e.kindName)).toEqual(['信访举报', '信访举报']);
    expect(detail.history[0]).toMatchObject({ action: 'raised', colour: 'yellow' });
  });

  it('a petition found 属实 turns it red — the same warning, reopened if it had been read', async () => {
    const [w] = (await warningsOf('李四海')).filter((x) => x.rule === 'petition_cluster');
    expect((await call('POST', '/api/warnings/status', sup, { ids: [w.id], status: 'read' })).json()).toEqual({ updated: 1 });
    const cur = (await call('GET', `/api/entries/${second}`, sup)).json().entry;
    const r = await call('POST', `/api/entries/${second}/correct`, sup, {
      ...petition('李四海', '2026-05-20', { channel: '来信', realName: true, status: '办结', result: '属实' }), kind: undefined, sourceDept: undefined,
      baseVersion: cur.version, reason: '核查办结',
    });
    expect(r.statusCode, r.body).toBe(200);
    const [after] = (await warningsOf('李四海')).filter((x) => x.rule === 'petition_cluster');
    expect(after).toMatchObject({ id: w.id, colour: 'red', status: 'new' });
  });

  it('withdrawing a petition clears the warning; it stays readable with view=all', async () => {
    const cur = (await call('GET', `/api/entries/${first}`, sup)).json().entry;
    expect((await call('POST', `/api/entries/${first}/withdraw`, sup, { baseVersion: cur.version, reason: '重复录入' })).statusCode).toBe(200);
    expect((await warningsOf('李四海')).filter((x) => x.rule === 'petition_cluster')).toHaveLength(0);
    const all = (await warningsOf('李四海', 'all')).filter((x) => x.rule === 'petition_cluster');
    expect(all).toHaveLength(1);
    expect(all[0].active).toBe(false);
  });
});

describe('lifecycle', () => {
  it('已处置 / 已排除 need a reason; a bulk change is audited and leaves the open list', async () => {
    await create(sup, { kind: 'gbcc', sourceDept: 'zzb', cadreId: cadre('赵六'), occurredOn: '2026-03-01', summary: '2026年个人有关事项随机抽查', details: { year: 2026, checkType: '随机抽查', result: '漏报' } });
    const [w] = (await warningsOf('赵六')).filter((x) => x.rule === 'personal_report');
    expect(w).toMatchObject({ colour: 'yellow' });
    const noReason = await call('POST', '/api/warnings/status', sup, { ids: [w.id], status: 'dismissed' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('须填写理由');
    const ok = await call('POST', '/api/warnings/status', sup, { ids: [w.id], status: 'handled', reason: '已责令限期更正' });
    expect(ok.json()).toEqual({ updated: 1 });
    expect((await warningsOf('赵六')).filter((x) => x.rule === 'personal_report')).toHaveLength(0);
    const [audit] = await ctx.db.tx((tx) => rows<{ action: string; reason: string }>(tx, sql`select action, reason from audit_log where action = 'warning.handled' order by seq desc limit 1`));
    expect(audit).toEqual({ action: 'warning.handled', reason: '已责令限期更正' });
    const leaderTry = await call('POST', '/api/warnings/status', leader, { ids: [w.id], status: 'read' });
    expect(leaderTry.statusCode).toBe(403);
  });
});

describe('eligibility', () => {
  it('a running 党纪处分 makes a cadre 不宜 until its end, with the entry as evidence; audited', async () => {
    const id = await create(sup, { kind: 'cfwz', sourceDept: 'jw', cadreId: cadre('王五'), occurredOn: '2026-02-10', summary: '违反中央八项规定精神', details: { category: '党纪处分', measure: '警告' } });
    const r = (await call('GET', `/api/cadres/${cadre('王五')}/eligibility`, sup)).json();
    expect(r.result).toBe('不宜');
    // Unit and post written once (西岭区委 + 区委书记), as on the .docx.
    expect(r.cadre.title).toBe('西岭区委书记');
    const reason = r.reasons.find((x: any) => x.verdict === '不宜');
    expect(reason.until).toBe('2027-02-10');
    expect(reason.evidence.map((e: any) => e.entryId)).toContain(id);
    const [audit] = await ctx.db.tx((tx) => rows<{ object_id: string }>(tx, sql`select object_id from audit_log where action = 'eligibility.read' order by seq desc limit 1`));
    expect(audit!.object_id).toBe(cadre('王五'));
    const docx = await call('GET', `/api/cadres/${cadre('王五')}/eligibility.docx`, sup);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('a cadre with nothing against them may be used', async () => {
    expect((await call('GET', `/api/cadres/${cadre('张珊')}/eligibility`, sup)).json()).toMatchObject({ result: '可以使用', reasons: [] });
  });

  it('out of scope is 404, and members have no access', async () => {
    expect((await call('GET', `/api/cadres/${cadre('李四海')}/eligibility`, supB)).statusCode).toBe(404);
    expect((await call('GET', `/api/cadres/${cadre('李四海')}/eligibility`, member)).statusCode).toBe(403);
  });
});

describe('obligations', () => {
  it('a tenure change creates a talk due in 30 days; a talk record fulfils it', async () => {
    const team = (await call('GET', `/api/orgs/${city.countyA}/team`, sup)).json().team.id;
    const t = await call('POST', `/api/cadres/${cadre('张珊')}/tenures`, sup, { teamId: team, title: '县委副书记', isPrincipal: false, domains: ['党建'], startDate: '2026-06-01' });
    expect(t.statusCode, t.body).toBe(200);
    const talk = () => call('GET', `/api/obligations?cadreId=${cadre('张珊')}&type=talk`, sup).then((r) => r.json().items as any[]);
    const [o] = await talk();
    expect(o).toMatchObject({ typeName: '谈心谈话', triggeredOn: '2026-06-01', dueOn: '2026-07-01', state: 'pending', doneOn: null });
    await setDay('2026-07-02');
    expect((await talk())[0].state).toBe('overdue');
    await create(sup, { kind: 'txth', sourceDept: 'zzb', cadreId: cadre('张珊'), occurredOn: '2026-07-02', summary: '任职谈话', details: { talker: '组织部副部长', form: '个别谈心', trigger: '工作变动', points: '提醒廉洁履职' } });
    expect((await talk())[0]).toMatchObject({ state: 'done', doneOn: '2026-07-02' });
    await setDay('2026-06-15');
  });

  it('a half-year without a joint meeting is due; a meeting held fulfils it', async () => {
    await ctx.db.tx((tx) => tx.execute(sql`update org set managed_by = ${city.city} where id in (${city.countyA}, ${city.countyB})`));
    const conveners = (await call('GET', '/api/meetings/conveners', sup)).json();
    expect(conveners.map((c: any) => c.id)).toEqual([city.city]);
    const m = await call('POST', '/api/meetings', sup, { convenerId: city.city, heldOn: '2026-06-10', title: '2026年上半年干部监督联席会议' });
    expect(m.statusCode, m.body).toBe(200);
    // A meeting in 筹备 fulfils nothing: registered as held (已召开), it does.
    expect(m.json().status).toBe('planned');
    const held = await call('POST', `/api/meetings/${m.json().id}/hold`, sup, {});
    expect(held.statusCode, held.body).toBe(200);
    const list = (await call('GET', '/api/obligations?type=joint_meeting', sup)).json().items as any[];
    expect(list.find((x) => x.dueOn === '2026-06-30')).toMatchObject({ state: 'done', doneOn: '2026-06-10' });
    expect((await call('POST', '/api/meetings', leader, { convenerId: city.city, heldOn: '2026-06-10', title: 'x' })).statusCode).toBe(403);
  });
});

describe('settings', () => {
  it('leaders read but cannot change; a chief changes a threshold, it is audited and everything is re-evaluated', async () => {
    const view = (await call('GET', '/api/rules/settings', leader)).json();
    expect(view.settings.petition.threshold).toBe(2);
    expect(view.rules.find((r: any) => r.code === 'petition_cluster')).toMatchObject({ name: '信访集中', enabled: true });
    expect((await put('/api/rules/settings', leader, view.settings)).statusCode).toBe(403);
    expect((await put('/api/rules/settings', sup, view.settings)).statusCode).toBe(403);

    await create(sup, petition('张三明', '2026-02-01'));
    await create(sup, petition('张三明', '2026-04-01'));
    expect((await warningsOf('张三明')).some((w) => w.rule === 'petition_cluster')).toBe(true);

    const bad = await put('/api/rules/settings', chief, { ...view.settings, petition: { windowMonths: 12, threshold: 0 } });
    expect(bad.statusCode).toBe(400);
    const job = await put('/api/rules/settings', chief, { ...view.settings, petition: { windowMonths: 12, threshold: 3 } });
    expect(job.statusCode, job.body).toBe(200);
    expect(job.json().status).toBe('running');
    await drainJobs();
    expect((await call('GET', '/api/rules/jobs/latest', chief)).json()).toMatchObject({ status: 'done', reason: '规则设置变更（信访集中）' });
    expect((await warningsOf('张三明')).some((w) => w.rule === 'petition_cluster')).toBe(false);
    const [audit] = await ctx.db.tx((tx) => rows<{ details: any }>(tx, sql`select details from audit_log where action = 'settings.rules' order by seq desc limit 1`));
    expect(JSON.stringify(audit!.details)).toContain('petition');
    // Back to the default for the tests after this one.
    await put('/api/rules/settings', chief, view.settings);
    await drainJobs();
  });
});

describe('scope and the 工作台', () => {
  it('a county supervisor sees only the county’s warnings; another county’s warning is 404', async () => {
    const all = (await call('GET', '/api/warnings?view=all&limit=200', sup)).json().items as any[];
    const inA = all.find((w) => w.cadreId === cadre('李四海'))!;
    const mine = (await call('GET', '/api/warnings?view=all&limit=200', supB)).json().items as any[];
    expect(mine.every((w) => w.orgName !== '东平县委')).toBe(true);
    expect(mine.some((w) => w.cadreId === cadre('王五'))).toBe(true);
    expect((await call('GET', `/api/warnings/${inA.id}`, supB)).statusCode).toBe(404);
    expect((await call('POST', '/api/warnings/status', supB, { ids: [inA.id], status: 'read' })).statusCode).toBe(404);
    expect((await call('GET', '/api/warnings', member)).statusCode).toBe(403);
  });

  it('every number on the 工作台 is what its list says', async () => {
    const d = (await call('GET', '/api/dashboard', sup)).json();
    for (const colour of ['red', 'yellow', 'blue'] as const) {
      const list = (await call('GET', `/api/warnings?colour=${colour}&limit=200`, sup)).json().items;
      expect(d.warnings[colour], colour).toBe(list.length);
    }
    const byArea = d.warningsByArea.find((a: any) => a.orgId === city.countyA);
    const listA = (await call('GET', `/api/warnings?orgId=${city.countyA}&limit=200`, sup)).json().items;
    expect(byArea.red + byArea.yellow + byArea.blue).toBe(listA.length);
    const overdue = (await call('GET', '/api/obligations?state=overdue&limit=200', sup)).json().items;
    expect(d.obligations.overdue).toBe(overdue.length);
    const xf = d.entriesBySource.filter((x: any) => x.sourceDept === 'xf');
    expect(xf.length).toBeGreaterThan(0);
    for (const cell of xf) {
      const listed = (await call('GET', `/api/entries?sourceDept=xf&month=${cell.month}&status=accepted&limit=200`, sup)).json().items;
      expect(listed.length, cell.month).toBe(cell.count);
    }
    const inB = (await call('GET', `/api/entries?orgId=${city.countyB}&limit=200`, sup)).json().items as any[];
    expect(inB.length).toBeGreaterThan(0);
    expect(inB.every((e) => e.cadreName === '王五')).toBe(true);
    const training = (await call('GET', `/api/obligations?type=training&year=${d.year}&limit=200`, sup)).json().items;
    expect(d.coverage.training.total).toBe(training.length);
  });

  it('exports the warnings as .xlsx, audited', async () => {
    const r = await call('GET', '/api/warnings/export.xlsx?view=all', sup);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const [audit] = await ctx.db.tx((tx) => rows<{ action: string }>(tx, sql`select action from audit_log where action = 'export.warnings' limit 1`));
    expect(audit).toBeTruthy();
  });
});

describe('time alone', () => {
  it('the sweep re-evaluates subjects whose review day has come: an impact period that ended no longer warns', async () => {
    const running = (await warningsOf('王五', 'active')).filter((w) => w.rule === 'impact_running');
    expect(running).toHaveLength(1);
    expect(running[0].until).toBe('2027-02-10');
    await setDay('2027-02-10');
    expect(await sweepDue(ctx.deps)).toBeGreaterThan(0);
    expect((await warningsOf('王五', 'active')).filter((w) => w.rule === 'impact_running')).toHaveLength(0);
    expect((await call('GET', `/api/cadres/${cadre('王五')}/eligibility`, sup)).json().reasons.some((r: any) => r.rule === '影响期内')).toBe(false);
    // Nothing is due again on the same day: a second sweep finds nothing to do.
    expect(await sweepDue(ctx.deps)).toBe(0);
    await setDay('2026-06-15');
  });
});

describe('a re-evaluation asked for while one runs', () => {
  it('runs again after the running one, so a change made meanwhile reaches every subject', async () => {
    const first = await startFullEvaluation(ctx.deps, null, '手动发起');
    const second = await startFullEvaluation(ctx.deps, null, '规则设置变更（信访集中）');
    expect(second.id).toBe(first.id); // the running one is answered …
    await drainJobs();
    const jobs = await ctx.db.tx((tx) => rows<{ reason: string; status: string }>(tx, sql`
      select reason, status from rule_job where reason in ('手动发起', '规则设置变更（信访集中）（提出时上一次评估尚在进行，随后重新评估）') order by reason`));
    // … and another follows it.
    expect(jobs).toEqual([
      { reason: '手动发起', status: 'done' },
      { reason: '规则设置变更（信访集中）（提出时上一次评估尚在进行，随后重新评估）', status: 'done' },
    ]);
  });
});

describe('dictionaries', () => {
  it('a chief edits a dictionary (audited) and forms check against it; unknown ones and leaders are refused', async () => {
    const put = (cookie: string, body: object) => ctx.app.inject({ method: 'PUT', url: '/api/rules/dictionaries', headers: { cookie }, payload: body });
    const before = (await call('GET', '/api/rules/settings', chief)).json().dictionaries.petitionChannel as string[];
    expect((await put(leader, { petitionChannel: [...before, '信访信息系统'] })).statusCode).toBe(403);
    const unknown = await put(chief, { 没有这个字典: ['x'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('未知的字典');
    expect((await put(chief, { petitionChannel: [...before, '信访信息系统'] })).json()).toEqual({ ok: true });
    expect((await call('GET', '/api/rules/settings', leader)).json().dictionaries.petitionChannel).toContain('信访信息系统');
    const r = await call('POST', '/api/entries', sup, petition('张珊', '2026-06-01', { channel: '信访信息系统', realName: false, status: '受理' }));
    expect(r.statusCode, r.body).toBe(200);
    const [audit] = await ctx.db.tx((tx) => rows<{ details: any }>(tx, sql`select details from audit_log where action = 'settings.dictionaries' order by seq desc limit 1`));
    expect(JSON.stringify(audit!.details)).toContain('petitionChannel');
  });
});
