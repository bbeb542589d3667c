/**
 * API benchmark: `npm run bench:api [-- --cadres N] [--runs K] [--clients C] [--only pg|pglite]`.
 *
 * PostgreSQL (DATABASE_URL; keys in JIANDU_DATA_DIR, default ./data-bench-api): if the database holds fewer
 * than N cadres (default 200,000 — a province) it is seeded first by `jiandu seed --cadres N` in a child
 * process; if no full re-evaluation has run yet, it runs one (warnings and 待办 to list). Then the real server
 * (buildApp) listens on a loopback port, real accounts log in over HTTP (a supervisor at the top of the tree —
 * the province —, one at the city 青川市, one at a county of it), and C concurrent clients (default 8) send
 * each request K times (default 40 per measure). Every measure is what a page asks for on its first screen
 * (the cadre profile: the cadre, its 履历, its 使用资格 and the first page of its ledger, in parallel).
 * Then the same on PGlite at the demo city's size (3,000 cadres, `jiandu demo`'s data, in a temp dir).
 * Floors: the raw SQL of the same page (the keys of the first page, or the counts), timed in this process on
 * the same database, one client; the table prints each measure's median against its floor.
 * Also prints the first screen's JavaScript (login + 工作台, gzip) from packages/web/dist (run
 * `npm run build -w packages/web` first) and fails loudly over 400 KB.
 * The last line is one JSON object: {"pg_p95_ms":{…},"pglite_p95_ms":{…},"max_p95_ms":N,…}.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../packages/server/src/config.ts';
import { rows, type Database } from '../packages/server/src/db/client.ts';
import { openRuntime, type Runtime } from '../packages/server/src/runtime.ts';
import { buildApp } from '../packages/server/src/app.ts';
import { systemActor, todayOf } from '../packages/server/src/context.ts';
import { hashPassword } from '../packages/server/src/crypto/sm.ts';
import { createUser } from '../packages/server/src/services/users.service.ts';
import * as users from '../packages/server/src/repositories/users.repository.ts';
import { loadMfaPolicy, saveMfaPolicy } from '../packages/server/src/services/mfa-policy.ts';
import { DEFAULT_SECURITY_POLICY, policyStore } from '../packages/server/src/services/policy.ts';
import { idAad } from '../packages/server/src/services/cadres.service.ts';
import { drainJobs } from '../packages/server/src/services/jobs.ts';
import { latestJob, startFullEvaluation } from '../packages/server/src/services/supervision/jobs.ts';
import { DEFAULT_CADRES, DEFAULT_SEED, generateSeedData } from '../packages/server/src/seed/generator.ts';
import { insertSeedData } from '../packages/server/src/seed/insert.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const CADRES = Number((arg('--cadres') ?? '200000').replace(/[_,]/gu, ''));
const RUNS = Number(arg('--runs') ?? '40');
const CLIENTS = Number(arg('--clients') ?? '8');
const ONLY = arg('--only');
const PASSWORD = 'Bench#api2026x';
const JS_LIMIT_KB = 400;
const log = (s: string) => process.stderr.write(s + '\n');
const ms = (t0: number) => performance.now() - t0;
const pct = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * p))]!;
const r1 = (x: number) => Math.round(x * 10) / 10;

interface Place { rootId: string; rootName: string; cityId: string; countyId: string; countyName: string }
interface Target { cadreId: string; name: string; initials: string; idNumber: string; teamOrgId: string; teamId: string; kind: string; month: string; keyword: string }

/** The top of the tree (the province at scale, else the city), the city 青川市 and its first county. */
async function findPlace(db: Database): Promise<Place> {
  const [root] = await db.tx((tx) => rows<{ id: string; name: string }>(tx, sql`select id, name from org where parent_id is null order by sort_order, name limit 1`));
  const [city] = await db.tx((tx) => rows<{ id: string }>(tx, sql`select id from org where name = '青川市委' limit 1`));
  const [county] = await db.tx((tx) => rows<{ id: string; name: string }>(tx, sql`
    select id, name from org where parent_id = ${city!.id}::uuid and type = '党委' and level = '县级' order by sort_order, name limit 1`));
  return { rootId: root!.id, rootName: root!.name, cityId: city!.id, countyId: county!.id, countyName: county!.name };
}

