/**
 * `jiandu seed` (scale data for benchmarks) and `jiandu demo` (a server on ./data-demo with the fictional
 * city 青川市 and one account per role, each with a fresh password at every start).
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { DEPARTMENT, ROLE_NAMES, SCOPED_ROLES, type Role } from '@jiandu/domain';
import type { Config } from '../config.ts';
import { rows, type Database } from '../db/client.ts';
import { generatePassword, hashPassword } from '../crypto/sm.ts';
import { runServer } from '../main.ts';
import { openRuntime, type Runtime } from '../runtime.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as users from '../repositories/users.repository.ts';
import { createUser, type UsersDeps } from '../services/users.service.ts';
import { systemActor, type Clock } from '../context.ts';
import { loadMfaPolicy, saveMfaPolicy } from '../services/mfa-policy.ts';
import { ServiceError } from '../errors.ts';
import { DEFAULT_CADRES, DEFAULT_SEED, MAX_CADRES, MIN_CADRES, generateSeedData } from './generator.ts';
import { insertSeedData, type InsertDeps, type InsertSummary, type SeedProgress, type SeedTable } from './insert.ts';
import type { SeedData } from './types.ts';

const TABLE_NAMES: Record<SeedTable, string> = { org: '组织', team: '领导班子', cadre: '干部', tenure: '任职', entry: '台账记录', index: '台账索引' };
const fmt = (n: number) => n.toLocaleString('en-US');
const todayOf = (clock: Clock) => clock.now().toISOString().slice(0, 10);

export async function countCadres(db: Database): Promise<number> {
  const [r] = await db.tx((tx) => rows<{ n: number | string }>(tx, sql`select count(*) as n from cadre`));
  return Number(r?.n ?? 0);
}

/** Top-level org names of `data` that already exist (a second seed would collide with them). */
async function clashingRoots(db: Database, data: SeedData): Promise<string[]> {
  const names = data.orgs.filter((o) => o.parentId === null).map((o) => o.name);
  const found = await db.tx((tx) => rows<{ name: string }>(tx, sql`select name from org where parent_id is null and name = any(${sql.param(names)}::text[])`));
  return found.map((r) => r.name);
}

/** Progress lines on stderr, at most one every two seconds per table (and one when a table is done). */
export function progressPrinter(write: (line: string) => void = (l) => process.stderr.write(l + '\n')): (p: SeedProgress) => void {
  let table: SeedTable | null = null;
  let tableStart = 0;
  let lastPrint = 0;
  return (p) => {
    if (p.table !== table || p.done === 0) {
      table = p.table;
      tableStart = p.elapsedMs;
      lastPrint = p.elapsedMs;
      if (p.table === 'index' && p.total > 0) write(`  正在重建台账的索引和外键（${p.total} 项）……`);
      return;
    }
    if (p.done < p.total && p.elapsedMs - lastPrint < 2000) return;
    lastPrint = p.elapsedMs;
    if (p.table === 'index') {
      write(`  重建台账索引和外键 ${p.done} / ${p.total}（${((p.elapsedMs - tableStart) / 1000).toFixed(1)} 秒）`);
      return;
    }
    const rate = p.done / (Math.max(1, p.elapsedMs - tableStart) / 1000);
    write(`  ${TABLE_NAMES[p.table]} ${fmt(p.done)} / ${fmt(p.total)}（${fmt(Math.round(rate))} 行/秒）`);
  };
}

function summaryLine(r: InsertSummary, cities: number): string {
  return `城市 ${fmt(cities)} 个，组织 ${fmt(r.orgs)} 个，领导班子 ${fmt(r.teams)} 个，干部 ${fmt(r.cadres)} 名，任职记录 ${fmt(r.tenures)} 条，台账记录 ${fmt(r.entries)} 条，联席会议 ${fmt(r.meetings)} 次（督办事项 ${fmt(r.meetingTasks)} 项）`;
}

