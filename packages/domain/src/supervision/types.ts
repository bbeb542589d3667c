/**
 * The rules engine's vocabulary (PRODUCT §4.1, §4.13, §5): the facts a subject's rules read, the settings
 * they take, and what they produce (warnings, obligations, an eligibility opinion). Everything here is
 * data; the functions beside this file are pure functions of (facts, settings, asOf).
 */
import type { KindCode, StoredDetails } from '../ledger/kinds.ts';
import type { ImpactSettings } from './impact.ts';

/** What every current ledger entry (its head version) carries, whatever its kind. */
export interface FactEntryBase {
  /** The entry's stable id (entry_id, not the version id): evidence links point here. */
  id: string;
  sourceDept: string;
  /** 'accepted' entries count; 'pending' member submissions and 'returned' ones do not; 'withdrawn' never. */
  status: 'pending' | 'accepted' | 'returned' | 'withdrawn';
  occurredOn: string;
  summary: string;
  cadreId: string | null;
  teamId: string | null;
}

/**
 * One current ledger entry as the rules see it: a union over the kinds, so a rule reads a details field only
 * after narrowing on `kind` (`if (e.kind === ENTRY_KIND.petition) e.details.result`).
 */
export type FactEntry = { [K in KindCode]: FactEntryBase & { kind: K; details: StoredDetails<K> } }[KindCode];
/** The entries of one kind (or of a union of kinds). */
export type FactEntryOf<K extends KindCode> = Extract<FactEntry, { kind: K }>;

/** A 分工调整 during a tenure: `domains` are in force from `from` (tenure_domain, append-only). */
export interface DomainChange {
  from: string;
  domains: readonly string[];
}

/** 任职: cadre × team × title, with 分管领域. */
export interface FactTenure {
  id: string;
  cadreId: string;
  cadreName: string;
  teamId: string;
  teamName: string;
  title: string;
  isPrincipal: boolean;
  /** The 分工 at the tenure's start; see `domainChanges` and `domainsInForce` for a given day. */
  domains: readonly string[];
  /** 分工调整 without ending the tenure, oldest first (same day: in the order entered). Absent: none. */
  domainChanges?: readonly DomainChange[];
  startDate: string;
  endDate: string | null;
}

/** Everything the rules know about one cadre. */
export interface CadreFacts {
  cadre: { id: string; name: string; orgId: string };
  /** All of the cadre's tenures, past and current. */
  tenures: readonly FactTenure[];
  /** Entries whose subject is this cadre (any status: the rules filter). */
  entries: readonly FactEntry[];
  /** 谈话提醒 taken on a warning about the cadre (warning_followup 'talk'): each asks for a talk. */
  talkFollowups?: readonly TalkFollowup[];
  /** Obligations closed by hand (办结), as `type:key`: they raise no 义务逾期. */
  closedObligations?: readonly string[];
  /** 联席会议 督办事项 about the cadre (not cancelled). */
  meetingTasks?: readonly FactMeetingTask[];
}

/**
 * A 督办事项 of a joint meeting about the subject: due on its deadline, done when 销号 (closedOn) or when a
 * linked ledger record fulfils it (fulfilledOn, the record's date).
 */
export interface FactMeetingTask {
  id: string;
  meetingTitle: string;
  heldOn: string;
  conclusionName: string;
  departmentName: string;
  deadline: string;
  closedOn: string | null;
  fulfilledBy: string | null;
  fulfilledOn: string | null;
}

/** A 谈话提醒 chosen as a warning's 处置: the cadre is to be talked with within talkDueDays of `on`. */
export interface TalkFollowup {
  id: string;
  on: string;
  note: string | null;
  /** The warning's rule code. */
  rule: string;
}

/** Everything the rules know about one 领导班子. */
export interface TeamFacts {
  team: { id: string; name: string; orgId: string };
  /** Tenures in this team, past and current (members, 一把手, 分工). */
  tenures: readonly FactTenure[];
  /** Entries whose subject is this team. */
  entries: readonly FactEntry[];
  /** Obligations closed by hand (办结), as `type:key`: they raise no 义务逾期. */
  closedObligations?: readonly string[];
  /** 联席会议 督办事项 about the team (not cancelled). */
  meetingTasks?: readonly FactMeetingTask[];
}

/** A 组织部 that convenes a joint meeting (干部监督联席会议), with the meetings it has held. */
export interface ConvenerFacts {
  convener: { id: string; name: string };
  meetings: ReadonlyArray<{ id: string; heldOn: string }>;
}

