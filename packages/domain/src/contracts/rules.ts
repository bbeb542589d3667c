/** HTTP contracts of the rules engine: warnings, obligations, eligibility, the 工作台, rule settings, meetings. */
import { z } from 'zod';
import { COLOURS, OBLIGATION_STATES, OBLIGATION_TYPES, WARNING_STATUS } from '../codes/statuses.ts';
import { CursorQuery, DateString, Uuid, pageOf, sortParam } from './common.ts';

export { COLOURS, WARNING_STATUS, WARNING_STATUS_NAMES, type WarningStatus } from '../codes/statuses.ts';

export const EvidenceView = z.object({
  entryId: Uuid,
  kind: z.string(),
  kindName: z.string(),
  occurredOn: z.string(),
  summary: z.string(),
  /** False when the entry is outside the reader's view (e.g. withdrawn since): shown without a link. */
  visible: z.boolean(),
  /** True when the entry is 敏感/重要 and the reader lacks clearance: summary replaced by a placeholder. */
  redacted: z.boolean().optional(),
});
export type EvidenceView = z.infer<typeof EvidenceView>;

/** The subject a warning (or what follows from it) is about: a cadre or a team, and its org. */
export const SubjectRefFields = {
  subjectType: z.enum(['cadre', 'team']),
  cadreId: Uuid.nullable(),
  cadreName: z.string().nullable(),
  teamId: Uuid.nullable(),
  teamName: z.string().nullable(),
  orgId: Uuid,
  orgName: z.string(),
};

export const WarningView = z.object({
  id: Uuid,
  rule: z.string(),
  ruleName: z.string(),
  colour: z.enum(COLOURS),
  ...SubjectRefFields,
  explanation: z.string(),
  evidence: z.array(Uuid),
  until: z.string().nullable(),
  /** False once the facts no longer raise it (kept, with its history, but no longer counted). */
  active: z.boolean(),
  status: z.enum(WARNING_STATUS),
  statusReason: z.string().nullable(),
  statusByLogin: z.string().nullable(),
  statusAt: z.string().nullable(),
  firstSeenAt: z.string(),
  lastChangedAt: z.string(),
});
export type WarningView = z.infer<typeof WarningView>;
export const WarningPage = pageOf(WarningView);
export type WarningPage = z.infer<typeof WarningPage>;
/** One step of a warning's history (raised, changed, cleared, read, handled, dismissed). */
export const WarningEventView = z.object({
  at: z.string(),
  action: z.string(),
  colour: z.string().nullable(),
  status: z.string().nullable(),
  reason: z.string().nullable(),
  byLogin: z.string().nullable(),
});
export type WarningEventView = z.infer<typeof WarningEventView>;
export const WarningDetail = WarningView.extend({ evidenceEntries: z.array(EvidenceView), history: z.array(WarningEventView) });
export type WarningDetail = z.infer<typeof WarningDetail>;

export const WarningListQuery = z.object({
  colour: z.enum(COLOURS).optional(),
  rule: z.string().max(40).optional(),
  /** An org: its whole subtree (区域). */
  orgId: Uuid.optional(),
  cadreId: Uuid.optional(),
  teamId: Uuid.optional(),
  status: z.enum(WARNING_STATUS).optional(),
  /** open = active and neither 已处置 nor 已排除 (default); all = everything including inactive. */
  view: z.enum(['open', 'active', 'all']).default('open'),
  sort: sortParam(['colour', 'lastChangedAt', 'subject'] as const),
  ...CursorQuery,
});
export type WarningListQuery = z.infer<typeof WarningListQuery>;

/** 选择全部 N 条: a bulk decision on every warning the list's filters match (at most EXACT_COUNT_LIMIT). */
export const WarningStatusByFilterBody = z.object({
  filter: WarningListQuery.omit({ cursor: true, limit: true, sort: true }),
  status: z.enum(['read', 'handled', 'dismissed']),
  reason: z.string().trim().max(500, '理由不超过500字').optional(),
});
export type WarningStatusByFilterBody = z.infer<typeof WarningStatusByFilterBody>;

