/**
 * Rules benchmark: `npm run bench:rules [-- --cadres N] [--runs K]` (default 200,000 cadres — a province).
 *
 * Uses the database named by DATABASE_URL (aim: a real PostgreSQL), else PGlite in JIANDU_DATA_DIR (default
 * ./data-bench-rules). If it holds fewer than N cadres, it is seeded first by `jiandu seed --cadres N` in a
 * child process (about 100 ledger entries per cadre: 20 million at 200,000 cadres), so the seed's memory is
 * not this process's. Then, in this process and on the same database:
 *   floor        one hand-written SQL query computing 信访集中 for everyone (≥ 2 petitions in 12 months not
 *                查否) — what the database alone needs to read the facts of one rule;
 *   full         the full re-evaluation job (every cadre, team and convener: load facts, 13 rules, obligations,
 *                write the differences), as the server runs it;
 *   incremental  one write's re-evaluation: a new entry for one cadre through the real service (its
 *                transaction includes the re-evaluation), and the re-evaluation alone, median of K runs;
 *   eligibility  凡提必查 for one cadre (facts, rules, evidence), median of K runs.
 * Prints times, ratios to the floor and peak RSS (sampled from a worker thread); the last line is one JSON object.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { FULL_FIELD_POLICY, addMonths } from '@jiandu/domain';
import { loadConfig } from '../packages/server/src/config.ts';
import { rows } from '../packages/server/src/db/client.ts';
import { openRuntime } from '../packages/server/src/runtime.ts';
import { todayOf, systemActor } from '../packages/server/src/context.ts';
import { createEntry } from '../packages/server/src/services/entries.service.ts';
import { drainJobs } from '../packages/server/src/services/jobs.ts';
import { computeEligibility } from '../packages/server/src/services/supervision/eligibility.service.ts';
import { reevaluate } from '../packages/server/src/services/supervision/evaluate.ts';
import { latestJob, startFullEvaluation } from '../packages/server/src/services/supervision/jobs.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const CADRES = Number((arg('--cadres') ?? '200000').replace(/[_,]/gu, ''));
const RUNS = Number(arg('--runs') ?? '30');
const log = (s: string) => process.stderr.write(s + '\n');
const env = { ...process.env, JIANDU_DATA_DIR: process.env.JIANDU_DATA_DIR ?? resolve('data-bench-rules') };

// Peak RSS from a worker thread (PGlite runs statements on the main thread).
const shared = new SharedArrayBuffer(16);
const peak = new Float64Array(shared);
const sampler = new Worker(`
  const { workerData } = require('node:worker_threads');
  const a = new Float64Array(workerData);
  const tick = () => { const r = process.memoryUsage.rss(); if (r > a[0]) a[0] = r; if (a[1] === 0) setTimeout(tick, 50); };
  tick();
`, { eval: true, workerData: shared });
sampler.unref();
const mb = (b: number) => Math.round(b / 1024 / 1024);
const ms = (t0: number) => performance.now() - t0;
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
const p95 = (a: number[]) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * 0.95))]!;

async function main() {
  const config = loadConfig(env);
  let rt = await openRuntime(config);
  const counts = async () => (await rt.db.tx((tx) => rows<{ cadres: number; entries: number }>(tx, sql`
    select (select count(*) from cadre)::int as cadres, (select count(*) from entry_head)::int as entries`)))[0]!;
  let c = await counts();
  if (c.cadres < CADRES) {
    await rt.close();
    log(`seeding ${CADRES.toLocaleString()} cadres (jiandu seed, child process) …`);
    const t = performance.now();
    const r = spawnSync(process.execPath, [resolve('packages/server/bin/jiandu.mjs'), 'seed', '--cadres', String(CADRES)], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`seed failed (exit ${r.status})`);
    log(`seeded in ${(ms(t) / 1000).toFixed(0)} s`);
    rt = await openRuntime(config);
    c = await counts();
  }
  const asOf = todayOf(rt.clock);
  log(`database: ${rt.db.kind === 'pg' ? 'PostgreSQL' : 'PGlite'}; ${c.cadres.toLocaleString()} cadres, ${c.entries.toLocaleString()} entries; as of ${asOf}`);

  // Floor: one rule for everyone, in one SQL statement.
  peak[0] = 0;
  let t = performance.now();
  const floorRows = await rt.db.tx((tx) => rows<{ n: number }>(tx, sql`
    select count(*)::int as n from (
      select h.cadre_id from entry_head h join entry e on e.id = h.version_id
      where h.kind = 'xfjb' and h.status = 'accepted' and h.cadre_id is not null
        and h.occurred_on > ${addMonths(asOf, -12)} and h.occurred_on <= ${asOf}
        and coalesce(e.details->>'result', '') not in ('失实', '查无实据', '诬告')
      group by h.cadre_id having count(*) >= 2) x`));
  const floorMs = ms(t);
  log(`floor: 信访集中 by one SQL query: ${floorRows[0]!.n.toLocaleString()} cadres in ${(floorMs / 1000).toFixed(2)} s`);

  // Full re-evaluation, as the job runs it.
  peak[0] = 0;
  t = performance.now();
  await startFullEvaluation(rt, systemActor('bench:rules'), 'bench:rules');
  const progress = setInterval(() => void rt.db.tx((tx) => latestJob(tx)).then((j) => j && log(`  full: ${j.progress.toLocaleString()}/${j.total.toLocaleString()}`)), 15_000);
  await drainJobs();
  clearInterval(progress);
  const fullMs = ms(t);
  const job = (await rt.db.tx((tx) => latestJob(tx)))!;
  if (job.status !== 'done') throw new Error(`full re-evaluation ${job.status}: ${job.error}`);
  const fullRss = peak[0]!;
  const stored = (await rt.db.tx((tx) => rows<{ warnings: number; obligations: number }>(tx, sql`
    select (select count(*) from warning where active)::int as warnings, (select count(*) from obligation where active)::int as obligations`)))[0]!;
  log(`full: ${job.progress.toLocaleString()} subjects in ${(fullMs / 1000).toFixed(1)} s (${stored.warnings.toLocaleString()} active warnings, ${stored.obligations.toLocaleString()} obligations); peak RSS ${mb(fullRss)} MB`);

  // The busiest cadre: the worst case for one write and for eligibility.
  const [busy] = await rt.db.tx((tx) => rows<{ cadre_id: string; n: number; org_id: string }>(tx, sql`
    select h.cadre_id, count(*)::int as n, min(c.org_id::text)::uuid as org_id from entry_head h join cadre c on c.id = h.cadre_id
    where h.cadre_id in (select id from cadre order by id limit 2000) group by h.cadre_id order by count(*) desc limit 1`));
  const cadreId = busy!.cadre_id;
  log(`incremental / eligibility on a cadre with ${busy!.n} entries`);

  peak[0] = 0;
  const actor = { ...systemActor('bench:rules'), userId: null };
  const writes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    t = performance.now();
    await createEntry({ db: rt.db, clock: rt.clock, crypto: rt.crypto }, actor, 'supervisor', {
      kind: 'xfjb', sourceDept: 'xf', cadreId, occurredOn: asOf, summary: `基准测试信访件${i + 1}`, sensitivity: '一般',
      details: { channel: '来信', realName: true, status: '核查中' },
    } as never);
    writes.push(ms(t));
  }
  const alone: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    t = performance.now();
    await rt.db.tx((tx) => reevaluate(tx, rt.clock, { cadreIds: [cadreId] }));
    alone.push(ms(t));
  }
  const elig: number[] = [];
  let result = '';
  for (let i = 0; i < RUNS; i++) {
    t = performance.now();
    result = (await rt.db.tx((tx) => computeEligibility(tx, rt.crypto, null, FULL_FIELD_POLICY, cadreId, asOf))).result;
    elig.push(ms(t));
  }
  const smallRss = peak[0]!;
  log(`write + re-evaluation: median ${median(writes).toFixed(1)} ms, p95 ${p95(writes).toFixed(1)} ms`);
  log(`re-evaluation alone:   median ${median(alone).toFixed(1)} ms, p95 ${p95(alone).toFixed(1)} ms`);
  log(`eligibility (${result}): median ${median(elig).toFixed(1)} ms, p95 ${p95(elig).toFixed(1)} ms`);
  peak[1] = 1;

  const figures = {
    database: rt.db.kind, cores: availableParallelism(), memGiB: Math.round(totalmem() / 2 ** 30), cadres: c.cadres, entries: c.entries,
    subjects: job.progress, activeWarnings: stored.warnings, obligations: stored.obligations,
    floorMs: Math.round(floorMs), fullMs: Math.round(fullMs), fullToFloor: Number((fullMs / floorMs).toFixed(1)),
    incrementalMs: Number(median(alone).toFixed(1)), incrementalP95Ms: Number(p95(alone).toFixed(1)),
    writeWithReevaluationMs: Number(median(writes).toFixed(1)), incrementalToFloor: Number((median(alone) / floorMs).toFixed(4)),
    eligibilityMs: Number(median(elig).toFixed(1)), eligibilityP95Ms: Number(p95(elig).toFixed(1)), eligibilityToFloor: Number((median(elig) / floorMs).toFixed(4)),
    peakRssFullMB: mb(fullRss), peakRssSmallMB: mb(smallRss),
    aims: { fullUnder10min: fullMs < 600_000, incrementalUnder50ms: median(alone) < 50, eligibilityUnder100ms: median(elig) < 100 },
  };
  console.log(`\n| measure | time | ratio to floor |\n|---|---|---|`);
  console.log(`| floor: 信访集中 for everyone, one SQL query | ${(floorMs / 1000).toFixed(2)} s | 1 |`);
  console.log(`| full re-evaluation (${job.progress.toLocaleString()} subjects) | ${(fullMs / 1000).toFixed(1)} s | ${figures.fullToFloor} |`);
  console.log(`| incremental re-evaluation of one cadre (median) | ${figures.incrementalMs} ms | ${figures.incrementalToFloor} |`);
  console.log(`| eligibility of one cadre (median) | ${figures.eligibilityMs} ms | ${figures.eligibilityToFloor} |`);
  console.log(`peak RSS: full ${figures.peakRssFullMB} MB, single-cadre work ${figures.peakRssSmallMB} MB`);
  console.log(JSON.stringify(figures));
  await rt.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