export interface RuleSettings {
  impact: ImpactSettings;
  /** Obligations are not raised for triggers before this day (the platform's go-live, 启用日期). */
  obligationsStartOn: string;
  /** Rule codes switched off by an administrator. */
  disabledRules: readonly string[];
  petition: { windowMonths: number; threshold: number };
  /** 个报不实: how long a 漏报/瞒报 finding counts (months from the check). */
  personalReportMonths: number;
  audit: { amountThreshold: number; months: number };
  /** 巡察 rectification deadline when the entry has none: months after the entry. */
  rectificationDefaultMonths: number;
  /** 决策程序 findings count this many months. */
  decisionMonths: number;
  /** 报备异常 findings count this many months. */
  travelMonths: number;
  multiSource: { count: number; months: number };
  longTenureYears: number;
  /** 即将到期: an obligation due within this many days (待办 and the 工作台; no longer a warning). */
  dueSoonDays: number;
  /** 义务逾期 (yellow) only once an obligation is overdue by more than this many days: before, it is a 待办. */
  overdueGraceDays: number;
  /** A talk is due this many days after its trigger. */
  talkDueDays: number;
  /** 评议靠后: rank in the bottom fraction of rankOf. */
  reviewBottomFraction: number;
  /** 不直接分管 domains for a 一把手. */
  notDirectlyInCharge: readonly string[];
  /** 培训 types that count as the yearly systematic training of a 一把手. */
  systematicTrainingTypes: readonly string[];
  /** The joint meeting period in months (6 = half-yearly). */
  jointMeetingMonths: number;
  /** The day of its year an entry recorded by year only (年度综合考核 …, imported without a date) is dated. */
  yearEntryDate: { month: number; day: number };
}

export type Colour = 'red' | 'yellow' | 'blue';
export const COLOUR_NAMES: Record<Colour, string> = { red: '红', yellow: '黄', blue: '蓝' };

export type SubjectType = 'cadre' | 'team' | 'convener';

/** One warning a rule raises. Identity = rule + subjectType + subjectId + key: stable across re-evaluations. */
export interface WarningFinding {
  rule: string;
  colour: Colour;
  subjectType: 'cadre' | 'team';
  subjectId: string;
  /** Evidence key, stable as more evidence arrives (e.g. the first petition of a cluster, a tenure id). */
  key: string;
  /** Entry ids (FactEntry.id) behind the warning, oldest first. */
  evidence: string[];
  /** A Chinese sentence that explains the warning with its facts (dates, counts, names). */
  explanation: string;
  /** When the warning stops applying by itself if nothing changes (e.g. an impact period's end), else null. */
  until: string | null;
}

export type ObligationType = 'talk' | 'training' | 'research' | 'joint_meeting' | 'meeting_task';
export const OBLIGATION_NAMES: Record<ObligationType, string> = {
  talk: '谈心谈话', training: '一把手年度系统培训', research: '年度调研全覆盖', joint_meeting: '干部监督联席会议',
  meeting_task: '联席会议督办事项',
};
export type ObligationState = 'pending' | 'done' | 'overdue';

export interface ObligationFinding {
  type: ObligationType;
  subjectType: SubjectType;
  subjectId: string;
  /** Stable identity within (type, subject): e.g. 'tenure:<id>:start', 'entry:<id>', '2026', '2026H1'. */
  key: string;
  /** A Chinese sentence: what is due and why. */
  title: string;
  triggeredOn: string;
  dueOn: string;
  /** The fulfilling record (entry id, or meeting id for joint meetings) and its day, or null. */
  doneBy: string | null;
  doneOn: string | null;
  /** Entries behind the trigger (the 信访, the 思想波动 mark …); empty for calendar obligations. */
  evidence: string[];
}

export type EligibilityResult = '可以使用' | '暂缓' | '不宜';

export interface EligibilityReason {
  /** Rule name in Chinese (e.g. '影响期内', '信访核查中'). */
  rule: string;
  verdict: Exclude<EligibilityResult, '可以使用'>;
  explanation: string;
  /** The day the reason stops applying, when known. */
  until: string | null;
  evidence: string[];
}

export interface Eligibility {
  result: EligibilityResult;
  reasons: EligibilityReason[];
  /** Entries whose effect was removed (免责, 失实/诬告, withdrawn) and why: shown, visibly, not counted. */
  discounted: Array<{ entryId: string; why: string }>;
}
