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

export const SecurityPolicyView = z.object({
  password: z.object({ minLength: z.number(), maxLength: z.number(), minClasses: z.number() }),
  maxFailedLogins: z.number(),
  lockMinutes: z.number(),
  sessionIdleMinutes: z.number(),
  sessionAbsoluteHours: z.number(),
  pbkdf2Iterations: z.number(),
});
export type SecurityPolicyView = z.infer<typeof SecurityPolicyView>;
