/**
 * Issue 11.4–11.5 through the real import (HTTP, PGlite): every kind's sheet written only with the words a
 * department uses (no template label), the audit sheet with 审计发现问题 / 问题数（个） and 整改完成情况, an
 * ambiguous header that stops the check until it is decided, and an annual result dated from its year.
 */
import ExcelJS from 'exceljs';
import { ENTRY_KIND, ENTRY_KINDS, kindColumns, DEFAULT_DICTIONARIES } from '@jiandu/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { drainJobs } from '../../src/services/jobs.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
let sup: string;
beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
  sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
});

async function xlsx(...list: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表1');
  for (const r of list) ws.addRow(r as ExcelJS.CellValue[]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const sourceOf = (kind: string) => ENTRY_KINDS.find((k) => k.code === kind)!.departments[0]!;

async function upload(kind: string, data: Buffer) {
  const r = await ctx.postFile(`/api/imports?kind=${kind}&source=${sourceOf(kind)}&name=${kind}.xlsx`, sup, data);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

async function checkAndCommit(id: string, body: object = {}) {
  const c = await ctx.call('POST', `/api/imports/${id}/check`, sup, body);
  expect(c.statusCode, c.body).toBe(200);
  await drainJobs();
  const checked = (await ctx.call('GET', `/api/imports/${id}`, sup)).json();
  const issues = (await ctx.call('GET', `/api/imports/${id}/issues`, sup)).json();
  expect(checked.status, JSON.stringify(checked.error)).toBe('checked');
  expect(issues).toEqual([]);
  const done = await ctx.call('POST', `/api/imports/${id}/commit`, sup);
  expect(done.statusCode, done.body).toBe(200);
  expect(done.json()).toMatchObject({ status: 'done', imported: 1 });
  return done.json();
}

async function entriesOf(batchId: string) {
  return (await ctx.call('GET', `/api/entries?batchId=${batchId}`, sup)).json().items as Array<Record<string, unknown>>;
}

const K = ENTRY_KIND;
const 张 = () => city.cadres['张三明']!.idNumber;
let disciplineEntryId = '';

/** Each kind: headers only in a department's own words, one valid row, what the entry must hold. */
const CASES: Array<{ kind: string; headers: string[]; row: () => unknown[]; occurredOn: string; details: () => Record<string, unknown>; team?: boolean }> = [
  { kind: K.integrityAssessment, headers: ['被考核人', '公民身份号码', '考核年份', '考核等级', '考核时间'], row: () => ['张三明', 张(), 2024, '好', '2025-01-10'], occurredOn: '2025-01-10', details: () => ({ year: 2024, grade: '好' }) },
  {
    kind: K.inspection, headers: ['干部姓名', '身份证号码', '巡视轮次', '问题分类', '反馈问题', '整改时限', '整改落实情况', '巡察反馈时间'],
    row: () => ['张三明', 张(), '市委第三轮', '整改不到位', '整改不彻底', '2025-06-30', '已整改', '2025-03-01'], occurredOn: '2025-03-01',
    details: () => ({ round: '市委第三轮', problemCategories: ['整改不到位'], problems: '整改不彻底', rectificationDeadline: '2025-06-30', rectificationStatus: '已整改' }),
  },
  { kind: K.annualAssessment, headers: ['干部姓名', '公民身份号码', '考核年份', '考核结果'], row: () => ['张三明', 张(), 2024, '称职'], occurredOn: '2024-12-31', details: () => ({ year: 2024, grade: '称职' }) },
  {
    kind: K.personalReportCheck, headers: ['查核对象', '公民身份号码', '查核年度', '抽查方式', '查核结论', '漏报瞒报事项', '处理措施', '查核时间'],
    row: () => ['张三明', 张(), 2024, '随机抽查', '漏报', '少报房产一套', '批评教育', '2025-02-01'], occurredOn: '2025-02-01',
    details: () => ({ year: 2024, checkType: '随机抽查', result: '漏报', items: '少报房产一套', handling: '批评教育' }),
  },
  {
    kind: K.selectionReview, team: true, headers: ['单位名称', '评议年份', '选人用人满意率', '排名', '参评单位数', '新提拔干部认可率', '民主评议时间'],
    row: () => ['东平县委', 2024, 92.5, 3, 10, 88, '2025-01-20'], occurredOn: '2025-01-20',
    details: () => ({ year: 2024, satisfactionRate: 92.5, rank: 3, rankOf: 10, recognitionRate: 88 }),
  },
  {
    kind: K.economicAudit, headers: ['被审计领导干部', '身份证号码', '审计种类', '审计起始时间', '审计截止时间', '问题个数', '涉及资金', '审计结论', '是否存在严重问题', '整改截止时间', '整改完成情况', '审计报告时间'],
    row: () => ['张三明', 张(), '离任审计', '2021-01-01', '2024-12-31', 2, 30, '较好', '否', '2025-06-30', '已整改', '2025-03-15'], occurredOn: '2025-03-15',
    details: () => ({ auditType: '离任审计', periodFrom: '2021-01-01', periodTo: '2024-12-31', findingsCount: 2, amount: 30, conclusion: '较好', serious: false, rectificationDeadline: '2025-06-30', rectificationStatus: '已整改' }),
  },
  { kind: K.admonition, headers: ['约谈对象', '公民身份号码', '约谈方式', '约谈事由', '影响期限', '诫勉时间'], row: () => ['张三明', 张(), '诫勉', '工作失职', 6, '2025-04-01'], occurredOn: '2025-04-01', details: () => ({ form: '诫勉', reason: '工作失职', impactMonths: 6 }) },
  {
    kind: K.petition, headers: ['被反映人姓名', '公民身份号码', '信访渠道', '是否实名举报', '办理进度', '核实结果', '来信来访时间', '反映内容'],
    row: () => ['张三明', 张(), '来信', '是', '办结', '失实', '2025-02-02', '反映其违规收礼'], occurredOn: '2025-02-02',
    details: () => ({ channel: '来信', realName: true, status: '办结', result: '失实' }),
  },
  {
    kind: K.discipline, headers: ['受处分人', '公民身份号码', '处分类别', '处分种类', '作出决定时间', '处分时间', '决定书文号'],
    row: () => ['张三明', 张(), '党纪处分', '警告', '2025-05-01', '2025-05-01', '青纪〔2025〕9号'], occurredOn: '2025-05-01',
    details: () => ({ category: '党纪处分', measure: '警告', decisionDate: '2025-05-01' }),
  },
  { kind: K.judicialRecord, headers: ['当事人姓名', '公民身份号码', '信息类别', '立案时间'], row: () => ['张三明', 张(), '涉诉案件', '2025-01-05'], occurredOn: '2025-01-05', details: () => ({ category: '涉诉案件' }) },
  { kind: K.award, headers: ['获奖人', '公民身份号码', '表彰层级', '荣誉称号', '授予时间'], row: () => ['张三明', 张(), '市级', '优秀共产党员', '2025-07-01'], occurredOn: '2025-07-01', details: () => ({ level: '市级', name: '优秀共产党员' }) },
  {
    kind: K.heartTalk, headers: ['谈话对象', '公民身份号码', '谈话领导', '谈心方式', '谈话原因', '谈话记录', '后续跟进情况', '谈话时间'],
    row: () => ['张三明', 张(), '王书记', '个别谈心', '工作变动', '勉励其尽快进入角色', '三个月后回访', '2025-03-03'], occurredOn: '2025-03-03',
    details: () => ({ talker: '王书记', form: '个别谈心', trigger: '工作变动', points: '勉励其尽快进入角色', followUp: '三个月后回访' }),
  },
  { kind: K.ideologicalWavering, headers: ['干部姓名', '公民身份号码', '思想状况', '发现时间'], row: () => ['张三明', 张(), '近期情绪低落', '2025-03-04'], occurredOn: '2025-03-04', details: () => ({ situation: '近期情绪低落' }) },
  {
    kind: K.training, headers: ['学员姓名', '公民身份号码', '培训单位', '培训项目', '开班时间', '结业时间', '培训课时', '参训时间'],
    row: () => ['张三明', 张(), '市委党校', '专题培训', '2025-04-01', '2025-04-05', 40, '2025-04-01'], occurredOn: '2025-04-01',
    details: () => ({ institution: '市委党校', trainingType: '专题培训', from: '2025-04-01', to: '2025-04-05', hours: 40 }),
  },
  { kind: K.research, team: true, headers: ['被调研班子', '调研形式', '发现的问题', '研判结论', '调研时间'], row: () => ['东平县委', '随机调研', '班子运行良好', '好', '2025-05-05'], occurredOn: '2025-05-05', details: () => ({ researchType: '随机调研', findings: '班子运行良好', rating: '好' }) },
  {
    kind: K.majorDecision, team: true, headers: ['决策单位', '决策类型', '决策会议', '是否集体研究', '一把手是否末位表态', '出席人数', '涉及资金', '会议时间'],
    row: () => ['东平县委', '大额资金使用', '县委常委会', '是', '是', 9, 500, '2025-05-06'], occurredOn: '2025-05-06',
    details: () => ({ matterType: '大额资金使用', meeting: '县委常委会', collective: true, principalSpokeLast: true, attendees: 9, amount: 500 }),
  },
  {
    kind: K.travelReport, headers: ['报备人', '公民身份号码', '离开时间', '返回时间', '前往地点', '外出原因', '代为主持工作人', '报备时间', '填报时间'],
    row: () => ['张三明', 张(), '2025-06-01', '2025-06-03', '省城', '参加会议', '李四海', '2025-05-30', '2025-05-30'], occurredOn: '2025-05-30',
    details: () => ({ departOn: '2025-06-01', returnOn: '2025-06-03', destination: '省城', reason: '参加会议', actingPerson: '李四海', filedOn: '2025-05-30' }),
  },
  {
    kind: K.faultTolerance, headers: ['容错对象', '公民身份号码', '原记录编号', '容错情形', '认定结果', '纠错情况', '认定时间'],
    row: () => ['张三明', 张(), disciplineEntryId, DEFAULT_DICTIONARIES.threeDistinctions[0], '从轻', '加强学习', '2025-06-01'], occurredOn: '2025-06-01',
    details: () => ({ targetEntryId: disciplineEntryId, distinction: DEFAULT_DICTIONARIES.threeDistinctions[0], decision: '从轻', measures: '加强学习' }),
  },
];

describe('every kind imports a sheet headed only in a department’s own words', () => {
  it('the table covers every kind, and no header of it is a template label', () => {
    expect(CASES.map((c) => c.kind).sort()).toEqual(ENTRY_KINDS.map((k) => k.code).sort());
    for (const c of CASES) {
      const labels = new Set(kindColumns(c.kind, DEFAULT_DICTIONARIES).map((s) => s.label));
      expect(c.headers.filter((h) => labels.has(h)), c.kind).toEqual([]);
    }
  });

  it.each(CASES.map((c) => [c.kind, c] as const))('%s', async (_kind, c) => {
    const up = await upload(c.kind, await xlsx(c.headers, c.row()));
    expect(up.missing, c.kind).toEqual([]);
    expect(up.ambiguous).toEqual([]);
    expect(up.unmapped, c.kind).toEqual([]);
    const done = await checkAndCommit(up.batch.id);
    const [entry] = await entriesOf(done.id);
    expect(entry).toMatchObject({ kind: c.kind, occurredOn: c.occurredOn, details: c.details() });
    if (c.team) expect(entry!.cadreId).toBeNull();
    else expect(entry!.cadreId).toBe(city.cadres['张三明']!.id);
    if (c.kind === K.discipline) disciplineEntryId = entry!.entryId as string;
  });
});

describe('the audit sheet of the issue', () => {
  it('审计发现问题 / 问题数（个） is accepted and 整改完成情况 is mapped: a rectified audit raises no 整改 warning', async () => {
    const who = city.cadres['王五']!;
    const up = await upload(K.economicAudit, await xlsx(
      ['2024年度经济责任审计结果汇总表'],
      ['序号', '被审计人', '身份证号码', '审计类型', '审计期间', null, '审计发现问题', null, '审计评价', '整改期限', '整改完成情况', '审计报告日期'],
      [null, null, null, null, '起', '止', '问题数（个）', '金额（万元）', null, null, null, null],
      [1, '王五', who.idNumber, '任中审计', '2021-01-01', '2023-12-31', 4, 12.5, '较好', '2024-06-30', '已整改', '2024-03-01'],
    ));
    expect(up.missing).toEqual([]);
    const byHeader = Object.fromEntries(up.batch.mapping.columns.map((c: { header: string; key: string | null }) => [c.header, c.key]));
    expect(byHeader).toMatchObject({ '审计发现问题·问题数（个）': 'd.findingsCount', '审计发现问题·金额（万元）': 'd.amount', 整改完成情况: 'd.rectificationStatus' });
    const done = await checkAndCommit(up.batch.id);
    const [entry] = await entriesOf(done.id);
    expect(entry!.details).toMatchObject({ findingsCount: 4, amount: 12.5, rectificationDeadline: '2024-06-30', rectificationStatus: '已整改' });
    // The deadline is long past: had 整改完成情况 been dropped, the status would be 未整改 and 审计问题 would be yellow.
    const warnings = (await ctx.call('GET', `/api/warnings?cadreId=${who.id}&view=all`, sup)).json().items as Array<{ rule: string; explanation: string }>;
    expect(warnings.filter((w) => w.rule === 'audit_issue')).toEqual([]);
  });

  it('the same sheet with its 整改 column left unmapped would warn (the rule reads that field)', async () => {
    const who = city.cadres['赵六']!;
    const up = await upload(K.economicAudit, await xlsx(
      ['被审计人', '身份证号码', '审计类型', '审计期间起', '审计期间止', '问题数（个）', '审计评价', '整改期限', '整改完成情况', '审计报告日期'],
      ['赵六', who.idNumber, '任中审计', '2021-01-01', '2023-12-31', 1, '较好', '2024-06-30', '已整改', '2024-03-02'],
    ));
    await checkAndCommit(up.batch.id, { overrides: { 整改完成情况: null } });
    const warnings = (await ctx.call('GET', `/api/warnings?cadreId=${who.id}`, sup)).json().items as Array<{ rule: string; explanation: string }>;
    expect(warnings.find((w) => w.rule === 'audit_issue')?.explanation).toContain('逾期仍未整改');
  });
});

describe('a header that could mean two columns', () => {
  it('is reported, and the check does not start until the user maps or ignores it', async () => {
    const up = await upload(K.discipline, await xlsx(
      ['受处分人', '公民身份号码', '处分类别', '处分类型', '处分日期'],
      ['李四海', city.cadres['李四海']!.idNumber, '政务处分', '警告', '2025-05-02'],
    ));
    // 处分类别 is the 类别, so 处分类型 is the 处理方式: not ambiguous once the other column is known.
    expect(up.ambiguous).toEqual([]);
    const amb = await upload(K.discipline, await xlsx(
      ['受处分人', '公民身份号码', '处分类型', '处分种类', '处分日期'],
      ['李四海', city.cadres['李四海']!.idNumber, '政务处分', '警告', '2025-05-03'],
    ));
    expect(amb.ambiguous).toEqual([]);
    const both = await upload(K.discipline, await xlsx(
      ['受处分人', '公民身份号码', '处分类型', '处分结果', '处分日期'],
      ['李四海', city.cadres['李四海']!.idNumber, '政务处分', '警告', '2025-05-04'],
    ));
    expect(both.ambiguous).toEqual([{ header: '处分类型', candidates: [{ key: 'd.category', label: '类别' }, { key: 'd.measure', label: '处理方式' }] }]);
    expect(both.batch.mapping.columns.find((c: { header: string }) => c.header === '处分类型')).toMatchObject({ key: null, candidates: ['d.category', 'd.measure'] });
    const refused = await ctx.call('POST', `/api/imports/${both.batch.id}/check`, sup, {});
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('“处分类型”列可对应“类别”或“处理方式”');
    const started = await ctx.call('POST', `/api/imports/${both.batch.id}/check`, sup, { overrides: { 处分类型: 'd.category', 处分结果: 'd.measure' } });
    expect(started.statusCode, started.body).toBe(200);
    await drainJobs();
    const b = (await ctx.call('GET', `/api/imports/${both.batch.id}`, sup)).json();
    expect(b.status).toBe('checked');
    expect(b.mapping.columns.find((c: { header: string }) => c.header === '处分类型')).toMatchObject({ key: 'd.category', match: 'manual' });
  });
});

describe('an annual result without a date', () => {
  it('takes its date from the year by the stated default, and the report says so; the setting changes it', async () => {
    const first = await upload(K.annualAssessment, await xlsx(['干部姓名', '公民身份号码', '考核年度', '考核等次'], ['王五', city.cadres['王五']!.idNumber, 2023, '优秀']));
    expect(first.missing).toEqual([]);
    const done = await checkAndCommit(first.batch.id);
    expect(done.mapping.notes).toEqual(['发生日期取自年度列：按每年12月31日计（1行）']);
    expect((await entriesOf(done.id))[0]).toMatchObject({ occurredOn: '2023-12-31' });

    const admin = (await ctx.loginAs('chief', { scopeOrgId: city.city })).cookie;
    const put = (body: object) => ctx.app.inject({ method: 'PUT', url: '/api/rules/settings', headers: { cookie: admin }, payload: body });
    const view = (await ctx.call('GET', '/api/rules/settings', admin)).json();
    expect(view.settings.yearEntryDate).toEqual({ month: 12, day: 31 });
    const bad = await put({ ...view.settings, yearEntryDate: { month: 2, day: 30 } });
    expect(bad.statusCode).toBe(400);
    const ok = await put({ ...view.settings, yearEntryDate: { month: 1, day: 31 } });
    expect(ok.statusCode, ok.body).toBe(200);
    await drainJobs();
    const next = await upload(K.annualAssessment, await xlsx(['干部姓名', '公民身份号码', '考核年度', '考核等次'], ['赵六', city.cadres['赵六']!.idNumber, 2023, '称职']));
    const again = await checkAndCommit(next.batch.id);
    expect(again.mapping.notes).toEqual(['发生日期取自年度列：按每年1月31日计（1行）']);
    expect((await entriesOf(again.id))[0]).toMatchObject({ occurredOn: '2023-01-31' });
  });
});
