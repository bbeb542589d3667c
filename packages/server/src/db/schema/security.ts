import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { appUser } from './accounts.ts';

/** The 安全管理员's security policy: one row per version (append-only); the highest version is in force. */
export const securityPolicy = pgTable('security_policy', {
  version: integer('version').primaryKey(),
  policy: jsonb('policy').notNull(),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  changedBy: uuid('changed_by').references(() => appUser.id),
});

/** Hashes of the passwords each user chose (newest last), so that a change cannot reuse the last N. */
export const passwordHistory = pgTable('password_history', {
  userId: uuid('user_id').notNull().references(() => appUser.id, { onDelete: 'cascade' }),
  passwordHash: text('password_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [index('password_history_user_idx').on(t.userId, t.createdAt)]);
