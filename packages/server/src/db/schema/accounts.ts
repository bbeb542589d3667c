import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid, check, jsonb } from 'drizzle-orm/pg-core';
import { org } from './registry.ts';
import { bytea } from './registry.ts';

/** 成员单位 of the joint meeting, with the ledger-entry kinds each may submit. */
export const department = pgTable('department', {
  code: text('code').primaryKey(),
  name: text('name').notNull().unique(),
  kinds: text('kinds').array().notNull().default(sql`'{}'::text[]`),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const appUser = pgTable('app_user', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  /** NFKC + lower-case: `ＡＤＭＩＮ` and `admin` are the same login. */
  login: text('login').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: boolean('must_change_password').notNull().default(true),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  disabled: boolean('disabled').notNull().default(false),
  scopeOrgId: uuid('scope_org_id').references(() => org.id),
  departmentCode: text('department_code').references(() => department.code),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [check('app_user_login_lower', sql`${t.login} = lower(${t.login})`)]);

export const userRole = pgTable('user_role', {
  userId: uuid('user_id').notNull().references(() => appUser.id, { onDelete: 'cascade' }),
  role: text('role').notNull(),
}, (t) => [
  primaryKey({ columns: [t.userId, t.role] }),
  check('user_role_known', sql`${t.role} in ('supervisor','chief','leader','member','sysadmin','secadmin','auditadmin')`),
]);

/** Server-side sessions; the cookie holds a random token, the table only its SM3 hash. */
export const session = pgTable('session', {
  idHash: bytea('id_hash').primaryKey(),
  userId: uuid('user_id').notNull().references(() => appUser.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  clientIp: text('client_ip'),
  userAgent: text('user_agent'),
  /** null: fully signed in; 'verify': the TOTP/recovery code is still due; 'enroll': a factor must be set up first. */
  mfaState: text('mfa_state'),
}, (t) => [
  index('session_user_idx').on(t.userId),
  check('session_mfa_state_known', sql`${t.mfaState} in ('verify','enroll')`),
]);

/** Second factor (AUTH-05): the TOTP secret (SM4, AAD `user:<id>:totp`) and the last time step accepted. */
export const userMfa = pgTable('user_mfa', {
  userId: uuid('user_id').primaryKey().references(() => appUser.id, { onDelete: 'cascade' }),
  secretEnc: bytea('secret_enc'),
  /** A secret being enrolled, until the user confirms it with a code. */
  pendingSecretEnc: bytea('pending_secret_enc'),
  lastStep: bigint('last_step', { mode: 'number' }),
  enrolledAt: timestamp('enrolled_at', { withTimezone: true }),
});

/** One-time recovery codes: SM3 hashes only; a used one keeps its row with `used_at`. */
export const userRecoveryCode = pgTable('user_recovery_code', {
  userId: uuid('user_id').notNull().references(() => appUser.id, { onDelete: 'cascade' }),
  codeHash: bytea('code_hash').notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
}, (t) => [primaryKey({ columns: [t.userId, t.codeHash] })]);

export const setting = pgTable('setting', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});
