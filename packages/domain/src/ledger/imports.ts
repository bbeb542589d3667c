/** API contracts of the ledger import wizard (upload → mapping → check → commit → report). */
import { z } from 'zod';
import { HeaderOverrides, SheetMapping } from '../contracts/sheet.ts';
import { RuleJobView } from '../contracts/rules.ts';

export const IMPORT_STATUS = ['uploaded', 'queued', 'checking', 'checked', 'committing', 'done', 'failed', 'interrupted', 'cancelled', 'expired'] as const;
export const IMPORT_STATUS_NAMES: Record<(typeof IMPORT_STATUS)[number], string> = {
  uploaded: '已上传，待确认表头', queued: '排队中', checking: '检查中', checked: '已检查，待导入', committing: '导入中', done: '已完成',
  failed: '失败', interrupted: '已中断（可继续）', cancelled: '已取消', expired: '已过期（文件已清除）',
};

export const ImportBatchView = z.object({
  id: z.uuid(),
  fileName: z.string(),
  kind: z.string(),
  kindName: z.string(),
  sourceDept: z.string(),
  status: z.enum(IMPORT_STATUS),
  strict: z.boolean(),
  progress: z.number().int().describe('0–100'),
  rows: z.number().int(),
  valid: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  error: z.string().nullable(),
  overrides: HeaderOverrides,
  mapping: SheetMapping.nullable(),
  options: z.object({ orgId: z.uuid().nullable(), tenures: z.boolean() }).optional().describe('干部名册：默认单位、是否同时建立任职'),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  reevaluation: RuleJobView.nullable().optional()
    .describe('台账导入后的预警重算：对象少时随导入完成；多时为后台任务（progress/total），结束后预警即为最新'),
});
export type ImportBatchView = z.infer<typeof ImportBatchView>;

export const ImportUploadQuery = z.object({
  kind: z.string().min(1).max(40).describe('台账类别：代码或中文名'),
  source: z.string().max(40).optional().describe('来源单位：代码或中文名（成员单位不填）'),
  name: z.string().min(1).max(300).describe('文件名'),
  strict: z.enum(['true', 'false']).optional().describe('严格模式：任何一行有问题则整批不导入'),
  orgId: z.uuid().optional().describe('干部名册：新干部的默认单位（没有“单位”列、职务中也认不出单位时）'),
  tenures: z.enum(['true', 'false']).optional().describe('干部名册：同时在单位的领导班子中建立任职'),
});

export const ImportUploadResult = z.object({
  batch: ImportBatchView,
  title: z.string().nullable(),
  unmapped: z.array(z.string()),
  missing: z.array(z.object({ key: z.string(), label: z.string() })),
  /** Headers that could mean two fields or more: the check does not start until each is mapped or ignored. */
  ambiguous: z.array(z.object({ header: z.string(), candidates: z.array(z.object({ key: z.string(), label: z.string() })) })),
  notes: z.array(z.string()),
  columns: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean() })).describe('该类别可导入的字段'),
  sampleRows: z.array(z.object({ row: z.number().int(), cells: z.array(z.unknown()) })),
  previous: z.object({ id: z.uuid(), createdAt: z.string(), imported: z.number().int() }).nullable().describe('同一文件此前已完成的导入'),
});
export type ImportUploadResult = z.infer<typeof ImportUploadResult>;

export const ImportCheckBody = z.strictObject({
  overrides: HeaderOverrides.optional(),
  strict: z.boolean().optional(),
  orgId: z.uuid().nullable().optional().describe('干部名册：改选新干部的默认单位（null 为不设）'),
  tenures: z.boolean().optional().describe('干部名册：同时建立任职'),
});

export const ImportIssuesQuery = z.object({
  afterRow: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
