import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appUser } from './accounts.ts';
import { bytea } from './registry.ts';

/**
 * 双人审批 of account changes (migration 0016): proposed by the 系统管理员, approved or rejected by a 安全管理员
 * who is another account (CHECK + trigger `account_change_guard`). Rows are never deleted; after the decision
 * only the one-time password (`secret`, SM4) is wiped once shown.
 */
export const accountChange = pgTable('account_change', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  /** create | enable | reset-password | reset-mfa */
  kind: text('kind').notNull(),
  /** The account concerned; for `create`, set when approved. */
  targetUserId: uuid('target_user_id').references(() => appUser.id),
  login: text('login').notNull(),
  /** For `create`: { displayName, role, scopeOrgId, departmentCode }. */
  payload: jsonb('payload').notNull().default(sql`'{}'::jsonb`),
  reason: text('reason'),
  proposedBy: uuid('proposed_by').notNull().references(() => appUser.id),
  proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
  status: text('status').notNull().default('待审批'),
  decidedBy: uuid('decided_by').references(() => appUser.id),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  decisionReason: text('decision_reason'),
  /** Who receives the one-time password: 'proposer' (fetched once, `secret` until then) or 'approver' (in the approval's answer). */
  passwordTo: text('password_to'),
  secret: bytea('secret'),
  secretShownAt: timestamp('secret_shown_at', { withTimezone: true }),
}, (t) => [
  check('account_change_kind', sql`${t.kind} in ('create','enable','reset-password','reset-mfa')`),
  check('account_change_status', sql`${t.status} in ('待审批','已批准','已驳回','已撤回')`),
  check('account_change_decided', sql`(${t.status} = '待审批') = (${t.decidedBy} is null and ${t.decidedAt} is null)`),
  check('account_change_two_people', sql`${t.decidedBy} is null or ${t.status} = '已撤回' or ${t.decidedBy} <> ${t.proposedBy}`),
  check('account_change_secret_approved', sql`${t.secret} is null or (${t.status} = '已批准' and ${t.passwordTo} = 'proposer')`),
  uniqueIndex('account_change_one_pending').on(t.kind, t.login).where(sql`${t.status} = '待审批'`),
  index('account_change_proposed_at_idx').on(t.proposedAt),
]);