/** A cadre of the county with many entries (the worst profile), a team there, a kind and month with entries. */
async function findTargets(rt: Runtime, place: Place, asOf: string): Promise<Target> {
  const [c] = await rt.db.tx((tx) => rows<{ id: string; name: string; initials: string; enc: Buffer }>(tx, sql`
    select c.id, c.name, c.name_initials as initials, c.id_number_enc as enc from cadre c join org o on o.id = c.org_id
    where o.path like (select path from org where id = ${place.countyId}::uuid) || '%' and c.manage_level = '县管'
    order by (select count(*) from entry_head h where h.cadre_id = c.id) desc limit 1`));
  const [t] = await rt.db.tx((tx) => rows<{ id: string; org_id: string }>(tx, sql`
    select t.id, t.org_id from team t join org o on o.id = t.org_id
    where o.path like (select path from org where id = ${place.countyId}::uuid) || '%' and o.type in ('乡镇', '街道') order by o.sort_order limit 1`));
  const month = `${asOf.slice(0, 7)}`;
  const prev = new Date(Date.parse(`${month}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 7);
  const [k] = await rt.db.tx((tx) => rows<{ kind: string }>(tx, sql`
    select h.kind from entry_head h join org o on o.id = h.org_id
    where o.path like (select path from org where id = ${place.countyId}::uuid) || '%'
      and h.occurred_on >= ${`${prev}-01`}::date and h.occurred_on < ${`${prev}-01`}::date + interval '1 month'
    group by h.kind order by count(*) desc limit 1`));
  return {
    cadreId: c!.id, name: c!.name, initials: c!.initials, idNumber: rt.crypto.decrypt(c!.enc, idAad(c!.id)),
    teamId: t!.id, teamOrgId: t!.org_id, kind: k?.kind ?? 'xfjb', month: prev, keyword: c!.name.slice(0, 2),
  };
}

/** The bench accounts (created once, a fresh password each run, exempt from the second factor like the demo's). */
async function ensureAccount(rt: Runtime, login: string, scopeOrgId: string): Promise<void> {
  const deps = { db: rt.db, clock: rt.clock, pbkdf2Iterations: rt.config.pbkdf2Iterations };
  const existing = await rt.db.tx((tx) => users.findUserByLogin(tx, login));
  if (!existing) {
    await createUser(deps, systemActor('bench:api'), { login, displayName: login, role: 'supervisor', scopeOrgId, departmentCode: null },
      { mustChangePassword: false, password: PASSWORD });
  } else {
    const passwordHash = await hashPassword(PASSWORD, rt.config.pbkdf2Iterations);
    await rt.db.tx((tx) => users.updateUser(tx, existing.id, { passwordHash, mustChangePassword: false, passwordChangedAt: rt.clock.now(), failedAttempts: 0, lockedUntil: null }));
  }
  await rt.db.tx(async (tx) => {
    const policy = await loadMfaPolicy(tx);
    if (!policy.exemptLogins.includes(login)) await saveMfaPolicy(tx, { ...policy, exemptLogins: [...policy.exemptLogins, login] }, null, rt.clock.now());
  });
}

async function login(base: string, loginName: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: loginName, password: PASSWORD }) });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('jiandu_sid='));
  if (!res.ok || !cookie) throw new Error(`login ${loginName}: ${res.status} ${await res.text()}`);
  return cookie;
}

type Get = (path: string) => Promise<unknown>;
function client(base: string, cookie: string): Get {
  return async (path) => {
    const res = await fetch(base + path, { headers: { cookie } });
    const body = await res.text();
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${body.slice(0, 300)}`);
    return JSON.parse(body) as unknown;
  };
}

interface Measure { name: string; run: () => Promise<unknown>; floor?: () => Promise<unknown> }

/** K runs of `m` over C concurrent clients (after 2 warm-up runs): the latency of each run. */
async function timeIt(m: Measure): Promise<number[]> {
  await m.run();
  await m.run();
  const times: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (next < RUNS) {
      next++;
      const t = performance.now();
      await m.run();
      times.push(ms(t));
    }
  }));
  return times;
}

async function floorOf(m: Measure): Promise<number | null> {
  if (!m.floor) return null;
  await m.floor();
  const t: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    await m.floor();
    t.push(ms(t0));
  }
  return pct(t, 0.5);
}