/** Average ledger entries per cadre: `jiandu seed` (province-scale benchmarks) and the demo city (quick to start). */
export const DEFAULT_ENTRIES_PER_CADRE = 100;
export const DEMO_ENTRIES_PER_CADRE = 12;
const MAX_ENTRIES_PER_CADRE = 1000;

function intOption(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const v = Number(raw.replace(/[_,]/gu, ''));
  if (!Number.isInteger(v) || v < min || v > max) throw new ServiceError('invalid', `${name} 应为 ${fmt(min)}–${fmt(max)} 之间的整数，收到“${raw}”`);
  return v;
}

const SEED_USAGE = 'jiandu seed --cadres N [--entries-per-cadre K] [--seed S] [--as-of YYYY-MM-DD]';

/**
 * `jiandu seed --cadres N [--entries-per-cadre K] [--seed S] [--as-of YYYY-MM-DD]`: refuses a database that
 * already has cadres. K (default 100) is the average number of ledger entries per cadre, team entries included.
 */
export async function seedCommand(args: string[], config: Config): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { cadres: { type: 'string' }, 'entries-per-cadre': { type: 'string' }, seed: { type: 'string' }, 'as-of': { type: 'string' } } }));
  } catch (e) {
    throw new ServiceError('invalid', `参数有误：${(e as Error).message}。用法：${SEED_USAGE}`);
  }
  const cadres = intOption(values.cadres, '--cadres', DEFAULT_CADRES, MIN_CADRES, MAX_CADRES);
  const perCadre = intOption(values['entries-per-cadre'], '--entries-per-cadre', DEFAULT_ENTRIES_PER_CADRE, 0, MAX_ENTRIES_PER_CADRE);
  const seed = intOption(values.seed, '--seed', DEFAULT_SEED, 0, 2 ** 32 - 1);
  const asOf = values['as-of'];
  if (asOf !== undefined && (!/^\d{4}-\d{2}-\d{2}$/u.test(asOf) || Number.isNaN(Date.parse(asOf)))) {
    throw new ServiceError('invalid', `--as-of 应为日期 YYYY-MM-DD，收到“${asOf}”`);
  }
  const rt = await openRuntime(config);
  try {
    const existing = await countCadres(rt.db);
    if (existing > 0) {
      console.error(`错误：数据库中已有 ${fmt(existing)} 名干部。seed 只用于空库（演示或性能测试），不会把虚构干部混入已有数据。\n请换一个数据目录（JIANDU_DATA_DIR）或数据库（DATABASE_URL）后重试。`);
      return 1;
    }
    const t0 = performance.now();
    console.error(`正在生成 ${fmt(cadres)} 名干部规模的虚构数据（种子 ${seed}）……`);
    const data = generateSeedData({ seed, cadres, asOf: asOf ?? todayOf(rt.clock) });
    const genMs = performance.now() - t0;
    const clash = await clashingRoots(rt.db, data);
    if (clash.length > 0) {
      console.error(`错误：数据库中已有同名的顶级组织（${clash.join('、')}），不能再写入虚构数据。请使用空库。`);
      return 1;
    }
    console.error(`已生成（${(genMs / 1000).toFixed(1)} 秒），正在写入数据库……`);
    const r = await insertSeedData(rt, data, {
      actor: systemActor(`cli:${os.userInfo().username}:seed`),
      entriesPerCadre: perCadre,
      onProgress: cadres >= 20_000 || cadres * perCadre >= 100_000 ? progressPrinter() : undefined,
    });
    console.log(`已写入虚构数据：${summaryLine(r, data.cities.length)}`);
    const rate = r.entries > 0 ? `${fmt(Math.round(r.entries / (r.ms / 1000)))} 条台账记录/秒` : `${fmt(Math.round(r.cadres / (r.ms / 1000)))} 名干部/秒`;
    console.log(`用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒（生成组织和人员 ${(genMs / 1000).toFixed(1)} 秒，生成并写入 ${(r.ms / 1000).toFixed(1)} 秒，${rate}）`);
    return 0;
  } finally {
    await rt.close();
  }
}

