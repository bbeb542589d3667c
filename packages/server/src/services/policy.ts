/**
 * Security policy (等保 8.1.4.1): the built-in defaults here; the 安全管理员's changes are versions in
 * `security_policy` (see security.service.ts). Services read the policy in force through `policyStore(db)`,
 * cached for a few seconds so that the per-request session check costs no query.
 */
import { DEFAULT_PASSWORD_POLICY, type SecurityPolicy } from '@jiandu/domain';
import type { Database } from '../db/client.ts';
import * as repo from '../repositories/security.repository.ts';

export type { SecurityPolicy } from '@jiandu/domain';

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  password: DEFAULT_PASSWORD_POLICY,
  maxFailedLogins: 5,
  lockMinutes: 30,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  rateLimits: {
    // Bursts of `max`, refilled evenly over the window.
    loginPerIp: { max: 30, windowSeconds: 600 },
    loginPerAccount: { max: 10, windowSeconds: 600 },
    lookupPerAccount: { max: 60, windowSeconds: 3600 },
    lookupPerIp: { max: 120, windowSeconds: 3600 },
    apiPerToken: { max: 120, windowSeconds: 60 },
    apiPerIp: { max: 300, windowSeconds: 60 },
    apiAuthFailuresPerIp: { max: 10, windowSeconds: 600 },
  },
};

/** A stored policy over the defaults, key by key (parts added to the policy later get their defaults). */
export function mergePolicy(base: SecurityPolicy, stored: Partial<SecurityPolicy> | null | undefined): SecurityPolicy {
  if (!stored) return base;
  return {
    ...base,
    ...stored,
    password: { ...base.password, ...stored.password },
    rateLimits: { ...base.rateLimits, ...stored.rateLimits },
  };
}

export interface PolicyVersion {
  policy: SecurityPolicy;
  version: number;
  updatedAt: Date | null;
  updatedByLogin: string | null;
}

const CACHE_MS = 5_000;

export class PolicyStore {
  private cached: { value: PolicyVersion; at: number } | null = null;
  private defaults: SecurityPolicy = DEFAULT_SECURITY_POLICY;

  constructor(private readonly db: Database) {}

  /** Test contexts replace the built-in defaults (e.g. no expiry, generous limits); a stored version still wins. */
  setDefaults(overrides: Partial<SecurityPolicy>): void {
    this.defaults = mergePolicy(DEFAULT_SECURITY_POLICY, overrides);
    this.cached = null;
  }

  get builtIn(): SecurityPolicy {
    return this.defaults;
  }

  async current(): Promise<PolicyVersion> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.value;
    const row = await this.db.tx((tx) => repo.latestPolicy(tx));
    return this.remember(row);
  }

  async policy(): Promise<SecurityPolicy> {
    return (await this.current()).policy;
  }

  /** After a change in this process: no stale read here (other processes see it within CACHE_MS). */
  remember(row: repo.PolicyRow | null): PolicyVersion {
    const value: PolicyVersion = row
      ? { policy: mergePolicy(this.defaults, row.policy as Partial<SecurityPolicy>), version: row.version, updatedAt: row.changedAt, updatedByLogin: row.changedByLogin }
      : { policy: this.defaults, version: 0, updatedAt: null, updatedByLogin: null };
    this.cached = { value, at: Date.now() };
    return value;
  }
}

const stores = new WeakMap<Database, PolicyStore>();

/** The policy store of a database (one per database handle, i.e. per process). */
export function policyStore(db: Database): PolicyStore {
  let s = stores.get(db);
  if (!s) {
    s = new PolicyStore(db);
    stores.set(db, s);
  }
  return s;
}
