/** Test app: real database, real HTTP via inject, ephemeral keys, a clock the test can move. */
import { afterAll } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { App, AppDeps } from '../../src/app-types.ts';
import { loadConfig } from '../../src/config.ts';
import { FieldCrypto, ephemeralKeyProvider } from '../../src/crypto/keys.ts';
import type { Database } from '../../src/db/client.ts';
import { createUser } from '../../src/services/users.service.ts';
import { systemActor } from '../../src/context.ts';
import { DEFAULT_SECURITY_POLICY, policyStore, type SecurityPolicy } from '../../src/services/policy.ts';
import type { Role } from '@jiandu/domain';
import { freshDatabase } from './db.ts';
import { hotp, base32Decode, totpStep } from '../../src/crypto/totp.ts';

export class TestClock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  /** Makes today the given day (Beijing noon), keeping the clock running from there. */
  setDate(isoDay: string): void {
    this.offsetMs = Date.parse(`${isoDay}T04:00:00Z`) - Date.now();
  }
}

export interface TestContext {
  app: App;
  db: Database;
  deps: AppDeps;
  clock: TestClock;
  /** Creates an account whose password is already changed, and returns a logged-in cookie. */
  loginAs(role: Role, opts?: { scopeOrgId?: string | null; departmentCode?: string | null; login?: string }): Promise<{ cookie: string; login: string; password: string; id: string }>;
  /**
   * Password login; when the account has a second factor that this context enrolled (loginAs), the TOTP step
   * is completed too, so `cookie` is a full session. `mfa: false` stops after the password.
   */
  login(login: string, password: string, opts?: { mfa?: boolean }): Promise<{ status: number; cookie: string | null; body: any }>;
  /** The TOTP secret of an account that loginAs enrolled, and a fresh (unused) code for it. */
  totp(login: string): { secret: string; code: () => string } | null;
  /** A request as a signed-in user (JSON body when given). */
  call(method: 'GET' | 'POST', url: string, cookie: string, payload?: object): Promise<LightMyRequestResponse>;
  /** A raw file POSTed as application/octet-stream (uploads, imports). */
  postFile(url: string, cookie: string, data: Buffer, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

let counter = 0;
export const TEST_PASSWORD = 'Kq7#mVx2pL9w';

const GENEROUS = { max: 100_000, windowSeconds: 1 };

/**
 * Tests log in hundreds of times from one address and move the clock by months: unless
 * `productionPolicy` is asked for, the built-in policy of a test app has no password expiry and
 * generous request limits; `policy` replaces parts of that (a stored policy version, as the 安全管理员
 * saves it, still wins).
 */
export async function createTestContext(opts: { productionPolicy?: boolean; policy?: Partial<SecurityPolicy>; db?: Database } = {}): Promise<TestContext> {
  const db = opts.db ?? (await freshDatabase());
  if (!opts.productionPolicy) {
    policyStore(db).setDefaults({
      password: { ...DEFAULT_SECURITY_POLICY.password, expiryDays: 0 },
      rateLimits: Object.fromEntries(Object.keys(DEFAULT_SECURITY_POLICY.rateLimits).map((k) => [k, GENEROUS])) as typeof DEFAULT_SECURITY_POLICY.rateLimits,
      ...opts.policy,
    });
  }
  const clock = new TestClock();
  const config = loadConfig({ JIANDU_PBKDF2_ITERATIONS: '1000', JIANDU_DATA_DIR: '/nonexistent-test-dir' } as NodeJS.ProcessEnv);
  const deps: AppDeps = { db, clock, crypto: new FieldCrypto(ephemeralKeyProvider()), config };
  const app = await buildApp(deps);
  // Second factor (AUTH-05) completed through the real API: enroll when the role requires it, then TOTP.
  const secrets = new Map<string, { secret: string; lastStep: number; recovery: string[] }>();
  const normalize = (l: string) => l.normalize('NFKC').toLowerCase();
  const nextCode = (s: { secret: string; lastStep: number; recovery: string[] }) => {
    const now = totpStep(clock.now());
    const step = Math.max(now - 1, s.lastStep + 1);
    if (step > now + 1) return s.recovery.shift()!; // three logins within one step: a recovery code
    s.lastStep = step;
    return hotp(base32Decode(s.secret), step);
  };
  const completeSecondFactor = async (login: string, cookie: string, state: 'verify' | 'enroll' | null): Promise<string | null> => {
    const renewed = (res: LightMyRequestResponse, what: string) => {
      if (res.statusCode !== 200) throw new Error(`${what} failed: ${res.body}`);
      const c = res.cookies.find((x) => x.name === 'jiandu_sid');
      return c ? `jiandu_sid=${c.value}` : cookie;
    };
    if (state === 'enroll') {
      const start = await app.inject({ method: 'POST', url: '/api/auth/mfa/enroll', headers: { cookie } });
      const { secret } = start.json() as { secret: string };
      const entry = { secret, lastStep: totpStep(clock.now()), recovery: [] as string[] };
      const confirm = await app.inject({
        method: 'POST', url: '/api/auth/mfa/enroll/confirm', headers: { cookie },
        payload: { code: hotp(base32Decode(secret), entry.lastStep) },
      });
      const next = renewed(confirm, 'mfa enroll');
      entry.recovery = (confirm.json() as { recoveryCodes: string[] }).recoveryCodes;
      secrets.set(login, entry);
      return next;
    }
    const s = secrets.get(login);
    if (state === 'verify' && s) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/mfa/verify', headers: { cookie }, payload: { code: nextCode(s) } });
      return renewed(res, 'mfa verify');
    }
    return null;
  };
  const ctx: TestContext = {
    app, db, deps, clock,
    call: (method, url, cookie, payload) => app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) }),
    postFile: (url, cookie, data, headers = {}) =>
      app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/octet-stream', ...headers }, payload: data }),
    async login(login, password, opts = {}) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
      const set = res.cookies.find((c) => c.name === 'jiandu_sid');
      const cookie = set ? `jiandu_sid=${set.value}` : null;
      const body = res.json();
      if (cookie && opts.mfa !== false) {
        const done = await completeSecondFactor(normalize(login), cookie, body?.mfa ?? null);
        if (done) return { status: res.statusCode, cookie: done, body };
      }
      return { status: res.statusCode, cookie, body };
    },
    totp(login) {
      const s = secrets.get(normalize(login));
      return s ? { secret: s.secret, code: () => nextCode(s) } : null;
    },
    async loginAs(role, opts = {}) {
      const login = opts.login ?? `${role}${++counter}`;
      const r = await createUser({ db, clock, pbkdf2Iterations: 1000 }, systemActor('test'), {
        login, displayName: login, role, scopeOrgId: opts.scopeOrgId ?? null, departmentCode: opts.departmentCode ?? null,
      }, { mustChangePassword: false, password: TEST_PASSWORD });
      const l = await ctx.login(login, TEST_PASSWORD);
      if (!l.cookie) throw new Error(`login failed: ${JSON.stringify(l.body)}`);
      if (l.body?.mfa && !secrets.has(normalize(login))) throw new Error(`second factor not completed: ${JSON.stringify(l.body)}`);
      return { cookie: l.cookie, login, password: TEST_PASSWORD, id: r.id };
    },
  };
  afterAll(async () => {
    await app.close();
    await db.close();
  });
  return ctx;
}
