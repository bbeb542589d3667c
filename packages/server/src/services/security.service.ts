/** 安全管理员: the security policy in force and the live sessions, which can be ended. */
import type { SecurityPolicyView, SessionView } from '@jiandu/domain';
import type { Database } from '../db/client.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as users from '../repositories/users.repository.ts';
import type { Actor, Clock } from './context.ts';
import { notFound } from './errors.ts';
import { DEFAULT_SECURITY_POLICY } from './policy.ts';

const handleOf = (hash: Buffer) => hash.subarray(0, 12).toString('hex');

export function policy(pbkdf2Iterations: number): SecurityPolicyView {
  return { ...DEFAULT_SECURITY_POLICY, pbkdf2Iterations };
}

export async function listSessions(deps: { db: Database; clock: Clock }, currentHash: Buffer): Promise<SessionView[]> {
  const now = deps.clock.now().getTime();
  const idleMs = DEFAULT_SECURITY_POLICY.sessionIdleMinutes * 60_000;
  const all = await deps.db.tx((tx) => users.listSessions(tx));
  return all.filter((s) => now - s.lastSeenAt.getTime() <= idleMs).map((s) => ({
    handle: handleOf(s.idHash), userId: s.userId, login: s.login, displayName: s.displayName,
    createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString(), clientIp: s.clientIp,
    current: s.idHash.equals(currentHash),
  }));
}

export async function terminateSession(deps: { db: Database; clock: Clock }, actor: Actor, handle: string): Promise<void> {
  await deps.db.tx(async (tx) => {
    const target = (await users.listSessions(tx)).find((s) => handleOf(s.idHash) === handle);
    if (!target) throw notFound('会话');
    await users.deleteSession(tx, target.idHash);
    await recordAudit(tx, actor, { action: 'session.terminate', objectType: 'user', objectId: target.userId, details: { login: target.login } }, deps.clock);
  });
}
