import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { appUser, department } from './accounts.ts';
import { bytea } from './registry.ts';

/** Tokens of department systems pushing entries over the API: bound to one department and its kinds; only the SM3 is stored. */
export const apiToken = pgTable('api_token', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  name: text('name').notNull(),
  departmentCode: text('department_code').notNull().references(() => department.code),
  kinds: text('kinds').array().notNull(),
  /** The organization subtree the system may write for (its jurisdiction). */
  scopeOrgId: uuid('scope_org_id').notNull(),
  tokenHash: bytea('token_hash').notNull().unique(),
  /** First characters of the token, to recognise it in lists. */
  prefix: text('prefix').notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  revokedBy: uuid('revoked_by'),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
}, (t) => [index('api_token_dept_idx').on(t.departmentCode)]);

/** Idempotency-Key of a department push: a retried request gets the first answer back and writes nothing. */
export const apiIdempotency = pgTable('api_idempotency', {
  tokenId: uuid('token_id').notNull().references(() => apiToken.id),
  key: text('key').notNull(),
  requestSm3: bytea('request_sm3').notNull(),
  status: integer('status').notNull(),
  response: jsonb('response').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [primaryKey({ columns: [t.tokenId, t.key] })]);

/** Idempotency-Key of the session API (a signed-in user's POST): the same per-user semantics as apiIdempotency. */
export const sessionIdempotency = pgTable('session_idempotency', {
  userId: uuid('user_id').notNull().references(() => appUser.id),
  key: text('key').notNull(),
  requestSm3: bytea('request_sm3').notNull(),
  status: integer('status').notNull(),
  response: jsonb('response').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [primaryKey({ columns: [t.userId, t.key] })]);
