/**
 * The joint meeting's documents in 公文 layout (gongwen-kit.ts), from plain data: 会议通知, 研判材料 (the
 * agenda with each subject's ledger summary), 会议纪要 (attendance, the conclusions table, the 签批 line or
 * the 未签批 mark) and a department's 督办通知单. The half-year 工作通报 is in meeting-report-doc.ts. Pure.
 */
import type { FileChild } from 'docx';
import type { Exporter } from './format.ts';
import { beijingTime } from './format.ts';
import {
  addressee, blankLine, copyMarks, gongwenDocument, gwDate, gwTable, h1, h2, issuerMark, packGongwen, para, signature, title, widthsOf,
} from './gongwen-kit.ts';

export interface DocMeeting {
  title: string;
  convenerName: string;
  heldOn: string;
  location: string | null;
  since: string | null;
  until: string | null;
  proposalCutoff: string | null;
  agendaVersion: number;
  /** 签批: who signed the minutes off, the Beijing day, and the note. */
  approved: { by: string; on: string; note: string | null } | null;
  /** Who to call (the secretary: the meeting's creator). */
  secretary: string | null;
  /** The Beijing day the meeting was registered: the notice's date. */
  createdOn: string;
}

export interface DocMember { departmentName: string; contacts: string[]; contactNote: string | null }

export interface DocSubject {
  type: 'cadre' | 'team';
  name: string;
  orgName: string;
  post: string | null;
  reasons: string[];
  entries: Array<{ kindName: string; date: string | null; summary: string; departmentName: string | null }>;
  warnings: Array<{ ruleName: string; colourName: string; explanation: string }>;
  teamProblems: string[];
  proposals: Array<{ departmentName: string | null; reason: string }>;
  conclusion: { name: string; departmentName: string | null; deadline: string | null; note: string | null } | null;
}

export interface DocAttendance { departmentName: string; present: boolean; persons: string[]; absenceReason: string | null }

export interface DocTask {
  name: string; orgName: string; conclusionName: string; deadline: string; statusName: string; note: string | null; overdue: boolean; closed: boolean;
}

const oneLine = (s: string) => s.trim().replace(/\s*[\r\n]+\s*/gu, ' ');
const period = (m: DocMeeting) => (m.since && m.until ? `${gwDate(m.since)}至${gwDate(m.until)}` : '上次会议以来');
const today = (e: Exporter) => gwDate(beijingTime(e.at));
const subjectLabel = (s: DocSubject) => (s.type === 'cadre' ? `${s.name}（${s.orgName}${s.post ?? ''}）` : `${s.name}（${s.orgName}）`);
const count = (subjects: DocSubject[]) => {
  const cadres = subjects.filter((s) => s.type === 'cadre').length;
  return { cadres, teams: subjects.length - cadres };
};

async function pack(docTitle: string, exporter: Exporter, children: FileChild[]): Promise<Buffer> {
  return packGongwen(gongwenDocument({ title: docTitle, exporter, children }));
}

/** 会议通知: to the member departments, the day, the place, how many subjects, the contacts. */
export function buildMeetingNotice(d: { meeting: DocMeeting; members: DocMember[]; subjects: DocSubject[]; exporter: Exporter }): Promise<Buffer> {
  const m = d.meeting;
  const n = count(d.subjects);
  const place = m.location ?? '另行通知';
  const contacts = d.members.map((x) => [x.departmentName, x.contacts.join('、') || '—', x.contactNote ?? '']);
  return pack(`关于召开${m.title}的通知`, d.exporter, [
    ...copyMarks(null),
    ...issuerMark(m.convenerName),
    ...title(`关于召开${m.title}的通知`),
    addressee(d.members.map((x) => x.departmentName).join('、') || '各成员单位'),
    para(`经研究，定于${gwDate(m.heldOn)}召开${m.title}，会商研判${period(m)}管理监督台账反映的干部和领导班子问题。现将有关事项通知如下。`),
    h1('一、会议时间和地点'),
    para(`时间：${gwDate(m.heldOn)}。地点：${place}。`),
    h1('二、参会单位'),
    para(`${d.members.map((x) => x.departmentName).join('、') || '各成员单位'}。请各成员单位分管负责同志和联络员参加。`),
    h1('三、会议议题'),
    para(`本次会议议题共${d.subjects.length}个，其中干部${n.cadres}名、领导班子${n.teams}个，依据管理监督台账汇集（第${m.agendaVersion}版），研判材料会上印发。`
      + (m.proposalCutoff ? `成员单位如需提请议题，请于${gwDate(m.proposalCutoff)}前在系统中从本单位报送的记录提请。` : '')),
    h1('四、联系方式'),
    para(`会议联系人：${m.secretary ?? m.convenerName}。各成员单位联络员如下：`, { keepNext: true }),
    gwTable(widthsOf([3, 4, 5]), ['成员单位', '联络员', '备注'], contacts),
    ...signature(m.convenerName, gwDate(m.createdOn)),
  ]);
}

