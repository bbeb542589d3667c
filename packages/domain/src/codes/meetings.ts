/** 干部监督联席会议 (PRODUCT §6, issue 13): a meeting's life, the conclusions of 会商研判 and the 督办事项 they raise. */
import { ENTRY_KIND } from './entry-kinds.ts';

/** 筹备 → 已召开 → 纪要已定稿 (a leader's 签批) → 已闭环 (every 督办事项 销号). */
export const MEETING_STATUS = ['planned', 'held', 'minutes_final', 'closed'] as const;
export type MeetingStatus = (typeof MEETING_STATUS)[number];
export const MEETING_STATUS_NAMES: Record<MeetingStatus, string> = {
  planned: '筹备', held: '已召开', minutes_final: '纪要已定稿', closed: '已闭环',
};
/** A meeting in one of these counts as held for the half-yearly obligation. */
export const MEETING_HELD_STATUSES: readonly MeetingStatus[] = ['held', 'minutes_final', 'closed'];

/** Why a subject is on the agenda. */
export const AGENDA_REASONS = ['entries', 'warnings', 'team_problem', 'proposed'] as const;
export type AgendaReason = (typeof AGENDA_REASONS)[number];
export const AGENDA_REASON_NAMES: Record<AgendaReason, string> = {
  entries: '期间新增台账', warnings: '红黄预警', team_problem: '班子存在问题', proposed: '成员单位提请',
};

/**
 * A conclusion of 会商研判 (dictionary, settable under settings key `meeting.conclusions`). `action`: it asks
 * for action, so it raises a 督办事项 for the responsible department; `kinds`: the ledger kinds whose record
 * fulfils it when the department links one (with `forms`, the 方式 of a 约谈诫勉 record that count).
 */
export interface ConclusionKindDef {
  code: string;
  name: string;
  action: boolean;
  /** Default responsible department of the 督办事项 (a DEPARTMENT code), when the secretary names none. */
  department?: string;
  /** Default deadline in days from the meeting. */
  days?: number;
  kinds: readonly string[];
  forms?: readonly string[];
}

export const DEFAULT_CONCLUSION_KINDS: readonly ConclusionKindDef[] = [
  { code: 'watch', name: '继续关注', action: false, kinds: [] },
  { code: 'talk', name: '谈话提醒', action: true, department: 'zzb', days: 30, kinds: [ENTRY_KIND.admonition, ENTRY_KIND.heartTalk], forms: ['谈话提醒', '提醒谈话'] },
  { code: 'inquiry', name: '函询', action: true, department: 'jw', days: 30, kinds: [ENTRY_KIND.admonition], forms: ['函询'] },
  { code: 'admonish', name: '诫勉', action: true, department: 'jw', days: 30, kinds: [ENTRY_KIND.admonition], forms: ['诫勉'] },
  { code: 'adjust', name: '调整建议', action: true, department: 'zzb', days: 60, kinds: [ENTRY_KIND.discipline] },
  { code: 'clarify', name: '澄清正名', action: true, department: 'jw', days: 30, kinds: [] },
  { code: 'clear', name: '可正常使用', action: false, kinds: [] },
];
export const MEETING_CONCLUSIONS_KEY = 'meeting.conclusions';

/** 督办事项: 办理中 → 已反馈 → 已销号, or 退回 (back to the department with a reason); 已撤销 when the conclusion no longer asks for action. */
export const MEETING_TASK_STATUS = ['open', 'answered', 'closed', 'returned', 'cancelled'] as const;
export type MeetingTaskStatus = (typeof MEETING_TASK_STATUS)[number];
export const MEETING_TASK_STATUS_NAMES: Record<MeetingTaskStatus, string> = {
  open: '办理中', answered: '已反馈', closed: '已销号', returned: '退回', cancelled: '已撤销',
};
export const MEETING_TASK_ACTIONS = ['create', 'update', 'answer', 'close', 'return', 'link', 'cancel'] as const;
export type MeetingTaskAction = (typeof MEETING_TASK_ACTIONS)[number];
export const MEETING_TASK_ACTION_NAMES: Record<MeetingTaskAction, string> = {
  create: '交办', update: '变更', answer: '反馈', close: '销号', return: '退回', link: '关联台账记录', cancel: '撤销',
};
