/** The security policy's versions, password history, and the organisation words a password may not contain. */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.ts';

export interface PolicyRow {
  version: number;
  policy: unknown;
  changedAt: Date;
  changedByLogin: string | null;
}

export async function latestPolicy(tx: Tx): Promise<PolicyRow | null> {
  const [r] = await rows<{ version: number; policy: unknown; changed_at: Date | string; login: string | null }>(tx, sql`
    select p.version, p.policy, p.changed_at, u.login from security_policy p left join app_user u on u.id = p.changed_by
    order by p.version desc limit 1`);
  if (!r) return null;
  const policy = typeof r.policy === 'string' ? (JSON.parse(r.policy) as unknown) : r.policy;
  return { version: Number(r.version), policy, changedAt: new Date(r.changed_at), changedByLogin: r.login };
}

/** Inserts version `version`; false when another change took that number first. */
export async function insertPolicy(tx: Tx, version: number, policy: unknown, at: Date, userId: string | null): Promise<boolean> {
  const r = await rows<{ version: number }>(tx, sql`
    insert into security_policy (version, policy, changed_at, changed_by)
    values (${version}, ${JSON.stringify(policy)}::jsonb, ${at.toISOString()}::timestamptz, ${userId})
    on conflict (version) do nothing returning version`);
  return r.length === 1;
}

/** The newest `n` password hashes the user chose, newest first. */
export async function passwordHistory(tx: Tx, userId: string, n: number): Promise<string[]> {
  if (n <= 0) return [];
  const r = await rows<{ password_hash: string }>(tx, sql`
    select password_hash from password_history where user_id = ${userId} order by created_at desc limit ${n}`);
  return r.map((x) => x.password_hash);
}

/** Adds a chosen password's hash and keeps the newest `keep` of the user. */
export async function addPasswordHistory(tx: Tx, userId: string, hash: string, at: Date, keep: number): Promise<void> {
  await tx.execute(sql`insert into password_history (user_id, password_hash, created_at) values (${userId}, ${hash}, ${at.toISOString()}::timestamptz)`);
  await tx.execute(sql`
    delete from password_history where user_id = ${userId} and ctid not in (
      select ctid from password_history where user_id = ${userId} order by created_at desc limit ${keep})`);
}

/** Names of the top-level organisations (the city) and of the user's jurisdiction, for the password check. */
export async function organisationNames(tx: Tx, scopeOrgId: string | null): Promise<string[]> {
  const r = await rows<{ name: string; short_name: string | null }>(tx, sql`
    select name, short_name from org where parent_id is null or id = ${scopeOrgId}`);
  return r.flatMap((x) => (x.short_name ? [x.name, x.short_name] : [x.name]));
}