function subjectBlock(s: DocSubject, i: number): FileChild[] {
  const out: FileChild[] = [h2(`（${i + 1}）${subjectLabel(s)}`)];
  out.push(para(`列入原因：${s.reasons.join('、') || '—'}。`));
  s.entries.forEach((e, j) => out.push(para(`${j + 1}．${e.date ? `${gwDate(e.date)}，` : ''}${e.kindName}${e.departmentName ? `（${e.departmentName}报送）` : ''}：${oneLine(e.summary)}`)));
  for (const w of s.warnings) out.push(para(`${w.colourName}预警：${w.ruleName}——${oneLine(w.explanation)}`));
  for (const p of s.teamProblems) out.push(para(`班子问题：${oneLine(p)}`));
  for (const p of s.proposals) out.push(para(`${p.departmentName ?? '成员单位'}提请：${oneLine(p.reason)}`));
  return out;
}

/** 研判材料: the agenda, each subject with its ledger summary, warnings, team problems and proposals; cadres, then teams. */
export function buildMeetingBriefing(d: { meeting: DocMeeting; subjects: DocSubject[]; exporter: Exporter }): Promise<Buffer> {
  const m = d.meeting;
  const cadres = d.subjects.filter((s) => s.type === 'cadre');
  const teams = d.subjects.filter((s) => s.type === 'team');
  const overview = d.subjects.map((s, i) => [
    String(i + 1), s.type === 'cadre' ? '干部' : '领导班子', subjectLabel(s), s.reasons.join('、'),
    `台账${s.entries.length}条${s.warnings.length ? `，预警${s.warnings.length}条` : ''}`,
  ]);
  return pack(`${m.title}研判材料`, d.exporter, [
    ...copyMarks(null),
    ...title(`${m.title}研判材料`),
    para(`本次会议研判期间为${period(m)}，议题共${d.subjects.length}个，其中干部${cadres.length}名、领导班子${teams.length}个。`
      + `议题依据管理监督台账汇集（第${m.agendaVersion}版），包括期间新增的台账记录、未处置的红色和黄色预警、存在问题的领导班子和成员单位提请的事项。`),
    h1('一、议题一览'),
    ...(overview.length ? [gwTable(widthsOf([1, 2, 6, 4, 3]), ['序号', '类别', '对象', '列入原因', '情况'], overview, { center: [0, 1] })] : [para('本次会议暂无议题。')]),
    blankLine(),
    ...(cadres.length ? [h1('二、干部议题'), ...cadres.flatMap(subjectBlock)] : []),
    ...(teams.length ? [h1(`${cadres.length ? '三' : '二'}、领导班子议题`), ...teams.flatMap(subjectBlock)] : []),
  ]);
}