// ---- demo ----

export interface DemoAccount {
  login: string;
  role: Role;
  displayName: string;
  scope: string | null;
  password: string;
  created: boolean;
  disabled: boolean;
}

interface DemoPlace {
  cityId: string;
  cityName: string;
  countyId: string | null;
  countyName: string | null;
}

/** The demo city root (青川市委, else the first root) and its first county. */
async function findDemoPlace(db: Database): Promise<DemoPlace | null> {
  return db.tx(async (tx) => {
    const [city] = await rows<{ id: string; name: string; path: string }>(tx, sql`
      select id, name, path from org where parent_id is null order by (name = '青川市委') desc, sort_order, name limit 1`);
    if (!city) return null;
    const [county] = await rows<{ id: string; name: string }>(tx, sql`
      select id, name from org where parent_id = ${city.id}::uuid and type = '党委' and level = '县级' order by sort_order, name limit 1`);
    return { cityId: city.id, cityName: city.name, countyId: county?.id ?? null, countyName: county?.name ?? null };
  });
}

/**
 * One account per role (demo-supervisor … demo-auditadmin). Missing ones are created; every one gets a
 * fresh random password now, usable at once (no forced change: it is a demo). Each reset is audited.
 */
export async function ensureDemoAccounts(deps: UsersDeps): Promise<DemoAccount[]> {
  const actor = systemActor('system:demo');
  const place = await findDemoPlace(deps.db);
  const defs: Array<{ login: string; role: Role; displayName: string; scopeOrgId?: string | null; scope?: string | null; departmentCode?: string }> = [
    { login: 'demo-supervisor', role: 'supervisor', displayName: '市委组织部干部监督科（演示）', scopeOrgId: place?.cityId, scope: place?.cityName },
    { login: 'demo-chief', role: 'chief', displayName: '市委组织部干部监督科科长（演示）', scopeOrgId: place?.cityId, scope: place?.cityName },
    { login: 'demo-county', role: 'supervisor', displayName: `${place?.countyName?.replace(/委$/u, '') ?? '区县'}委组织部（演示）`, scopeOrgId: place?.countyId, scope: place?.countyName },
    { login: 'demo-leader', role: 'leader', displayName: '市委组织部分管副部长（演示）', scopeOrgId: place?.cityId, scope: place?.cityName },
    { login: 'demo-member', role: 'member', displayName: '市信访局（演示）', scopeOrgId: place?.cityId, scope: place?.cityName, departmentCode: DEPARTMENT.petition },
    { login: 'demo-sysadmin', role: 'sysadmin', displayName: '系统管理员（演示）' },
    { login: 'demo-secadmin', role: 'secadmin', displayName: '安全管理员（演示）' },
    { login: 'demo-auditadmin', role: 'auditadmin', displayName: '审计管理员（演示）' },
  ];
  const out: DemoAccount[] = [];
  for (const d of defs) {
    const scoped = SCOPED_ROLES.includes(d.role);
    if (scoped && !d.scopeOrgId) continue; // no org tree: a scoped account cannot exist
    const password = generatePassword();
    const existing = await deps.db.tx((tx) => users.findUserByLogin(tx, d.login));
    if (!existing) {
      await createUser(deps, actor, {
        login: d.login, displayName: d.displayName, role: d.role, scopeOrgId: scoped ? d.scopeOrgId : null,
        departmentCode: d.departmentCode ?? null,
      }, { mustChangePassword: false, password });
      out.push({ login: d.login, role: d.role, displayName: d.displayName, scope: d.scope ?? null, password, created: true, disabled: false });
      continue;
    }
    const passwordHash = await hashPassword(password, deps.pbkdf2Iterations);
    await deps.db.tx(async (tx) => {
      await users.updateUser(tx, existing.id, {
        passwordHash, mustChangePassword: false, passwordChangedAt: deps.clock.now(), failedAttempts: 0, lockedUntil: null,
      });
      await users.deleteSessionsOfUser(tx, existing.id);
      await recordAudit(tx, actor, {
        action: 'user.reset-password', objectType: 'user', objectId: existing.id, details: { login: existing.login, demo: true },
      }, deps.clock);
    });
    out.push({
      login: existing.login, role: existing.roles[0] ?? d.role, displayName: existing.displayName, scope: existing.scopeOrgName,
      password, created: false, disabled: existing.disabled,
    });
  }
  await exemptDemoAccountsFromMfa(deps, actor, defs.map((d) => d.login));
  return out;
}