export const WarningStatusBody = z.object({
  ids: z.array(Uuid).min(1, '请至少选择一条预警').max(500, '一次最多处理500条'),
  status: z.enum(['read', 'handled', 'dismissed']),
  reason: z.string().trim().max(500, '理由不超过500字').optional(),
});
export type WarningStatusBody = z.infer<typeof WarningStatusBody>;
export const WarningStatusResult = z.object({ updated: z.number().int() });

export { OBLIGATION_STATES, OBLIGATION_STATE_NAMES, OBLIGATION_TYPES } from '../codes/statuses.ts';

export const ObligationView = z.object({
  id: Uuid,
  type: z.enum(OBLIGATION_TYPES),
  typeName: z.string(),
  subjectType: z.enum(['cadre', 'team', 'convener']),
  cadreId: Uuid.nullable(),
  cadreName: z.string().nullable(),
  teamId: Uuid.nullable(),
  teamName: z.string().nullable(),
  /** The subject's org (for a joint meeting: the convening 组织部). */
  orgId: Uuid,
  orgName: z.string(),
  title: z.string(),
  triggeredOn: z.string(),
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  doneBy: z.string().nullable(),
  state: z.enum(OBLIGATION_STATES),
  evidence: z.array(Uuid),
  /** Who answers for it: the area's default, or the user it was 分派 to (`assigned`). */
  responsibleId: Uuid.nullable().optional(),
  responsibleName: z.string().nullable().optional(),
  assigned: z.boolean().optional(),
  /** 办结 by hand (no record needed): the day, by whom, and the note. */
  closedOn: z.string().nullable().optional(),
  closedByLogin: z.string().nullable().optional(),
  closeNote: z.string().nullable().optional(),
});
export type ObligationView = z.infer<typeof ObligationView>;
export const ObligationPage = pageOf(ObligationView);
export type ObligationPage = z.infer<typeof ObligationPage>;

export const ObligationListQuery = z.object({
  type: z.enum(OBLIGATION_TYPES).optional(),
  state: z.enum(OBLIGATION_STATES).optional(),
  /** Only those due within N days (and not done). */
  dueWithinDays: z.coerce.number().int().min(0).max(366).optional(),
  /** Calendar year of the due day (coverage drill-down). */
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  orgId: Uuid.optional(),
  cadreId: Uuid.optional(),
  teamId: Uuid.optional(),
  sort: sortParam(['dueOn', 'type'] as const),
  /** 我的待办: only those I answer for. */
  mine: z.enum(['true', 'false']).optional().describe('true：我的待办（由我负责的）'),
  ...CursorQuery,
});
export type ObligationListQuery = z.infer<typeof ObligationListQuery>;

