import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './registry.ts';

/**
 * Append-only audit log. Triggers refuse UPDATE, DELETE and TRUNCATE; every row carries an SM3 hash
 * chained to the previous one over a gap-free sequence, so `jiandu audit verify` finds any edit.
 */
export const auditLog = pgTable('audit_log', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
  actorUserId: uuid('actor_user_id'),
  actorLogin: text('actor_login'),
  actorRole: text('actor_role'),
  action: text('action').notNull(),
  objectType: text('object_type'),
  objectId: text('object_id'),
  result: text('result').notNull(),
  reason: text('reason'),
  clientIp: text('client_ip'),
  requestId: text('request_id'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull(),
  prevHash: bytea('prev_hash').notNull(),
  hash: bytea('hash').notNull(),
}, (t) => [
  index('audit_at_idx').on(t.at),
  index('audit_actor_idx').on(t.actorLogin, t.seq),
  index('audit_object_idx').on(t.objectType, t.objectId),
]);