/** 会议纪要: attendance, the conclusions table, the figures, and the 签批 line (or 未签批). */
export function buildMeetingMinutes(d: { meeting: DocMeeting; attendance: DocAttendance[] | null; subjects: DocSubject[]; exporter: Exporter }): Promise<Buffer> {
  const m = d.meeting;
  const present = (d.attendance ?? []).filter((a) => a.present);
  const absent = (d.attendance ?? []).filter((a) => !a.present);
  const rows = d.subjects.map((s, i) => [
    String(i + 1), subjectLabel(s), s.conclusion?.name ?? '未研判', s.conclusion?.departmentName ?? '—',
    s.conclusion?.deadline ? gwDate(s.conclusion.deadline) : '—', s.conclusion?.note ? oneLine(s.conclusion.note) : '',
  ]);
  const byKind = new Map<string, number>();
  for (const s of d.subjects) if (s.conclusion) byKind.set(s.conclusion.name, (byKind.get(s.conclusion.name) ?? 0) + 1);
  const decided = d.subjects.filter((s) => s.conclusion).length;
  const assigned = d.subjects.filter((s) => s.conclusion?.departmentName && s.conclusion.deadline).length;
  return pack(`${m.title}纪要${m.approved ? '' : '（未签批）'}`, d.exporter, [
    ...copyMarks(null),
    ...issuerMark(`${m.convenerName}干部监督联席会议纪要`),
    ...title(`${m.title}纪要`),
    ...(m.approved ? [] : [para('（未签批）', { indent: false })]),
    para(`${gwDate(m.heldOn)}，${m.convenerName}${m.location ? `在${m.location}` : ''}召开${m.title}，会商研判${period(m)}管理监督台账反映的干部和领导班子问题。现纪要如下。`),
    h1('一、出席情况'),
    ...(d.attendance
      ? [
        para(`出席单位：${present.map((a) => `${a.departmentName}${a.persons.length ? `（${a.persons.join('、')}）` : ''}`).join('、') || '无'}。`),
        ...(absent.length ? [para(`缺席单位：${absent.map((a) => `${a.departmentName}${a.absenceReason ? `（${a.absenceReason}）` : ''}`).join('、')}。`)] : []),
      ]
      : [para('出席情况未登记。')]),
    h1('二、研判结论'),
    para(`会议研判议题${d.subjects.length}个，形成结论${decided}个${byKind.size ? `：${[...byKind].map(([k, v]) => `${k}${v}个`).join('、')}` : ''}；`
      + `需督办的${assigned}项，交责任单位在时限内办理并反馈，逾期未办结的列入督办。`, { keepNext: true }),
    ...(rows.length ? [gwTable(widthsOf([1, 6, 2.5, 2.5, 3, 4]), ['序号', '对象', '研判结论', '责任单位', '完成时限', '说明'], rows, { center: [0, 2, 3, 4] })] : []),
    blankLine(),
    h1('三、签批'),
    m.approved
      ? para(`签批：${m.approved.by}\u3000${gwDate(m.approved.on)}${m.approved.note ? `。签批意见：${oneLine(m.approved.note)}` : ''}`)
      : para('签批：（未签批）本纪要经分管领导签批后定稿。'),
    ...signature(m.convenerName, gwDate(m.heldOn)),
  ]);
}

/** 督办通知单: one department's 督办事项 of the meeting. */
export function buildTaskNotice(d: { meeting: DocMeeting; departmentName: string; tasks: DocTask[]; exporter: Exporter }): Promise<Buffer> {
  const m = d.meeting;
  const closed = d.tasks.filter((t) => t.closed).length;
  const rows = d.tasks.map((t, i) => [
    String(i + 1), `${t.name}\n${t.orgName}`, t.conclusionName, gwDate(t.deadline), `${t.statusName}${t.overdue ? '（已逾期）' : ''}`, t.note ? oneLine(t.note) : '',
  ]);
  return pack(`督办通知单（${d.departmentName}）`, d.exporter, [
    ...copyMarks(null),
    ...issuerMark(m.convenerName),
    ...title('督办通知单'),
    addressee(d.departmentName),
    d.tasks.length
      ? para(`根据${m.title}（${gwDate(m.heldOn)}）会商研判结论，现将以下${d.tasks.length}项事项交你单位办理`
        + `${closed ? `（其中已销号${closed}项）` : ''}。请在完成时限前办结，并在系统中反馈办理结果；`
        + '办理结果为谈话提醒、函询、诫勉等台账记录的，请关联该记录。逾期未办结的，列入下次联席会议通报。', { keepNext: true })
      : para(`${m.title}（${gwDate(m.heldOn)}）没有交你单位办理的督办事项。`),
    ...(rows.length ? [gwTable(widthsOf([1, 4, 2, 3, 2.5, 4]), ['序号', '对象', '研判结论', '完成时限', '状态', '说明'], rows, { center: [0, 2, 3, 4] })] : []),
    ...signature(m.convenerName, today(d.exporter)),
  ]);
}