const qs = (p: Record<string, string | number | undefined>) =>
  Object.entries(p).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');

function measures(rt: Runtime, place: Place, t: Target, g: { top: Get; city: Get; county: Get }, cursors: { top: string }): Measure[] {
  const db = rt.db;
  const raw = (q: ReturnType<typeof sql>) => () => db.tx((tx) => rows(tx, q));
  const path = (id: string) => sql`(select path from org where id = ${id}::uuid) || '%'`;
  const profile = (get: Get) => () => Promise.all([
    get(`/api/cadres/${t.cadreId}`), get(`/api/cadres/${t.cadreId}/record`), get(`/api/cadres/${t.cadreId}/eligibility`),
    get(`/api/entries?${qs({ cadreId: t.cadreId, limit: 20 })}`),
  ]);
  const team = (get: Get) => () => Promise.all([
    get(`/api/orgs/${t.teamOrgId}`), get(`/api/orgs/${t.teamOrgId}/team`), get(`/api/entries?${qs({ teamId: t.teamId, limit: 20 })}`),
  ]);
  const ledgerFloor = (orgId: string) => raw(sql`
    select h.entry_id from entry_head h join org o on o.id = h.org_id where o.path like ${path(orgId)}
    order by h.occurred_on desc, h.entry_id desc limit 20`);
  return [
    { name: 'cadres_first', run: () => g.top('/api/cadres?limit=50'),
      floor: raw(sql`select c.id from cadre c join org o on o.id = c.org_id where o.path like ${path(place.rootId)} order by c.name_pinyin collate "C", c.id limit 50`) },
    { name: 'cadres_next', run: () => g.top(`/api/cadres?${qs({ limit: 50, cursor: cursors.top })}`) },
    { name: 'search_name', run: () => g.top(`/api/cadres?${qs({ q: t.name, limit: 50 })}`),
      floor: raw(sql`select c.id from cadre c where c.name = ${t.name} order by c.name_pinyin collate "C", c.id limit 50`) },
    { name: 'search_initials', run: () => g.top(`/api/cadres?${qs({ q: t.initials, limit: 50 })}`) },
    { name: 'search_id_number', run: () => g.top(`/api/cadres?${qs({ q: t.idNumber, limit: 50 })}`) },
    { name: 'profile', run: profile(g.top) },
    { name: 'eligibility', run: () => g.top(`/api/cadres/${t.cadreId}/eligibility`) },
    { name: 'team', run: team(g.top) },
    { name: 'ledger_filtered', run: () => g.top(`/api/entries?${qs({ kind: t.kind, month: t.month, orgId: place.countyId, q: t.keyword, limit: 20 })}`) },
    { name: 'ledger_kind_month_area', run: () => g.top(`/api/entries?${qs({ kind: t.kind, month: t.month, orgId: place.countyId, limit: 20 })}`) },
    { name: 'ledger_all', run: () => g.top('/api/entries?limit=20'), floor: ledgerFloor(place.rootId) },
    { name: 'ledger_all_city', run: () => g.city('/api/entries?limit=20'), floor: ledgerFloor(place.cityId) },
    { name: 'warnings', run: () => g.top('/api/warnings?limit=20'),
      floor: raw(sql`select w.id from warning w join org o on o.id = w.org_id where o.path like ${path(place.rootId)} and w.active and w.status in ('new','read') order by w.id limit 20`) },
    { name: 'obligations', run: () => g.top('/api/obligations?limit=20') },
    { name: 'dashboard_root', run: () => g.top('/api/dashboard'),
      floor: raw(sql`select w.colour, count(*) from warning w join org o on o.id = w.org_id where o.path like ${path(place.rootId)} and w.active and w.status in ('new','read') group by 1`) },
    { name: 'dashboard_city', run: () => g.city('/api/dashboard') },
    { name: 'dashboard_county', run: () => g.top(`/api/dashboard?${qs({ orgId: place.countyId })}`) },
    { name: 'dashboard_county_user', run: () => g.county('/api/dashboard') },
    { name: 'ledger_all_county_user', run: () => g.county('/api/entries?limit=20') },
  ];
}

interface Result { name: string; p50: number; p95: number; floor: number | null }

