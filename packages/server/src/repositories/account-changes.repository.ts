/** 双人审批 requests (account_change). The table's trigger guards every transition; this file only reads and writes. */
import { desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Role } from '@jiandu/domain';
import type { Tx } from '../db/client.ts';
import { accountChange, appUser, department, org } from '../db/schema/index.ts';

export interface ChangeRow {
  id: string;
  kind: string;
  targetUserId: string | null;
  login: string;
  payload: { displayName?: string; role?: Role; scopeOrgId?: string | null; departmentCode?: string | null };
  reason: string | null;
  proposedBy: string;
  proposedByLogin: string;
  proposedAt: Date;
  status: string;
  decidedBy: string | null;
  decidedByLogin: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  passwordTo: string | null;
  hasSecret: boolean;
  /** The target account's (or, for a create, the requested) display name, role, scope and department. */
  displayName: string | null;
  role: Role | null;
  scopeOrgName: string | null;
  departmentName: string | null;
}

const proposer = alias(appUser, 'proposer');
const decider = alias(appUser, 'decider');
const target = alias(appUser, 'target');

function select(tx: Tx) {
  return tx.select({
    id: accountChange.id,
    kind: accountChange.kind,
    targetUserId: accountChange.targetUserId,
    login: accountChange.login,
    payload: accountChange.payload,
    reason: accountChange.reason,
    proposedBy: accountChange.proposedBy,
    proposedByLogin: proposer.login,
    proposedAt: accountChange.proposedAt,
    status: accountChange.status,
    decidedBy: accountChange.decidedBy,
    decidedByLogin: decider.login,
    decidedAt: accountChange.decidedAt,
    decisionReason: accountChange.decisionReason,
    passwordTo: accountChange.passwordTo,
    hasSecret: sql<boolean>`${accountChange.secret} is not null`,
    displayName: sql<string | null>`coalesce(${target.displayName}, ${accountChange.payload}->>'displayName')`,
    role: sql<Role | null>`coalesce(
      (select min(r.role) from user_role r where r.user_id = ${accountChange.targetUserId}),
      ${accountChange.payload}->>'role')`,
    scopeOrgName: org.name,
    departmentName: department.name,
  }).from(accountChange)
    .innerJoin(proposer, eq(proposer.id, accountChange.proposedBy))
    .leftJoin(decider, eq(decider.id, accountChange.decidedBy))
    .leftJoin(target, eq(target.id, accountChange.targetUserId))
    .leftJoin(org, sql`${org.id} = coalesce(${target.scopeOrgId}, (${accountChange.payload}->>'scopeOrgId')::uuid)`)
    .leftJoin(department, sql`${department.code} = coalesce(${target.departmentCode}, ${accountChange.payload}->>'departmentCode')`);
}

export async function listChanges(tx: Tx, status: string | null, limit = 500): Promise<ChangeRow[]> {
  const q = select(tx);
  const filtered = status ? q.where(eq(accountChange.status, status)) : q;
  return (await filtered.orderBy(desc(accountChange.proposedAt), accountChange.id).limit(limit)) as ChangeRow[];
}

export async function findChange(tx: Tx, id: string): Promise<ChangeRow | null> {
  const [r] = await select(tx).where(eq(accountChange.id, id));
  return (r as ChangeRow | undefined) ?? null;
}

/** Locks the request's row for the rest of the transaction (two approvers at once: one wins). */
export async function lockChange(tx: Tx, id: string): Promise<void> {
  await tx.execute(sql`select 1 from account_change where id = ${id}::uuid for update`);
}

export async function insertChange(tx: Tx, c: {
  kind: string; targetUserId: string | null; login: string; payload: ChangeRow['payload']; reason: string | null;
  proposedBy: string; proposedAt: Date;
}): Promise<string> {
  const [row] = await tx.insert(accountChange).values(c).returning({ id: accountChange.id });
  return row!.id;
}

export async function decideChange(tx: Tx, id: string, d: {
  status: '已批准' | '已驳回' | '已撤回'; decidedBy: string; decidedAt: Date; decisionReason: string | null;
  targetUserId?: string; passwordTo?: 'proposer' | 'approver' | null; secret?: Buffer | null; secretShownAt?: Date | null;
}): Promise<void> {
  await tx.update(accountChange).set(d).where(eq(accountChange.id, id));
}

export async function readSecret(tx: Tx, id: string): Promise<Buffer | null> {
  const [r] = await tx.select({ secret: accountChange.secret }).from(accountChange).where(eq(accountChange.id, id)).for('update');
  return r?.secret ?? null;
}

export async function wipeSecret(tx: Tx, id: string, at: Date): Promise<void> {
  await tx.update(accountChange).set({ secret: null, secretShownAt: at }).where(eq(accountChange.id, id));
}
