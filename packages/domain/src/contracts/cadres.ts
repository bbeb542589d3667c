import { z } from 'zod';
import { CADRE_STATUSES, GENDERS, MANAGE_LEVELS } from '../codes/registry.ts';
import { CursorQuery, DateString, MonthString, sortParam } from './common.ts';

export const CadreListQuery = z.object({
  q: z.string().trim().max(64).optional().describe('姓名、拼音首字母（如 zsm）或完整身份证号'),
  orgId: z.uuid().optional().describe('只看此单位及其下级单位'),
  status: z.enum(CADRE_STATUSES).optional(),
  gender: z.enum(GENDERS).optional(),
  principal: z.enum(['true', 'false']).optional().describe('true：只看一把手'),
  sort: sortParam(['name', 'org', 'birth'] as const),
  ...CursorQuery,
});
export type CadreListQuery = z.infer<typeof CadreListQuery>;

export const CadreListItem = z.object({
  id: z.uuid(),
  name: z.string(),
  gender: z.string().nullable(),
  birth: z.string().nullable(),
  orgId: z.uuid(),
  orgName: z.string(),
  currentTitle: z.string().nullable(),
  isPrincipal: z.boolean(),
  rank: z.string().nullable(),
  status: z.string(),
  idNumberMasked: z.string().nullable(),
});
export type CadreListItem = z.infer<typeof CadreListItem>;

export const TenureView = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  title: z.string(),
  isPrincipal: z.boolean(),
  /** The 分工 in force today (after any 分工调整). */
  domains: z.array(z.string()),
  /** The day the 分工 in force took effect by a 分工调整; null or absent: the tenure's own, from its start. */
  domainsSince: DateString.nullable().optional(),
  rank: z.string().nullable(),
  startDate: DateString,
  endDate: DateString.nullable(),
});
export type TenureView = z.infer<typeof TenureView>;

export const CadreDetail = z.object({
  id: z.uuid(),
  name: z.string(),
  gender: z.string().nullable(),
  birth: z.string().nullable(),
  ethnicity: z.string().nullable(),
  nativePlace: z.string().nullable(),
  partyDate: z.string().nullable(),
  workDate: z.string().nullable(),
  educationFullTime: z.string().nullable(),
  educationInService: z.string().nullable(),
  rank: z.string().nullable(),
  status: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  idNumberMasked: z.string().nullable(),
  birthPlace: z.string().nullable().optional(),
  hasPhoto: z.boolean().optional().describe('有照片：GET /api/cadres/:id/photo'),
  hasRecord: z.boolean().optional().describe('有导入的干部任免审批表（导出时原样给出各栏）'),
  tenures: z.array(TenureView),
  /** 干部管理权限: from the rank unless overridden (`manageLevelOverride`). */
  manageLevel: z.enum(MANAGE_LEVELS),
  manageLevelOverride: z.enum(MANAGE_LEVELS).nullable(),
  /** The reader may override it (a supervisor of a jurisdiction above the county: PUT /api/cadres/:id/manage-level). */
  manageLevelEditable: z.boolean(),
  version: z.number().int(),
});
export type CadreDetail = z.infer<typeof CadreDetail>;

export const CadreCreateBody = z.strictObject({
  name: z.string().trim().min(1, '请填写姓名').max(32),
  idNumber: z.string().max(32).optional().describe('18位身份证号；出生年月和性别从中读出'),
  gender: z.enum(GENDERS).optional(),
  birth: MonthString.optional(),
  ethnicity: z.string().max(20).optional(),
  nativePlace: z.string().max(50).optional(),
  partyDate: MonthString.optional(),
  workDate: MonthString.optional(),
  educationFullTime: z.string().max(50).optional(),
  educationInService: z.string().max(50).optional(),
  rank: z.string().max(20).optional(),
  status: z.enum(CADRE_STATUSES).default('在职'),
  orgId: z.uuid(),
});
export type CadreCreateBody = z.infer<typeof CadreCreateBody>;

export const CadreLookupQuery = z.object({
  idNumber: z.string().max(32).optional(),
  name: z.string().trim().max(32).optional(),
  orgId: z.uuid().optional(),
});
export const CadreLookupResult = z.object({
  id: z.uuid(),
  name: z.string(),
  orgName: z.string(),
  currentTitle: z.string().nullable(),
});
export type CadreLookupResult = z.infer<typeof CadreLookupResult>;

export const TenureCreateBody = z.strictObject({
  teamId: z.uuid(),
  title: z.string().trim().min(1, '请填写职务').max(50),
  isPrincipal: z.boolean().default(false),
  domains: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  rank: z.string().max(20).nullable().optional(),
  startDate: DateString,
  endDate: DateString.nullable().optional(),
});
export type TenureCreateBody = z.infer<typeof TenureCreateBody>;

/** 分工调整: the 分管领域 in force from `effectiveDate` on, without ending the tenure (append-only history). */
export const TenureDomainsBody = z.strictObject({
  domains: z.array(z.string().trim().min(1, '分管领域不能为空').max(20, '分管领域不超过20字')).max(20, '分管领域不超过20项'),
  effectiveDate: DateString,
  reason: z.string().trim().max(200, '原因不超过200字').optional(),
});
export type TenureDomainsBody = z.infer<typeof TenureDomainsBody>;

export const TenureDomainChange = z.object({
  id: z.uuid(),
  domains: z.array(z.string()),
  effectiveDate: DateString,
  reason: z.string().nullable(),
  createdByLogin: z.string().nullable(),
  createdAt: z.string(),
});
export type TenureDomainChange = z.infer<typeof TenureDomainChange>;

/** A tenure's 分工 history: the 分工 at its start, each 分工调整 (oldest first) and the 分工 in force today. */
export const TenureDomainHistory = z.object({
  tenureId: z.uuid(),
  startDate: DateString,
  endDate: DateString.nullable(),
  initial: z.array(z.string()),
  changes: z.array(TenureDomainChange),
  current: z.array(z.string()),
  currentSince: DateString.nullable(),
});
export type TenureDomainHistory = z.infer<typeof TenureDomainHistory>;

/** Sets (or, with null, removes) the per-cadre override of the 干部管理权限; the reason goes to the audit log. */
export const ManageLevelBody = z.strictObject({
  level: z.enum(MANAGE_LEVELS).nullable(),
  reason: z.string().trim().min(1, '请填写调整理由').max(200),
});
export type ManageLevelBody = z.infer<typeof ManageLevelBody>;

export const IdNumberReveal = z.object({ idNumber: z.string() });

/** The cadre's 干部任免审批表 beyond the registry columns: field texts, 简历 (as written and as periods), family. */
export const CadreRecordView = z.object({
  fields: z.array(z.object({ element: z.string(), label: z.string(), text: z.string() })),
  resumeText: z.string(),
  resume: z.array(z.object({
    start: z.string().nullable(), end: z.string().nullable(), endKind: z.string().nullable(), text: z.string(),
    main: z.string(), sub: z.array(z.string()),
  })),
  resumeUnparsed: z.array(z.string()),
  familyCount: z.number().int(),
  /** Only for users who may read sensitive fields (the read is audited); null otherwise. */
  family: z.array(z.record(z.string(), z.string())).nullable(),
  source: z.object({ format: z.string(), name: z.string().nullable(), updatedAt: z.string() }).nullable(),
});
export type CadreRecordView = z.infer<typeof CadreRecordView>;