async function benchDatabase(rt: Runtime, label: string): Promise<Result[]> {
  const asOf = todayOf(rt.clock);
  const [n] = await rt.db.tx((tx) => rows<{ cadres: number; entries: number; warnings: number; obligations: number }>(tx, sql`
    select (select count(*) from cadre)::int as cadres, (select count(*) from entry_head)::int as entries,
           (select count(*) from warning where active)::int as warnings, (select count(*) from obligation where active)::int as obligations`));
  log(`${label}: ${n!.cadres.toLocaleString()} cadres, ${n!.entries.toLocaleString()} entries, ${n!.warnings.toLocaleString()} active warnings, ${n!.obligations.toLocaleString()} obligations; as of ${asOf}`);
  const place = await findPlace(rt.db);
  const t = await findTargets(rt, place, asOf);
  log(`  top: ${place.rootName}; county: ${place.countyName}; cadre ${t.name} (${t.initials}); ledger filter ${t.kind} ${t.month}`);
  // Generous request limits for the accounts of this run (8 clients from one address), as in the tests.
  policyStore(rt.db).setDefaults({
    rateLimits: Object.fromEntries(Object.keys(DEFAULT_SECURITY_POLICY.rateLimits).map((k) => [k, { max: 1_000_000, windowSeconds: 1 }])) as typeof DEFAULT_SECURITY_POLICY.rateLimits,
  });
  await ensureAccount(rt, 'bench-top', place.rootId);
  await ensureAccount(rt, 'bench-city', place.cityId);
  await ensureAccount(rt, 'bench-county', place.countyId);
  const app = await buildApp(rt, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    const g = { top: client(base, await login(base, 'bench-top')), city: client(base, await login(base, 'bench-city')), county: client(base, await login(base, 'bench-county')) };
    const first = (await g.top('/api/cadres?limit=50')) as { nextCursor: string | null };
    const out: Result[] = [];
    for (const m of measures(rt, place, t, g, { top: first.nextCursor ?? '' })) {
      const times = await timeIt(m);
      const floor = await floorOf(m);
      const r = { name: m.name, p50: r1(pct(times, 0.5)), p95: r1(pct(times, 0.95)), floor: floor === null ? null : r1(floor) };
      log(`  ${m.name.padEnd(24)} p50 ${String(r.p50).padStart(8)} ms  p95 ${String(r.p95).padStart(8)} ms${r.floor === null ? '' : `  floor ${r.floor} ms`}`);
      out.push(r);
    }
    return out;
  } finally {
    await app.close();
  }
}

async function evaluateIfNeeded(rt: Runtime): Promise<void> {
  const job = await rt.db.tx((tx) => latestJob(tx));
  if (job?.status === 'done') return;
  log('no full re-evaluation yet: running one (warnings and 待办 to list) …');
  const t = performance.now();
  await startFullEvaluation(rt, systemActor('bench:api'), 'bench:api');
  await drainJobs();
  log(`  done in ${(ms(t) / 1000).toFixed(0)} s`);
}