/** 分派: give the 待办 to a user whose scope covers its subject. */
export const ObligationAssignBody = z.object({
  userId: Uuid,
  note: z.string().trim().max(500, '说明不超过500字').optional(),
});
export type ObligationAssignBody = z.infer<typeof ObligationAssignBody>;
/** 办结 (no record needed) and 重新打开: a note is required. */
export const ObligationNoteBody = z.object({
  note: z.string({ error: '请填写说明' }).trim().min(1, '请填写说明').max(500, '说明不超过500字'),
});
export type ObligationNoteBody = z.infer<typeof ObligationNoteBody>;
export const OBLIGATION_ACTION_NAMES = { assign: '分派', close: '办结', reopen: '重新打开' } as const;
export const ObligationActionView = z.object({
  id: Uuid,
  action: z.enum(['assign', 'close', 'reopen']),
  userId: Uuid.nullable(),
  userName: z.string().nullable(),
  note: z.string().nullable(),
  byLogin: z.string().nullable(),
  at: z.string(),
});
export type ObligationActionView = z.infer<typeof ObligationActionView>;
/** A user a 待办 may be given to. */
export const ObligationAssigneeView = z.object({ id: Uuid, login: z.string(), displayName: z.string(), scopeOrgName: z.string().nullable() });
export type ObligationAssigneeView = z.infer<typeof ObligationAssigneeView>;
export const ObligationAssigneeQuery = z.object({ q: z.string().trim().max(40).optional() });
/** Who answers by default for an area's 待办 (optionally of one kind). */
export const ObligationResponsibleView = z.object({
  orgId: Uuid, orgName: z.string(), type: z.enum(OBLIGATION_TYPES).nullable(), userId: Uuid, userName: z.string(), login: z.string(),
  setByLogin: z.string().nullable(), setAt: z.string(),
});
export type ObligationResponsibleView = z.infer<typeof ObligationResponsibleView>;
export const ObligationResponsibleBody = z.object({
  orgId: Uuid,
  type: z.enum(OBLIGATION_TYPES).nullable().optional(),
  /** null clears the area's setting (the default supervisor answers again). */
  userId: Uuid.nullable(),
});
export type ObligationResponsibleBody = z.infer<typeof ObligationResponsibleBody>;

export const EligibilityView = z.object({
  cadre: z.object({ id: Uuid, name: z.string(), orgName: z.string(), title: z.string().nullable() }),
  asOf: DateString,
  result: z.enum(['可以使用', '暂缓', '不宜']),
  reasons: z.array(z.object({
    rule: z.string(),
    verdict: z.enum(['暂缓', '不宜']),
    explanation: z.string(),
    until: z.string().nullable(),
    evidence: z.array(EvidenceView),
  })),
  discounted: z.array(z.object({ entryId: Uuid, why: z.string(), evidence: EvidenceView.nullable() })),
});
export type EligibilityView = z.infer<typeof EligibilityView>;

const Count3 = z.object({ red: z.number().int(), yellow: z.number().int(), blue: z.number().int() });
const Coverage = z.object({ done: z.number().int(), total: z.number().int() });

export const DashboardQuery = z.object({ orgId: Uuid.optional(), year: z.coerce.number().int().min(1949).max(2100).optional() });
export type DashboardQuery = z.infer<typeof DashboardQuery>;
export const DashboardView = z.object({
  asOf: DateString,
  year: z.number().int(),
  /** Open 待办 (not done, not 办结), counted apart from the warnings; `mine`: those the reader answers for. */
  obligations: z.object({ pending: z.number().int(), overdue: z.number().int(), dueSoon: z.number().int(), mine: z.number().int().optional() }),
  warnings: Count3,
  warningsByArea: z.array(Count3.extend({ orgId: Uuid, orgName: z.string() })),
  warningsByRule: z.array(Count3.extend({ rule: z.string(), ruleName: z.string() })),
  /** For `year`: obligations of each type done / all (talks: those due in the year). */
  coverage: z.object({ training: Coverage, research: Coverage, talks: Coverage }),
  /** Entries (current, not withdrawn) by source department and month of occurrence, last 12 months. */
  entriesBySource: z.array(z.object({ month: z.string(), sourceDept: z.string(), deptName: z.string(), count: z.number().int() })),
  /** 联席会议 督办事项 not yet 销号, by responsible department (issue 13); overdue = past the deadline. */
  meetingTasks: z.array(z.object({ departmentCode: z.string(), departmentName: z.string(), open: z.number().int(), overdue: z.number().int() })).optional(),
  /** The half-yearly joint meeting of the conveners in the area: the next due, and those missed (issue 13). */
  meetingCadence: z.object({ nextDueOn: DateString.nullable(), overdue: z.number().int(), planned: z.number().int() }).optional(),
});
export type DashboardView = z.infer<typeof DashboardView>;

