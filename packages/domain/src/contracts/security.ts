import { z } from 'zod';

export const SessionView = z.object({
  handle: z.string().describe('会话句柄（会话号哈希的前缀，不是会话号本身）'),
  userId: z.uuid(),
  login: z.string(),
  displayName: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  clientIp: z.string().nullable(),
  current: z.boolean(),
});
export type SessionView = z.infer<typeof SessionView>;

const int = (min: number, max: number, label: string) =>
  z.number().int(`${label}须为整数`).min(min, `${label}不能小于${min}`).max(max, `${label}不能大于${max}`);

/** One limit: at most `max` requests in `windowSeconds` (a token bucket: bursts of `max`, refilled over the window). */
export const RateLimit = z.strictObject({
  max: int(1, 100_000, '次数'),
  windowSeconds: int(1, 86_400, '时间窗口（秒）'),
});
export type RateLimit = z.infer<typeof RateLimit>;

export const RATE_LIMIT_LABELS = {
  loginPerIp: '登录（每个IP地址）',
  loginPerAccount: '登录（每个账号）',
  lookupPerAccount: '成员单位查找干部（每个账号）',
  lookupPerIp: '成员单位查找干部（每个IP地址）',
  apiPerToken: '接口令牌推送（每个令牌）',
  apiPerIp: '接口令牌推送（每个IP地址）',
  apiAuthFailuresPerIp: '无效接口令牌（每个IP地址）',
} as const;
export type RateLimitName = keyof typeof RATE_LIMIT_LABELS;

export const RateLimits = z.strictObject({
  loginPerIp: RateLimit,
  loginPerAccount: RateLimit,
  lookupPerAccount: RateLimit,
  lookupPerIp: RateLimit,
  apiPerToken: RateLimit,
  apiPerIp: RateLimit,
  apiAuthFailuresPerIp: RateLimit,
});
export type RateLimits = z.infer<typeof RateLimits>;

/**
 * The security policy the 安全管理员 sets (等保 8.1.4.1): password rules, lockout, session time limits and
 * request limits. An object so that further parts (second factor…) are added as keys.
 */
export const SecurityPolicy = z.strictObject({
  password: z.strictObject({
    minLength: int(8, 64, '密码最短长度'),
    maxLength: int(64, 256, '密码最大长度'),
    minClasses: int(2, 4, '字符类别数'),
    historyCount: int(0, 24, '不得重复使用的历史密码个数'),
    expiryDays: int(0, 365, '密码有效期（天）'),
    extraWords: z.array(z.string().trim().min(2, '禁用词至少2个字符').max(40, '禁用词不能超过40个字符')).max(200, '禁用词不能超过200个'),
  }).refine((p) => p.minLength <= p.maxLength, { message: '密码最短长度不能大于最大长度', path: ['minLength'] }),
  maxFailedLogins: int(3, 20, '连续登录失败次数'),
  lockMinutes: int(1, 1440, '锁定时长（分钟）'),
  sessionIdleMinutes: int(5, 120, '会话空闲超时（分钟）'),
  sessionAbsoluteHours: int(1, 24, '会话最长时间（小时）'),
  rateLimits: RateLimits,
});
export type SecurityPolicy = z.infer<typeof SecurityPolicy>;

/** PUT /api/security/policy: the whole policy and the version it was edited from (a later change → 409). */
export const SecurityPolicyUpdate = z.strictObject({
  baseVersion: z.number().int().min(0),
  policy: SecurityPolicy,
});
export type SecurityPolicyUpdate = z.infer<typeof SecurityPolicyUpdate>;

export const SecurityPolicyView = SecurityPolicy.safeExtend({
  pbkdf2Iterations: z.number(),
  /** 0 = the built-in defaults (never changed). */
  version: z.number(),
  updatedAt: z.string().nullable(),
  updatedByLogin: z.string().nullable(),
});
export type SecurityPolicyView = z.infer<typeof SecurityPolicyView>;

/** What the 修改密码 page shows (any signed-in user). */
export const PasswordRulesView = z.object({
  minLength: z.number(),
  maxLength: z.number(),
  minClasses: z.number(),
  historyCount: z.number(),
  expiryDays: z.number(),
});
export type PasswordRulesView = z.infer<typeof PasswordRulesView>;
