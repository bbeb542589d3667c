/**
 * API contracts of the cadre imports: 干部任免审批表 files (.lrmx / .lrm + .pic, or a .zip of them) with a
 * per-file report and each update's field-by-field difference before anything is written; and the
 * per-row differences of a 干部名册 (roster) checked through the import wizard (`/api/imports`).
 */
import { z } from 'zod';
import { PLACEMENT_HOW } from '../cadres/place-by-title.ts';

/** A family member touched by an import: only the relation and the name are ever shown. */
export const CadreDiffMember = z.object({
  change: z.enum(['added', 'removed', 'changed']).describe('added 新增 / removed 删除 / changed 信息变更'),
  relation: z.string().describe('称谓'),
  name: z.string(),
});

/**
 * One changed field: `before`/`after` are texts as the form writes them ('' = empty). 身份证号 is masked;
 * 家庭成员 is `N人 → M人` with `members` naming who changed (relation + name only); 照片 is `新增`/`更换`.
 */
export const CadreDiffItem = z.object({
  field: z.string().describe('字段：.lrmx 元素名（XingMing …）、idNumber、family、photo，或名册附加字段的中文名'),
  label: z.string().describe('中文栏目名'),
  before: z.string(),
  after: z.string(),
  members: z.array(CadreDiffMember).optional(),
});
export type CadreDiffItem = z.infer<typeof CadreDiffItem>;

export const CadreMatchKind = z.enum(['id', 'name_birth', 'none']).describe('id 按身份证号 / name_birth 按姓名+出生年月 / none 未匹配（新干部）');
export const CadreImportOutcome = z.enum(['create', 'update', 'unchanged', 'error']);

export const CadreImportIssue = z.object({
  field: z.string().describe('栏目（中文），文件级问题为“文件”'),
  message: z.string(),
});

export const CadreImportFileReport = z.object({
  file: z.string().describe('文件名（压缩包内为其中的路径）'),
  format: z.enum(['lrmx', 'lrm']).nullable(),
  status: CadreImportOutcome,
  cadre: z.object({ id: z.uuid().nullable(), name: z.string() }),
  match: CadreMatchKind,
  diff: z.array(CadreDiffItem),
  errors: z.array(CadreImportIssue),
  warnings: z.array(CadreImportIssue),
  /** After the commit: whether this file was written (false for unchanged and failed files). */
  written: z.boolean().optional(),
  /** A new cadre's unit and how it was found (职务: 工作单位及职务; 默认单位: the one chosen). */
  org: z.object({ name: z.string(), how: z.enum(PLACEMENT_HOW) }).nullable().optional(),
});
export type CadreImportFileReport = z.infer<typeof CadreImportFileReport>;

export const CADRE_IMPORT_STATUS = ['checking', 'checked', 'done', 'failed', 'interrupted', 'cancelled'] as const;
export const CADRE_IMPORT_STATUS_NAMES: Record<(typeof CADRE_IMPORT_STATUS)[number], string> = {
  checking: '预览中', checked: '已预览，待导入', done: '已完成', failed: '失败', interrupted: '已中断（可重新预览）', cancelled: '已取消',
};

export const CadreImportSummary = z.object({
  id: z.uuid(),
  fileName: z.string(),
  status: z.enum(CADRE_IMPORT_STATUS),
  orgId: z.uuid().nullable().describe('新干部的默认所在单位'),
  orgName: z.string().nullable(),
  /** Files read so far / in all (while checking). */
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  files: z.number().int(),
  created: z.number().int().describe('预览时为“将新增”，导入后为“已新增”'),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type CadreImportSummary = z.infer<typeof CadreImportSummary>;

export const CadreImportView = CadreImportSummary.extend({
  report: z.array(CadreImportFileReport).describe('每个任免审批表文件一项（预览完成后才有）'),
  skipped: z.array(z.object({ file: z.string(), message: z.string() })).describe('压缩包中跳过的其他文件'),
});
export type CadreImportView = z.infer<typeof CadreImportView>;

export const CadreImportPreviewBody = z.strictObject({
  orgId: z.uuid().nullable().optional().describe('改选新干部的默认单位后重新预览'),
});

export const CadreImportUploadQuery = z.object({
  name: z.string().min(1).max(300).describe('文件名：.lrmx、.lrm（照片为同名 .pic，须放在 .zip 中一起上传）或 .zip'),
  orgId: z.uuid().optional().describe('新干部的所在单位（任免审批表中没有系统可识别的单位）；有新干部时必填'),
});

/** One row of a roster import's differences (`GET /api/imports/:id/changes`). */
export const RosterChange = z.object({
  row: z.number().int().describe('Excel 行号'),
  status: z.enum(['create', 'update', 'unchanged']).describe('unchanged：干部信息无变化，只建立任职'),
  cadre: z.object({ id: z.uuid().nullable(), name: z.string() }),
  match: CadreMatchKind,
  orgName: z.string().nullable().describe('新干部的所在单位'),
  orgHow: z.enum(PLACEMENT_HOW).nullable().optional().describe('新干部的单位从何而来：column 单位列、title 职务、default 默认单位'),
  tenure: z.object({
    team: z.string(), title: z.string(), isPrincipal: z.boolean(), startDate: z.string(),
    startFrom: z.enum(['column', 'today']).describe('开始日期：column 任现职务时间；today 导入当天'),
  }).nullable().optional().describe('导入时将建立的任职（选择“同时建立任职”时）'),
  diff: z.array(CadreDiffItem),
  warnings: z.array(z.string()),
});
export type RosterChange = z.infer<typeof RosterChange>;

export const RosterChangesQuery = z.object({
  afterRow: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
