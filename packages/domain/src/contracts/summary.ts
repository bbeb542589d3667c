/**
 * What the top of a cadre's profile and of a team's page says before any scrolling: the verdict
 * (使用资格), the open warnings by colour, an impact period running; for a team, its 一把手 and the year's
 * research. Each part is null when the reader lacks its right (eligibility:read, warning:read, obligation:read).
 */
import { z } from 'zod';
import { DateString, Uuid } from './common.ts';

const OpenWarnings = z.object({ red: z.number().int(), yellow: z.number().int(), blue: z.number().int() });

export const CadreSummaryView = z.object({
  cadreId: Uuid,
  asOf: DateString,
  eligibility: z.object({
    result: z.enum(['可以使用', '暂缓', '不宜']),
    /** The rules that hold the cadre back (影响期内, 信访举报核查中 …). */
    rules: z.array(z.string()),
    /** The day the last of them ends when every one has an end (the verdict may change then), else null. */
    until: DateString.nullable(),
  }).nullable(),
  /** Open (active, neither 已处置 nor 已排除) warnings of the cadre. */
  warnings: OpenWarnings.nullable(),
  /** A 处分 or 诫勉 impact period running today: the latest end. */
  impact: z.object({ rule: z.string(), until: DateString }).nullable(),
  /** Open 待办 of the cadre (overdue among them). */
  obligations: z.object({ open: z.number().int(), overdue: z.number().int() }).nullable(),
});
export type CadreSummaryView = z.infer<typeof CadreSummaryView>;

export const TeamSummaryView = z.object({
  teamId: Uuid,
  asOf: DateString,
  warnings: OpenWarnings.nullable(),
  /** This year's 调研 obligation of the team: its state and due day; null when there is none. */
  research: z.object({ state: z.enum(['pending', 'done', 'overdue']), dueOn: DateString, doneOn: DateString.nullable() }).nullable(),
  obligations: z.object({ open: z.number().int(), overdue: z.number().int() }).nullable(),
});
export type TeamSummaryView = z.infer<typeof TeamSummaryView>;

/** A page printed (打印): recorded in the audit log like an export. */
export const PrintBody = z.object({
  page: z.enum(['cadre', 'team', 'ledger', 'warnings', 'obligations', 'meetings', 'meeting-tasks']),
  objectId: Uuid.optional(),
  /** Rows printed (lists). */
  rows: z.number().int().min(0).max(1_000_000).optional(),
  /** The list's filters as in the address bar. */
  filters: z.string().max(2000).optional(),
});
export type PrintBody = z.infer<typeof PrintBody>;
