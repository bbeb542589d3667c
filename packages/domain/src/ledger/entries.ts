/** API contracts of the supervision ledger (管理监督工作台账). */
import { z } from 'zod';
import { ENTRY_STATUS, PROVENANCE, SENSITIVITY } from '../codes/statuses.ts';
import { CursorQuery, DateString, sortParam } from '../contracts/common.ts';

export { ENTRY_STATUS, ENTRY_STATUS_NAMES, PROVENANCE, PROVENANCE_NAMES, SENSITIVITY } from '../codes/statuses.ts';

const Text = (max: number) => z.string().trim().max(max);

/** Common fields of a new entry; `details` are validated per kind by the server. */
export const EntryCreateBody = z.strictObject({
  kind: z.string().min(1).max(20).describe('台账类别代码，如 xfjb（信访举报）'),
  sourceDept: z.string().min(1).max(20).optional().describe('来源单位代码；成员单位账号固定为本单位'),
  cadreId: z.uuid().nullable().optional(),
  teamId: z.uuid().nullable().optional(),
  occurredOn: DateString.describe('发生（或决定）日期'),
  refNo: Text(100).nullable().optional().describe('文号'),
  summary: Text(2000).min(1, '请填写摘要'),
  outcome: Text(2000).nullable().optional().describe('处理结果'),
  details: z.record(z.string(), z.unknown()).default({}),
  sensitivity: z.enum(SENSITIVITY).default('一般'),
});
export type EntryCreateBody = z.infer<typeof EntryCreateBody>;

/** A correction replaces the content of a version; `baseVersion` is the version it corrects (409 if stale). */
export const EntryCorrectBody = EntryCreateBody.omit({ kind: true, sourceDept: true }).extend({
  baseVersion: z.number().int().min(1),
  reason: Text(500).min(1, '请填写更正原因'),
});
export type EntryCorrectBody = z.infer<typeof EntryCorrectBody>;

export const EntryWithdrawBody = z.strictObject({
  baseVersion: z.number().int().min(1),
  reason: Text(500).min(1, '请填写撤销原因'),
});

export const EntryReviewBody = z.strictObject({
  decision: z.enum(['accepted', 'returned']),
  reason: Text(500).optional(),
  baseVersion: z.number().int().min(1),
});

export const EntryVersionView = z.object({
  versionId: z.uuid(),
  version: z.number().int(),
  action: z.enum(['create', 'correct', 'withdraw']),
  kind: z.string(),
  kindName: z.string(),
  sourceDept: z.string(),
  sourceDeptName: z.string(),
  cadreId: z.uuid().nullable(),
  cadreName: z.string().nullable(),
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  occurredOn: z.string(),
  refNo: z.string().nullable(),
  summary: z.string(),
  outcome: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  impactUntil: z.string().nullable(),
  impactBasis: z.string().nullable(),
  sensitivity: z.string(),
  provenance: z.enum(PROVENANCE),
  batchId: z.uuid().nullable(),
  reason: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  /** True when the reader lacks clearance for this 敏感/重要 record: content withheld (field policy). */
  redacted: z.boolean().optional(),
});
export type EntryVersionView = z.infer<typeof EntryVersionView>;

export const EntryView = EntryVersionView.extend({
  entryId: z.uuid(),
  status: z.enum(ENTRY_STATUS),
  reviewReason: z.string().nullable(),
  attachments: z.array(z.object({ id: z.uuid(), fileName: z.string(), size: z.number(), mime: z.string() })).optional(),
});
export type EntryView = z.infer<typeof EntryView>;

/** A page of the ledger list; `searchIncomplete`: a keyword was given while the 摘要 search index is still being built. */
export const EntryPage = z.object({
  items: z.array(EntryView),
  nextCursor: z.string().nullable(),
  searchIncomplete: z.boolean().optional().describe('关键词检索时，旧记录的摘要检索索引仍在后台补建：摘要中的匹配可能不全'),
});
export type EntryPage = z.infer<typeof EntryPage>;

export const EntryHistory = z.object({
  entry: EntryView,
  versions: z.array(EntryVersionView),
  reviews: z.array(z.object({ decision: z.string(), reason: z.string().nullable(), by: z.string().nullable(), at: z.string(), version: z.number() })),
});
export type EntryHistory = z.infer<typeof EntryHistory>;

export const EntryListQuery = z.object({
  cadreId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  kind: z.string().max(20).optional(),
  sourceDept: z.string().max(20).optional(),
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/u, '月份格式应为 YYYY-MM').optional().describe('发生月份（工作台下钻）'),
  orgId: z.uuid().optional().describe('区域：该单位及其下级单位的记录'),
  status: z.enum(ENTRY_STATUS).optional(),
  batchId: z.uuid().optional().describe('只看某次导入写入的记录'),
  q: z.string().trim().max(50, '关键词不超过50个字').optional().describe('关键词：姓名、文号、摘要（空格分隔的词都须出现）'),
  sort: sortParam(['occurredOn', 'createdAt', 'kind'] as const),
  ...CursorQuery,
});
export type EntryListQuery = z.infer<typeof EntryListQuery>;

export const EntryKindView = z.object({
  code: z.string(),
  name: z.string(),
  departments: z.array(z.string()),
  detailsSchema: z.record(z.string(), z.unknown()).describe('该类别详情字段的 JSON Schema（用于生成表单）'),
});
export type EntryKindView = z.infer<typeof EntryKindView>;

/** An attachment of an entry, as the upload answers it. */
export const AttachmentView = z.object({
  id: z.uuid(), entryId: z.uuid(), fileName: z.string(), mime: z.string(), size: z.number().int(), sm3: z.string().describe('SM3 摘要（十六进制）'),
});
export type AttachmentView = z.infer<typeof AttachmentView>;
