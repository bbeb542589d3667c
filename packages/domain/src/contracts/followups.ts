/** HTTP contracts of a warning's 处置 follow-ups and the 联席会议 agenda they feed (issue 12). */
import { z } from 'zod';
import { FOLLOWUP_ACTIONS } from '../supervision/catalog.ts';
import { Uuid } from './common.ts';
import { SubjectRefFields } from './rules.ts';

export const WarningFollowupBody = z.object({
  action: z.enum(FOLLOWUP_ACTIONS, '请选择处置方式'),
  note: z.string().trim().max(500, '说明不超过500字').optional(),
  /** 函询 / 诫勉: the 约谈诫勉 entry just saved for it. */
  entryId: Uuid.optional(),
});
export type WarningFollowupBody = z.infer<typeof WarningFollowupBody>;

export const WarningFollowupView = z.object({
  id: Uuid,
  warningId: Uuid,
  action: z.enum(FOLLOWUP_ACTIONS),
  actionName: z.string(),
  onDate: z.string(),
  note: z.string().nullable(),
  entryId: Uuid.nullable(),
  byLogin: z.string().nullable(),
  at: z.string(),
});
export type WarningFollowupView = z.infer<typeof WarningFollowupView>;

/** A subject waiting for the convener's next joint meeting (待上会议题). */
export const AgendaItemView = z.object({
  id: Uuid,
  convenerId: Uuid,
  convenerName: z.string(),
  ...SubjectRefFields,
  warningId: Uuid.nullable(),
  reason: z.string(),
  addedByLogin: z.string().nullable(),
  addedAt: z.string(),
});
export type AgendaItemView = z.infer<typeof AgendaItemView>;
export const AgendaList = z.object({ items: z.array(AgendaItemView), total: z.number().int() });
export type AgendaList = z.infer<typeof AgendaList>;
