/**
 * API contracts of department-system integration: 接口令牌 (managed by the 系统管理员) and the push of
 * ledger entries by a department's own system (POST /api/v1/entries, `Authorization: Bearer <令牌>`).
 */
import { z } from 'zod';
import { DateString } from './common.ts';
import { SENSITIVITY } from '../ledger/entries.ts';
import { ENTRY_KIND } from '../codes/entry-kinds.ts';

// eslint-disable-next-line no-control-regex
const noControl = /^[^\u0000-\u001f\u007f]*$/u;
const Text = (max: number) => z.string().trim().max(max);

/** A token is `jdt_` + 43 base64url characters (32 random bytes). */
export const API_TOKEN_PATTERN = /^jdt_[A-Za-z0-9_-]{43}$/u;

export const ApiTokenCreateBody = z.strictObject({
  name: Text(64).min(1, '请填写令牌名称').regex(noControl, '名称不能包含控制字符').describe('用途说明，如“信访局信访系统”；同名的有效令牌只能有一个'),
  departmentCode: z.string().min(1).max(32).describe('成员单位代码：令牌只能以该单位名义报送'),
  kinds: z.array(z.string().min(1).max(20)).min(1, '至少选择一个台账类别').max(20).describe('可报送的台账类别（须为该成员单位可报送类别的子集）'),
  scopeOrgId: z.uuid().describe('管辖范围：只能为该组织及其下级组织的干部、班子报送'),
});
export type ApiTokenCreateBody = z.infer<typeof ApiTokenCreateBody>;

export const ApiTokenView = z.object({
  id: z.uuid(),
  name: z.string(),
  departmentCode: z.string(),
  departmentName: z.string(),
  kinds: z.array(z.string()),
  scopeOrgId: z.uuid(),
  scopeOrgName: z.string().nullable(),
  prefix: z.string().describe('令牌的前几位，用于辨认；完整令牌只在创建时显示一次'),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
});
export type ApiTokenView = z.infer<typeof ApiTokenView>;

/** The answer of a token creation: the only time the token itself is ever shown. */
export const ApiTokenCreated = z.object({
  token: z.string().describe('完整令牌，只显示这一次；系统只保存其 SM3 摘要'),
  view: ApiTokenView,
});
export type ApiTokenCreated = z.infer<typeof ApiTokenCreated>;

// ---- POST /api/v1/entries ----

export const PUSH_MAX_ITEMS = 500;

export const PushCadreRef = z.strictObject({
  idNumber: z.string().trim().min(1).max(30).optional().describe('身份证号（精确匹配）'),
  name: Text(64).min(1).optional().describe('姓名（须与所在单位一起给出，精确匹配）'),
  orgId: z.uuid().optional().describe('所在单位 id（与姓名一起使用）'),
}).describe('干部：给身份证号，或同时给姓名和所在单位 id；只在令牌的管辖范围内查找');

export const PushEntryItem = z.strictObject({
  externalId: Text(100).min(1, '请填写本系统记录编号').regex(noControl, '记录编号不能包含控制字符')
    .describe('报送单位系统中该记录的编号：同一编号只入库一次，重复报送报告为 duplicate'),
  kind: z.string().min(1).max(20).describe('台账类别代码，须在令牌允许的类别内'),
  cadre: PushCadreRef.optional(),
  teamOrgId: z.uuid().optional().describe('领导班子所在单位 id（记录的对象是班子时填写）'),
  occurredOn: DateString.describe('发生（或决定）日期'),
  refNo: Text(100).nullable().optional().describe('文号'),
  summary: Text(2000).min(1, '请填写摘要'),
  outcome: Text(2000).nullable().optional().describe('处理结果'),
  details: z.record(z.string(), z.unknown()).default({}).describe('该类别的详情字段，见 GET /api/entry-kinds'),
  sensitivity: z.enum(SENSITIVITY).default('一般'),
});
export type PushEntryItem = z.infer<typeof PushEntryItem>;

const PUSH_EXAMPLE = {
  entries: [
    {
      externalId: 'XF-2025-000123',
      kind: ENTRY_KIND.petition,
      cadre: { idNumber: '519901197003150131' },
      occurredOn: '2025-03-15',
      refNo: '青信〔2025〕12号',
      summary: '群众反映其违规操办婚宴',
      details: { channel: '12380', realName: true, status: '核查中' },
    },
    {
      externalId: 'XF-2025-000124',
      kind: ENTRY_KIND.petition,
      cadre: { name: '李四海', orgId: '3f1c2a7e-0b8d-4c55-9a61-2d7f4e8b9c10' },
      occurredOn: '2025-03-20',
      summary: '反映其子女婚事大操大办',
      details: { channel: '来信', realName: false, status: '办结', result: '失实' },
      sensitivity: '敏感',
    },
  ],
};

export const PushBody = z.strictObject({
  entries: z.array(PushEntryItem).min(1, '至少报送一条记录').max(PUSH_MAX_ITEMS, `每批最多${PUSH_MAX_ITEMS}条`),
}).meta({ examples: [PUSH_EXAMPLE] });
export type PushBody = z.infer<typeof PushBody>;

export const PushHeaders = z.object({
  'idempotency-key': z.string().min(1, '请提供 Idempotency-Key').max(100, 'Idempotency-Key 最长100个字符')
    .regex(/^[\x21-\x7e]+$/u, 'Idempotency-Key 只能包含可见的 ASCII 字符')
    .describe('幂等键（1–100个可见 ASCII 字符，建议用 UUID）：同一令牌、同一键、同一请求体的重试返回首次的结果，不重复写入'),
});

export const PushItemResult = z.object({
  index: z.number().int().describe('在 entries 中的序号（从0开始）'),
  externalId: z.string(),
  status: z.enum(['created', 'duplicate', 'rejected']),
  entryId: z.uuid().optional().describe('created：新记录的 id；duplicate：此前已入库记录的 id'),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe('rejected 时的原因，path 相对于该条记录'),
});
export type PushItemResult = z.infer<typeof PushItemResult>;

export const PushResponse = z.object({
  created: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  results: z.array(PushItemResult),
}).meta({
  examples: [{
    created: 1, duplicates: 0, rejected: 1,
    results: [
      { index: 0, externalId: 'XF-2025-000123', status: 'created', entryId: '0b9e7c52-4f1d-4e8a-9c3b-6a2d5e7f8a91' },
      { index: 1, externalId: 'XF-2025-000124', status: 'rejected', issues: [{ path: 'cadre.name', message: '所在单位中未找到该姓名的干部（或不在令牌的管辖范围内）' }] },
    ],
  }],
});
export type PushResponse = z.infer<typeof PushResponse>;
