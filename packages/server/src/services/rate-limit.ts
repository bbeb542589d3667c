/**
 * Request limits (AUTH-04, issue 9 point 6): token buckets kept in this process, keyed by what is limited
 * (an IP address, a login name, an account, a token). Each bucket holds `max` requests and refills evenly
 * over `windowSeconds`. Several app processes each limit on their own (documented in operations.md).
 * Time is the injected clock, so tests move it instead of waiting.
 */
import type { RateLimit } from '@jiandu/domain';
import type { Clock } from '../context.ts';

interface Bucket {
  tokens: number;
  at: number;
  limit: RateLimit;
  /** When the last trip of this bucket was audited (one audit row per window, not one per refused request). */
  auditedAt: number;
}

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number; audit: boolean };

const MAX_BUCKETS = 50_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly clock: Clock) {}

  private bucket(key: string, limit: RateLimit, now: number): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= MAX_BUCKETS) this.sweep(now);
      b = { tokens: limit.max, at: now, limit, auditedAt: -Infinity };
      this.buckets.set(key, b);
      return b;
    }
    const elapsed = Math.max(0, now - b.at) / 1000;
    b.tokens = Math.min(limit.max, b.tokens + (elapsed * limit.max) / limit.windowSeconds);
    b.at = now;
    b.limit = limit;
    return b;
  }

  /** Takes one request from the bucket, or says how long to wait. */
  take(key: string, limit: RateLimit): LimitResult {
    const now = this.clock.now().getTime();
    const b = this.bucket(key, limit, now);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return this.refuse(b, limit, now);
  }

  /** Whether a request would be refused now, without taking one (the failures-only limits). */
  check(key: string, limit: RateLimit): LimitResult {
    const now = this.clock.now().getTime();
    const b = this.buckets.get(key);
    if (!b) return { ok: true };
    const bucket = this.bucket(key, limit, now);
    return bucket.tokens >= 1 ? { ok: true } : this.refuse(bucket, limit, now);
  }

  private refuse(b: Bucket, limit: RateLimit, now: number): LimitResult {
    const rate = limit.max / limit.windowSeconds;
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - b.tokens) / rate));
    const audit = now - b.auditedAt >= limit.windowSeconds * 1000;
    if (audit) b.auditedAt = now;
    return { ok: false, retryAfterSeconds, audit };
  }

  /** Forgets the buckets that are full again (they would be created full anyway); a flood of keys empties the map. */
  private sweep(now: number): void {
    for (const [k, b] of this.buckets) {
      const refilled = b.tokens + (Math.max(0, now - b.at) / 1000) * (b.limit.max / b.limit.windowSeconds);
      if (refilled >= b.limit.max) this.buckets.delete(k);
    }
    if (this.buckets.size >= MAX_BUCKETS) this.buckets.clear();
  }
}

const limiters = new WeakMap<object, RateLimiter>();

/** The limiter of an app's database handle (one per process and database; tests get one per context). */
export function rateLimiter(deps: { db: object; clock: Clock }): RateLimiter {
  let l = limiters.get(deps.db);
  if (!l) {
    l = new RateLimiter(deps.clock);
    limiters.set(deps.db, l);
  }
  return l;
}
