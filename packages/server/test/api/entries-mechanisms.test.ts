/** The ledger kinds of the §4 mechanisms through the API: department rights from the migration, subjects, 容错纠错's target. */
import { beforeAll, describe, expect, it } from 'vitest';
import { drainJobs } from '../../src/services/jobs.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
let sup: string;
let jw: string;
let xf: string;
let teamA: string;
beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
  sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
  jw = (await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'jw' })).cookie;
  xf = (await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'xf' })).cookie;
  teamA = (await ctx.call('GET', `/api/orgs/${city.countyA}/team`, sup)).json().team.id;
});

const call: TestContext['call'] = (...a) => ctx.call(...a);
const cadre = (name: string) => city.cadres[name]!.id;
const issuesOf = (r: { json(): { issues?: Array<{ path: string; message: string }> } }) => r.json().issues ?? [];

const valid = (name: string) => ({
  txth: { cadreId: cadre(name), details: { talker: '市委组织部副部长', form: '个别谈心', trigger: '工作变动', points: '任职谈话：讲清岗位职责和廉洁要求' } },
  sxdt: { cadreId: cadre(name), details: { situation: '近期情绪低落，工作主动性下降' } },
  jypx: { cadreId: cadre(name), details: { institution: '省委党校', trainingType: '党校系统培训', from: '2025-03-03', to: '2025-03-28', hours: 160 } },
  dcyj: { teamId: teamA, details: { researchType: '全覆盖综合调研', findings: '班子整体运行良好', rating: '好' } },
  szyd: { teamId: teamA, details: { matterType: '重大项目安排', meeting: '县委常委会2025年第5次会议', collective: true, principalSpokeLast: true, attendees: 11 } },
  wcbb: { cadreId: cadre(name), details: { departOn: '2025-04-10', returnOn: '2025-04-12', destination: '省城', reason: '参加全省工作会议', actingPerson: '李四海', filedOn: '2025-04-08' } },
});

