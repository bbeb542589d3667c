/**
 * 半年工作通报 of a convener's joint meeting (.docx, 公文 layout): the meetings held in the half year, the
 * subjects considered, conclusions by kind, 督办事项 by status, overdue by department and the ledger
 * entries accepted in the half by reporting department. Pure.
 */
import { beijingTime, type Exporter } from './format.ts';
import { addressee, blankLine, copyMarks, gongwenDocument, gwDate, gwTable, h1, issuerMark, packGongwen, para, signature, title, widthsOf } from './gongwen-kit.ts';

export interface HalfReportData {
  convenerName: string;
  /** 2026年上半年 */
  halfName: string;
  from: string;
  to: string;
  meetings: Array<{ title: string; heldOn: string; statusName: string; subjects: number }>;
  conclusions: Array<{ name: string; n: number }>;
  tasks: Array<{ statusName: string; n: number }>;
  overdue: Array<{ departmentName: string; n: number }>;
  entries: Array<{ departmentName: string; n: number }>;
  exporter: Exporter;
}

const sum = (xs: Array<{ n: number }>) => xs.reduce((a, x) => a + x.n, 0);

export function buildHalfReport(d: HalfReportData): Promise<Buffer> {
  const heading = `${d.halfName}干部监督联席会议工作情况通报`;
  const subjects = d.meetings.reduce((a, m) => a + m.subjects, 0);
  const totalTasks = sum(d.tasks);
  const overdue = sum(d.overdue);
  const entries = sum(d.entries);
  return packGongwen(gongwenDocument({
    title: heading,
    exporter: d.exporter,
    children: [
      ...copyMarks(null),
      ...issuerMark(d.convenerName),
      ...title(heading),
      addressee('各成员单位'),
      para(`现将${d.halfName}（${gwDate(d.from)}至${gwDate(d.to)}）干部监督联席会议工作情况通报如下。`),
      h1('一、会议召开情况'),
      d.meetings.length
        ? para(`${d.halfName}共召开联席会议${d.meetings.length}次，会商研判议题${subjects}个：`
          + `${d.meetings.map((m) => `${gwDate(m.heldOn)}召开${m.title}（${m.statusName}，议题${m.subjects}个）`).join('；')}。`)
        : para(`${d.halfName}未召开联席会议。`),
      h1('二、研判结论'),
      ...(d.conclusions.length
        ? [
          para(`形成研判结论${sum(d.conclusions)}个，按结论分：`, { keepNext: true }),
          gwTable(widthsOf([6, 3]), ['研判结论', '数量'], [...d.conclusions.map((c) => [c.name, String(c.n)]), ['合计', String(sum(d.conclusions))]], { center: [1] }),
          blankLine(),
        ]
        : [para('本期没有形成研判结论。')]),
      h1('三、督办落实情况'),
      ...(totalTasks
        ? [
          para(`本期会议交办督办事项${totalTasks}项，按办理状态分：`, { keepNext: true }),
          gwTable(widthsOf([6, 3]), ['办理状态', '数量'], [...d.tasks.map((t) => [t.statusName, String(t.n)]), ['合计', String(totalTasks)]], { center: [1] }),
          blankLine(),
        ]
        : [para('本期会议没有交办督办事项。')]),
      ...(overdue
        ? [
          para(`截至${gwDate(beijingTime(d.exporter.at))}，逾期未办结的督办事项${overdue}项，请以下单位抓紧办理：`, { keepNext: true }),
          gwTable(widthsOf([6, 3]), ['责任单位', '逾期事项'], d.overdue.map((o) => [o.departmentName, String(o.n)]), { center: [1] }),
          blankLine(),
        ]
        : [para(`截至${gwDate(beijingTime(d.exporter.at))}，没有逾期未办结的督办事项。`)]),
      h1('四、台账报送情况'),
      ...(entries
        ? [
          para(`${d.halfName}管理监督台账新增记录${entries}条（已采纳），按报送单位分：`, { keepNext: true }),
          gwTable(widthsOf([6, 3]), ['报送单位', '记录数'], [...d.entries.map((e) => [e.departmentName, String(e.n)]), ['合计', String(entries)]], { center: [1] }),
        ]
        : [para(`${d.halfName}管理监督台账没有新增记录。`)]),
      ...signature(d.convenerName, gwDate(beijingTime(d.exporter.at))),
    ],
  }));
}