export const RuleCatalogItem = z.object({
  code: z.string(),
  name: z.string(),
  subject: z.string().describe('干部 / 班子'),
  condition: z.string().describe('触发条件（中文）'),
  colours: z.array(z.enum(COLOURS)),
  enabled: z.boolean(),
});
export type RuleCatalogItem = z.infer<typeof RuleCatalogItem>;

/** The editable settings; validated on write (numbers in range, lists non-empty where they must be). */
export const RuleSettingsBody = z.object({
  impact: z.object({
    government: z.record(z.string(), z.number().int().min(0).max(120)),
    party: z.record(z.string(), z.number().int().min(0).max(120)),
    organizational: z.record(z.string(), z.number().int().min(0).max(120)),
    admonitionMonths: z.number().int().min(0, '诫勉影响期不能为负').max(60, '诫勉影响期不超过60个月'),
  }),
  obligationsStartOn: DateString,
  disabledRules: z.array(z.string().max(40)).max(50),
  petition: z.object({ windowMonths: z.number().int().min(1).max(120), threshold: z.number().int().min(1).max(100) }),
  personalReportMonths: z.number().int().min(0).max(120),
  audit: z.object({ amountThreshold: z.number().min(0), months: z.number().int().min(0).max(120) }),
  rectificationDefaultMonths: z.number().int().min(1).max(60),
  decisionMonths: z.number().int().min(0).max(120),
  travelMonths: z.number().int().min(0).max(120),
  multiSource: z.object({ count: z.number().int().min(2).max(20), months: z.number().int().min(1).max(120) }),
  longTenureYears: z.number().int().min(1).max(50),
  dueSoonDays: z.number().int().min(0).max(365),
  /** 义务逾期 only once an obligation is overdue by more than this many days (before: a 待办 only). */
  overdueGraceDays: z.number().int('逾期宽限天数须为整数').min(0, '逾期宽限天数不能为负').max(365, '逾期宽限天数不超过365天').default(30),
  talkDueDays: z.number().int().min(1).max(365),
  reviewBottomFraction: z.number().gt(0).max(1),
  notDirectlyInCharge: z.array(z.string().trim().min(1).max(20)).max(50),
  systematicTrainingTypes: z.array(z.string().trim().min(1).max(40)).min(1, '至少一种培训类型计为系统培训').max(50),
  jointMeetingMonths: z.number().int().min(1).max(24),
  /** An annual result imported without a date is dated this day of its year (default 12月31日). */
  yearEntryDate: z.object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) })
    .refine((d) => d.day <= [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][d.month - 1]!, { message: '该月没有这一天', path: ['day'] })
    .default({ month: 12, day: 31 }),
});
export type RuleSettingsBody = z.infer<typeof RuleSettingsBody>;

export const RuleSettingsView = z.object({
  settings: RuleSettingsBody,
  /** The ledger's dictionaries (enumerations), editable on the same page. */
  dictionaries: z.record(z.string(), z.unknown()),
  rules: z.array(RuleCatalogItem),
  updatedAt: z.string().nullable(),
  updatedByLogin: z.string().nullable(),
});
export type RuleSettingsView = z.infer<typeof RuleSettingsView>;
export const DictionariesBody = z.record(z.string(), z.union([z.array(z.string().trim().min(1).max(100)).min(1), z.record(z.string(), z.array(z.string().trim().min(1).max(100)).min(1))]));
export type DictionariesBody = z.infer<typeof DictionariesBody>;

export const RuleJobView = z.object({
  id: Uuid,
  /** running → done | failed | interrupted */
  status: z.enum(['running', 'done', 'failed', 'interrupted']),
  reason: z.string().describe('为何运行：手动 / 规则设置变更 / 每日'),
  progress: z.number().int(),
  total: z.number().int(),
  warningsChanged: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type RuleJobView = z.infer<typeof RuleJobView>;

// MeetingView, MeetingCreateBody and ConvenerView: contracts/meetings.ts (issue 13).