describe('the kinds of the mechanisms', () => {
  it('组织部 records each of them (the migration gave 组织部 the kinds); they show on the timeline', async () => {
    for (const [kind, body] of Object.entries(valid('张三明'))) {
      const r = await call('POST', '/api/entries', sup, { kind, sourceDept: 'zzb', occurredOn: '2025-04-20', summary: `${kind} 测试`, ...body });
      expect(r.statusCode, `${kind}: ${r.body}`).toBe(200);
    }
    const list = (await call('GET', `/api/entries?cadreId=${cadre('张三明')}`, sup)).json().items as Array<{ kind: string; kindName: string }>;
    expect(list.map((e) => e.kindName).sort()).toEqual(['外出报备', '思想波动', '教育培训', '谈心谈话'].sort());
    const team = (await call('GET', `/api/entries?teamId=${teamA}`, sup)).json().items as Array<{ kindName: string }>;
    expect(team.map((e) => e.kindName).sort()).toEqual(['三重一大决策', '调查研究'].sort());
  });

  it('the entry-kinds endpoint serves a form schema for each', async () => {
    const kinds = (await call('GET', '/api/entry-kinds', sup)).json() as Array<{ code: string; detailsSchema: { properties: Record<string, { title: string }> } }>;
    const rcjc = kinds.find((k) => k.code === 'rcjc')!;
    expect(rcjc.detailsSchema.properties.targetEntryId!.title).toBe('所涉台账记录编号');
    expect(kinds.find((k) => k.code === 'szyd')!.detailsSchema.properties.principalSpokeLast!.title).toBe('一把手末位表态');
    const jwKinds = (await call('GET', '/api/entry-kinds', jw)).json().map((k: { code: string }) => k.code);
    expect(jwKinds).toEqual(expect.arrayContaining(['szyd', 'rcjc']));
    expect(jwKinds).not.toContain('txth');
  });

  it('refuses a team for a cadre kind and a cadre for a team kind, naming the field', async () => {
    const talk = await call('POST', '/api/entries', sup, { kind: 'txth', sourceDept: 'zzb', occurredOn: '2025-04-20', summary: 'x', ...valid('张三明').txth, cadreId: undefined, teamId: teamA });
    expect(talk.statusCode).toBe(400);
    expect(issuesOf(talk)).toContainEqual({ path: 'teamId', message: '“谈心谈话”记录的对象是干部，不能指定领导班子' });
    const research = await call('POST', '/api/entries', sup, { kind: 'dcyj', sourceDept: 'zzb', occurredOn: '2025-04-20', summary: 'x', ...valid('张三明').dcyj, cadreId: cadre('张三明') });
    expect(issuesOf(research)).toContainEqual({ path: 'cadreId', message: '“调查研究”记录的对象是领导班子，不能指定干部' });
  });

  it('checks cross-field rules: a training ending before it starts, a return before departure', async () => {
    const training = await call('POST', '/api/entries', sup, {
      kind: 'jypx', sourceDept: 'zzb', occurredOn: '2025-04-20', summary: 'x', cadreId: cadre('王五'),
      details: { institution: '省委党校', trainingType: '专题培训', from: '2025-03-28', to: '2025-03-03', hours: 40 },
    });
    expect(issuesOf(training)).toEqual([{ path: 'details.to', message: '培训结束日期不能早于开始日期' }]);
    const travel = await call('POST', '/api/entries', sup, {
      kind: 'wcbb', sourceDept: 'zzb', occurredOn: '2025-04-20', summary: 'x', ...valid('王五').wcbb,
      details: { ...valid('王五').wcbb.details, returnOn: '2025-04-01' },
    });
    expect(issuesOf(travel)).toEqual([{ path: 'details.returnOn', message: '返回日期不能早于离开日期' }]);
  });

  it('a member department submits only its kinds: 纪委 a 三重一大 decision, 信访局 no 容错纠错', async () => {
    const d = await call('POST', '/api/submissions', jw, { kind: 'szyd', occurredOn: '2025-04-21', summary: '班子决策', ...valid('赵六').szyd });
    expect(d.statusCode, d.body).toBe(200);
    const talk = await call('POST', '/api/submissions', jw, { kind: 'txth', occurredOn: '2025-04-21', summary: 'x', ...valid('赵六').txth });
    expect(issuesOf(talk)[0]).toMatchObject({ path: 'sourceDept', message: expect.stringContaining('不报送') });
    const own = await call('POST', '/api/entries', sup, {
      kind: 'xfjb', sourceDept: 'xf', cadreId: cadre('赵六'), occurredOn: '2025-03-01', summary: '反映问题', details: { channel: '来信', realName: false, status: '受理' },
    });
    const r = await call('POST', '/api/submissions', xf, {
      kind: 'rcjc', occurredOn: '2025-04-21', summary: 'x', cadreId: cadre('赵六'),
      details: { targetEntryId: own.json().entryId, distinction: '为推动发展的无意过失', decision: '免责' },
    });
    expect(issuesOf(r)[0]).toMatchObject({ path: 'sourceDept' });
  });
});

