/** 安全管理员: the security policy (versioned, every change audited with before/after) and the live sessions. */
import type { SecurityPolicy, SecurityPolicyUpdate, SecurityPolicyView, SessionView } from '@jiandu/domain';
import type { Database } from '../db/client.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as repo from '../repositories/security.repository.ts';
import * as users from '../repositories/users.repository.ts';
import type { Actor, Clock } from '../context.ts';
import { ServiceError, notFound } from '../errors.ts';
import { mergePolicy, policyStore, type PolicyVersion } from './policy.ts';

const handleOf = (hash: Buffer) => hash.subarray(0, 12).toString('hex');

function view(v: PolicyVersion, pbkdf2Iterations: number): SecurityPolicyView {
  return {
    ...v.policy, pbkdf2Iterations, version: v.version,
    updatedAt: v.updatedAt?.toISOString() ?? null, updatedByLogin: v.updatedByLogin,
  };
}

export async function policy(deps: { db: Database }, pbkdf2Iterations: number): Promise<SecurityPolicyView> {
  const store = policyStore(deps.db);
  return view(store.remember(await deps.db.tx((tx) => repo.latestPolicy(tx))), pbkdf2Iterations);
}

/** Leaf paths whose value differs ('password.minLength', 'rateLimits.loginPerIp.max'), for the audit row. */
function differences(before: unknown, after: unknown, prefix = ''): string[] {
  if (before && after && typeof before === 'object' && typeof after === 'object' && !Array.isArray(before) && !Array.isArray(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].sort().flatMap((k) => differences((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k], prefix ? `${prefix}.${k}` : k));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix];
}

function pick(obj: unknown, paths: string[]): Record<string, unknown> {
  return Object.fromEntries(paths.map((p) => [p, p.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj)]));
}

/**
 * A new version of the policy: refused (409) when somebody saved another version since `baseVersion`;
 * a save that changes nothing writes nothing. The audit row names each changed setting, before and after.
 */
export async function updatePolicy(
  deps: { db: Database; clock: Clock }, actor: Actor, body: SecurityPolicyUpdate, pbkdf2Iterations: number,
): Promise<SecurityPolicyView> {
  const store = policyStore(deps.db);
  const saved = await deps.db.tx(async (tx) => {
    const current = await repo.latestPolicy(tx);
    const version = current?.version ?? 0;
    if (body.baseVersion !== version) {
      throw new ServiceError('conflict', `安全策略已被${current?.changedByLogin ?? '他人'}修改（第${version}版），请刷新后再改`, 'stale_version');
    }
    const before: SecurityPolicy = mergePolicy(store.builtIn, current?.policy as Partial<SecurityPolicy> | undefined);
    const after: SecurityPolicy = mergePolicy(before, body.policy);
    const changed = differences(before, after);
    if (changed.length === 0) return current;
    const at = deps.clock.now();
    if (!(await repo.insertPolicy(tx, version + 1, after, at, actor.userId))) {
      throw new ServiceError('conflict', '安全策略刚被他人修改，请刷新后再改', 'stale_version');
    }
    await recordAudit(tx, actor, {
      action: 'security.policy', objectType: 'security_policy', objectId: String(version + 1),
      details: {
        changed: changed.join(','),
        before: JSON.stringify(pick(before, changed)),
        after: JSON.stringify(pick(after, changed)),
      },
    }, deps.clock);
    return repo.latestPolicy(tx);
  });
  return view(store.remember(saved), pbkdf2Iterations);
}

export async function listSessions(deps: { db: Database; clock: Clock }, currentHash: Buffer): Promise<SessionView[]> {
  const now = deps.clock.now().getTime();
  const idleMs = (await policyStore(deps.db).policy()).sessionIdleMinutes * 60_000;
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