/** The demo keeps its one-command start: its policy exempts the demo accounts from the second factor (AUTH-05). */
async function exemptDemoAccountsFromMfa(deps: UsersDeps, actor: ReturnType<typeof systemActor>, logins: string[]): Promise<void> {
  await deps.db.tx(async (tx) => {
    const policy = await loadMfaPolicy(tx);
    if (logins.every((l) => policy.exemptLogins.includes(l))) return;
    await saveMfaPolicy(tx, { ...policy, exemptLogins: [...new Set([...policy.exemptLogins, ...logins])] }, null, deps.clock.now());
    await recordAudit(tx, actor, {
      action: 'security.mfa.policy', objectType: 'setting', objectId: null, details: { demo: true, exemptLogins: logins.join(',') },
    }, deps.clock);
  });
}

export function demoBannerLines(accounts: DemoAccount[]): string[] {
  const width = Math.max(...accounts.map((a) => a.login.length));
  return [
    '演示模式：青川市及其单位、人员、身份证号均为虚构，如有雷同纯属巧合',
    '演示账号（每次启动重新生成密码，无需修改即可登录；演示账号免二次认证，正式部署的三员和监督员须绑定动态口令）：',
    `  登录名${' '.repeat(Math.max(0, width - 6))}  密码${' '.repeat(12)}  角色，管辖范围`,
    ...accounts.map((a) => {
      const scope = a.scope ? `，${a.scope}` : '';
      return `  ${a.login.padEnd(width)}  ${a.password}  ${ROLE_NAMES[a.role]}${scope}${a.disabled ? '（已停用）' : ''}`;
    }),
    ...(accounts.some((a) => a.login === 'demo-county')
      ? ['  demo-county 只管本区县的县管干部：区县的市管领导（区县委书记、区县长等）只在班子名单中标“上级管理”'] : []),
  ];
}

/** On an empty database: the demo city 青川市 (3,000 cadres, default seed). Returns banner lines. */
export async function seedDemoIfEmpty(deps: InsertDeps): Promise<string[]> {
  if ((await countCadres(deps.db)) > 0) return [];
  process.stderr.write('首次启动演示：正在生成虚构城市“青川市”的演示数据（约 3,000 名干部）……\n');
  const data = generateSeedData({ seed: DEFAULT_SEED, cadres: DEFAULT_CADRES, asOf: todayOf(deps.clock) });
  if ((await clashingRoots(deps.db, data)).length > 0) return ['数据库中已有同名组织，未生成演示数据'];
  const r = await insertSeedData(deps, data, {
    actor: systemActor('system:demo'), entriesPerCadre: DEMO_ENTRIES_PER_CADRE, meetingLogins: { secretary: 'demo-supervisor', approver: 'demo-leader' },
  });
  return [`已生成演示数据：${summaryLine(r, data.cities.length)}（${(r.ms / 1000).toFixed(1)} 秒）`];
}

export async function prepareDemo(rt: Runtime, config: Config): Promise<string[]> {
  const lines = await seedDemoIfEmpty(rt);
  const accounts = await ensureDemoAccounts({ db: rt.db, clock: rt.clock, pbkdf2Iterations: config.pbkdf2Iterations });
  return [...lines, ...demoBannerLines(accounts)];
}

/** `jiandu demo`: the server on the demo data directory; runs until SIGINT/SIGTERM. */
export async function runDemo(config: Config): Promise<void> {
  await runServer(config, { onReady: (rt) => prepareDemo(rt, config) });
}