async function postgres(): Promise<Result[]> {
  const env = { ...process.env, JIANDU_DATA_DIR: process.env.JIANDU_DATA_DIR ?? resolve('data-bench-api') };
  const config = loadConfig(env);
  let rt = await openRuntime(config);
  const count = async () => Number((await rt.db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from cadre`)))[0]!.n);
  if ((await count()) < CADRES) {
    await rt.close();
    log(`seeding ${CADRES.toLocaleString()} cadres (jiandu seed, child process) …`);
    const r = spawnSync(process.execPath, [resolve('packages/server/bin/jiandu.mjs'), 'seed', '--cadres', String(CADRES)], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`seed failed (exit ${r.status})`);
    rt = await openRuntime(config);
  }
  try {
    await evaluateIfNeeded(rt);
    return await benchDatabase(rt, 'PostgreSQL');
  } finally {
    await rt.close();
  }
}

async function pglite(): Promise<Result[]> {
  const dir = mkdtempSync(join(tmpdir(), 'jiandu-bench-api-'));
  try {
    const config = loadConfig({ ...process.env, DATABASE_URL: '', JIANDU_DATA_DIR: dir });
    const rt = await openRuntime(config);
    try {
      log('PGlite: seeding the demo city (jiandu demo data) …');
      const data = generateSeedData({ seed: DEFAULT_SEED, cadres: DEFAULT_CADRES, asOf: todayOf(rt.clock) });
      const { DEMO_ENTRIES_PER_CADRE } = await import('../packages/server/src/seed/demo.ts') as unknown as { DEMO_ENTRIES_PER_CADRE?: number };
      await insertSeedData(rt, data, { actor: systemActor('bench:api'), entriesPerCadre: DEMO_ENTRIES_PER_CADRE ?? 30 });
      await evaluateIfNeeded(rt);
      return await benchDatabase(rt, 'PGlite');
    } finally {
      await rt.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The gzip size of the JavaScript the login page and the 工作台 load first (entry + their static imports). */
function firstScreenJs(): { kb: number; files: number } | null {
  const dist = resolve('packages/web/dist');
  const manifestFile = join(dist, '.vite/manifest.json');
  if (!existsSync(manifestFile)) return null;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, { file: string; imports?: string[]; isEntry?: boolean }>;
  const seen = new Set<string>();
  const walk = (key: string) => {
    const e = manifest[key];
    if (!e || seen.has(e.file)) return;
    seen.add(e.file);
    for (const i of e.imports ?? []) walk(i);
  };
  for (const [key, e] of Object.entries(manifest)) {
    if (e.isEntry || key.endsWith('pages/login/LoginPage.tsx') || key.endsWith('pages/dashboard/DashboardPage.tsx')) walk(key);
  }
  let bytes = 0;
  for (const f of seen) if (f.endsWith('.js')) bytes += gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
  return { kb: Math.round(bytes / 1024), files: [...seen].filter((f) => f.endsWith('.js')).length };
}

async function main() {
  const pg = ONLY !== 'pglite' && process.env.DATABASE_URL ? await postgres() : [];
  if (ONLY !== 'pglite' && !process.env.DATABASE_URL) log('DATABASE_URL not set: PostgreSQL part skipped');
  const lite = ONLY !== 'pg' ? await pglite() : [];
  const names = [...new Set([...pg, ...lite].map((r) => r.name))];
  const cell = (r: Result | undefined) => (r ? `${r.p50} / ${r.p95}` : '—');
  const ratio = (r: Result | undefined) => (r && r.floor ? `${r1(r.p50 / Math.max(r.floor, 0.1))} × (${r.floor} ms)` : '');
  console.log(`\n${CLIENTS} concurrent clients, ${RUNS} runs a measure; ms p50 / p95; ratio = p50 ÷ raw-SQL floor of the same page (one client)\n`);
  console.log('| measure | PostgreSQL p50 / p95 | ÷ floor | PGlite p50 / p95 | ÷ floor |\n|---|---:|---:|---:|---:|');
  for (const n of names) {
    const a = pg.find((r) => r.name === n);
    const b = lite.find((r) => r.name === n);
    console.log(`| ${n} | ${cell(a)} | ${ratio(a)} | ${cell(b)} | ${ratio(b)} |`);
  }
  const js = firstScreenJs();
  if (!js) console.log('\nfirst screen JavaScript: packages/web/dist/.vite/manifest.json missing — run `npm run build -w packages/web` first');
  else {
    console.log(`\nfirst screen JavaScript (login + 工作台: entry, its imports, the two page chunks): ${js.kb} KB gzip in ${js.files} files`);
    if (js.kb > JS_LIMIT_KB) console.log(`!!! FIRST SCREEN JAVASCRIPT ${js.kb} KB GZIP IS OVER THE ${JS_LIMIT_KB} KB LIMIT !!!`);
  }
  const p95s = (list: Result[]) => Object.fromEntries(list.map((r) => [r.name, r.p95]));
  const floors = (list: Result[]) => Object.fromEntries(list.filter((r) => r.floor).map((r) => [r.name, r1(r.p50 / Math.max(r.floor!, 0.1))]));
  console.log(JSON.stringify({
    pg_p95_ms: p95s(pg), pglite_p95_ms: p95s(lite), max_p95_ms: Math.max(0, ...[...pg, ...lite].map((r) => r.p95)),
    pg_to_floor: floors(pg), pglite_to_floor: floors(lite), clients: CLIENTS, runs: RUNS,
    first_screen_js_kb_gzip: js?.kb ?? null, js_over_limit: js ? js.kb > JS_LIMIT_KB : null,
  }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