describe('容错纠错 names an entry of the same cadre', () => {
  let punishment: string;
  beforeAll(async () => {
    punishment = (await call('POST', '/api/entries', sup, {
      kind: 'cfwz', sourceDept: 'jw', cadreId: cadre('李四海'), occurredOn: '2025-02-10', summary: '项目推进中程序不规范',
      details: { category: '问责', measure: '诫勉' },
    })).json().entryId;
  });
  const decision = (cadreId: string, targetEntryId: string) => ({
    kind: 'rcjc', sourceDept: 'zzb', cadreId, occurredOn: '2025-05-06', summary: '容错纠错认定',
    details: { targetEntryId, distinction: '因缺乏经验、先行先试出现的失误和错误', decision: '免责', measures: '完善项目审批流程' },
  });

  it('accepted when the target is an entry of that cadre', async () => {
    const r = await call('POST', '/api/entries', sup, decision(cadre('李四海'), punishment));
    expect(r.statusCode, r.body).toBe(200);
    const e = (await call('GET', `/api/entries/${r.json().entryId}`, sup)).json().entry;
    expect(e.details).toMatchObject({ targetEntryId: punishment, decision: '免责' });
    // 纪委 may record one too (as a pending submission).
    const j = await call('POST', '/api/submissions', jw, { ...decision(cadre('李四海'), punishment), sourceDept: undefined });
    expect(j.statusCode, j.body).toBe(200);
  });

  it('refused when the target is another cadre’s entry, unknown, withdrawn, or itself a 容错纠错', async () => {
    const message = '所涉台账记录编号：该干部的台账中没有这条记录（或已撤销）';
    const other = await call('POST', '/api/entries', sup, decision(cadre('张珊'), punishment));
    expect(other.statusCode).toBe(400);
    expect(issuesOf(other)).toEqual([{ path: 'details.targetEntryId', message }]);
    const unknown = await call('POST', '/api/entries', sup, decision(cadre('李四海'), '0190a1b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b'));
    expect(issuesOf(unknown)).toEqual([{ path: 'details.targetEntryId', message }]);
    const malformed = await call('POST', '/api/entries', sup, decision(cadre('李四海'), '青纪〔2025〕3号'));
    expect(issuesOf(malformed)[0]).toMatchObject({ path: 'details.targetEntryId', message: expect.stringContaining('所涉台账记录编号应为') });

    const gone = (await call('POST', '/api/entries', sup, {
      kind: 'cfwz', sourceDept: 'jw', cadreId: cadre('李四海'), occurredOn: '2025-02-11', summary: '重复录入', details: { category: '问责', measure: '通报' },
    })).json().entryId;
    await call('POST', `/api/entries/${gone}/withdraw`, sup, { baseVersion: 1, reason: '重复录入' });
    expect(issuesOf(await call('POST', '/api/entries', sup, decision(cadre('李四海'), gone)))).toEqual([{ path: 'details.targetEntryId', message }]);

    const first = (await call('POST', '/api/entries', sup, decision(cadre('李四海'), punishment))).json().entryId;
    const chained = await call('POST', '/api/entries', sup, decision(cadre('李四海'), first));
    expect(issuesOf(chained)[0]).toMatchObject({ path: 'details.targetEntryId', message: expect.stringContaining('不能指向另一条容错纠错记录') });
  });

  it('a correction is checked again', async () => {
    const { entryId } = (await call('POST', '/api/entries', sup, decision(cadre('李四海'), punishment))).json();
    const other = (await call('POST', '/api/entries', sup, {
      kind: 'ytjm', sourceDept: 'zzb', cadreId: cadre('张珊'), occurredOn: '2025-01-05', summary: '谈话提醒', details: { form: '谈话提醒', reason: '工作作风' },
    })).json().entryId;
    const c = await call('POST', `/api/entries/${entryId}/correct`, sup, { ...decision(cadre('李四海'), other), kind: undefined, sourceDept: undefined, baseVersion: 1, reason: '更正所涉记录' });
    expect(c.statusCode).toBe(400);
    expect(issuesOf(c)[0]).toMatchObject({ path: 'details.targetEntryId' });
  });
});

describe('容错纠错 from a sheet', () => {
  it('each row’s target is checked like the form’s: another cadre’s entry is refused, by row and column', async () => {
    const mk = async (name: string) => (await call('POST', '/api/entries', sup, {
      kind: 'cfwz', sourceDept: 'jw', cadreId: cadre(name), occurredOn: '2025-02-10', summary: '履职不力被问责', details: { category: '问责', measure: '诫勉' },
    })).json().entryId as string;
    const own = await mk('李四海');
    const other = await mk('王五');
    const csv = [
      '姓名,身份证号,发生日期,所涉台账记录编号,三个区分开来情形,容错决定,摘要',
      `李四海,${city.cadres['李四海']!.idNumber},2025-06-01,${own},为推动发展的无意过失,免责,经认定予以免责`,
      `李四海,${city.cadres['李四海']!.idNumber},2025-06-02,${other},为推动发展的无意过失,免责,指向他人的记录`,
    ].join('\n');
    const up = await ctx.postFile(`/api/imports?kind=rcjc&source=zzb&name=${encodeURIComponent('容错纠错.csv')}`, sup, Buffer.from(csv, 'utf8'));
    expect(up.statusCode, up.body).toBe(200);
    const id = up.json().batch.id;
    expect((await call('POST', `/api/imports/${id}/check`, sup, {})).statusCode).toBe(200);
    await drainJobs();
    expect((await call('GET', `/api/imports/${id}`, sup)).json()).toMatchObject({ status: 'checked', valid: 1, rejected: 1 });
    const issues = (await call('GET', `/api/imports/${id}/issues`, sup)).json() as Array<{ row: number; column: string; message: string }>;
    expect(issues).toEqual([expect.objectContaining({ row: 3, column: '所涉台账记录编号', message: expect.stringContaining('该干部的台账中没有这条记录') })]);
  });
});
