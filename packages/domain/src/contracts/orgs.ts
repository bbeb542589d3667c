import { z } from 'zod';
import { ORG_LEVELS, ORG_TYPES } from '../codes/registry.ts';
import { DateString } from './common.ts';

export const OrgFlags = z.object({ hardship: z.boolean().optional() }).catchall(z.boolean());

export const OrgNode = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  type: z.string(),
  level: z.string(),
  managedById: z.uuid().nullable(),
  managedByName: z.string().nullable(),
  regionCode: z.string(),
  flags: OrgFlags,
  hasTeam: z.boolean(),
  childCount: z.number().int(),
  /** Names the unit had before a rename (机构改革); still matched on import. */
  formerNames: z.array(z.string()),
  /** The day it was abolished or merged away (已撤销); null while it exists. */
  abolishedOn: DateString.nullable(),
  mergedIntoId: z.uuid().nullable(),
  mergedIntoName: z.string().nullable(),
});
export type OrgNode = z.infer<typeof OrgNode>;

export const OrgChildrenQuery = z.object({ parentId: z.uuid().optional() });

/** A unit with the names of its ancestors within the reader's jurisdiction (GET /api/orgs/:id). */
export const OrgDetail = OrgNode.extend({ ancestors: z.array(z.object({ id: z.uuid(), name: z.string() })) });
export type OrgDetail = z.infer<typeof OrgDetail>;

/** A unit found by name (GET /api/orgs/search): the parent's name tells same-named units apart; teamId of its 领导班子. */
export const OrgSearchHit = z.object({ id: z.uuid(), name: z.string(), parentName: z.string().nullable(), teamId: z.uuid().nullable() });
export type OrgSearchHit = z.infer<typeof OrgSearchHit>;

export const OrgCreateBody = z.strictObject({
  parentId: z.uuid().nullable(),
  name: z.string().trim().min(1, '请填写单位名称').max(100),
  shortName: z.string().trim().max(50).nullable().optional(),
  type: z.enum(ORG_TYPES, { message: '单位类型不在字典中' }),
  level: z.enum(ORG_LEVELS, { message: '单位层级不在字典中' }),
  managedById: z.uuid().nullable().optional(),
  regionCode: z.string().regex(/^\d{6}$/u, '行政区划代码应为6位数字'),
  flags: OrgFlags.optional(),
  withTeam: z.boolean().optional(),
});
export type OrgCreateBody = z.infer<typeof OrgCreateBody>;

/**
 * A current member of a team. A member the reader's jurisdiction does not manage (a 市管 leader for a county
 * 组织部: 干部管理权限) is listed by name only, `managedAbove: true` (上级管理): no id to open, no details.
 */
export const TeamMember = z.object({
  tenureId: z.uuid(),
  cadreId: z.uuid().nullable(),
  name: z.string(),
  gender: z.string().nullable(),
  birth: z.string().nullable(),
  title: z.string().nullable(),
  isPrincipal: z.boolean(),
  /** The 分工 in force today (after any 分工调整). */
  domains: z.array(z.string()),
  /** The day that 分工 took effect by a 分工调整; null or absent: the tenure's own. */
  domainsSince: DateString.nullable().optional(),
  rank: z.string().nullable(),
  startDate: DateString.nullable(),
  managedAbove: z.boolean(),
});
export type TeamMember = z.infer<typeof TeamMember>;

export const TeamView = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  name: z.string(),
  /** The team's leadership is managed by a 组织部 above the reader's jurisdiction: its ledger is not the reader's. */
  managedAbove: z.boolean(),
  members: z.array(TeamMember),
});
export type TeamView = z.infer<typeof TeamView>;

// ── Units as they change (机构改革): rename, move, merge, abolish, each dated and audited ──────────────────

/** The day a change took effect: a real date, not after today (the registry changes at once). */
const EffectiveDate = DateString.refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d, '生效日期不是有效日期');
const ChangeReason = z.string().trim().max(200, '原因不超过200字').nullable().optional();

export const OrgRenameBody = z.strictObject({
  name: z.string().trim().min(1, '请填写新名称').max(100),
  shortName: z.string().trim().max(50).nullable().optional(),
  effectiveDate: EffectiveDate,
  reason: ChangeReason,
});
export type OrgRenameBody = z.infer<typeof OrgRenameBody>;

export const OrgMoveBody = z.strictObject({ parentId: z.uuid('请选择新的上级单位'), effectiveDate: EffectiveDate, reason: ChangeReason });
export type OrgMoveBody = z.infer<typeof OrgMoveBody>;

export const OrgMergeBody = z.strictObject({ intoId: z.uuid('请选择并入的单位'), effectiveDate: EffectiveDate, reason: ChangeReason });
export type OrgMergeBody = z.infer<typeof OrgMergeBody>;

export const OrgAbolishBody = z.strictObject({ effectiveDate: EffectiveDate, reason: ChangeReason });
export type OrgAbolishBody = z.infer<typeof OrgAbolishBody>;

export const ORG_CHANGE_KINDS = ['create', 'import', 'rename', 'move', 'merge', 'abolish'] as const;

/**
 * One dated change of a unit (GET /api/orgs/:id/changes, newest first). `details` by kind — rename:
 * {from, to, fromShortName, toShortName}; move: {fromParentId, fromParentName, toParentId, toParentName};
 * merge on the merged unit: {intoId, intoName, cadres, tenures, team, children}, on the target: {fromId, fromName, …}.
 */
export const OrgChange = z.object({
  id: z.uuid(),
  kind: z.enum(ORG_CHANGE_KINDS),
  effectiveDate: DateString,
  details: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
  createdByLogin: z.string().nullable(),
  createdAt: z.string(),
});
export type OrgChange = z.infer<typeof OrgChange>;
