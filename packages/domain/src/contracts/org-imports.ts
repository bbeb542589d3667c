/** 组织机构 import (kind `orgs`): one unit the import would create or update (`GET /api/imports/:id/changes`). */
import { z } from 'zod';

export const OrgImportChange = z.object({
  row: z.number().int().describe('Excel 行号'),
  status: z.enum(['create', 'update']),
  org: z.object({ id: z.uuid().describe('已有单位；新增单位为导入时将使用的 id'), name: z.string() }),
  parent: z.object({
    id: z.uuid().nullable().describe('上级单位（null：顶层）'),
    row: z.number().int().nullable().describe('上级单位在表中的行号'),
    name: z.string().nullable(),
    isNew: z.boolean().describe('上级单位由本次导入新增'),
  }),
  shortName: z.string().nullable(),
  type: z.string(),
  level: z.string(),
  regionCode: z.string(),
  withTeam: z.boolean(),
  diff: z.array(z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string() })),
  warnings: z.array(z.string()),
});
export type OrgImportChange = z.infer<typeof OrgImportChange>;
