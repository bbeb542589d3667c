/**
 * The full re-evaluation (a job with progress in `rule_job`, one at a time) and the sweep of subjects whose
 * results change with time alone (`rule_subject.next_review`). Subjects go in batches, each batch in its
 * own transaction, so the job can stop between batches (shutdown) and other requests interleave on PGlite.
 */
import { sql } from 'drizzle-orm';
import type { RuleJobView } from '@jiandu/domain';
import { rows, type Database, type Tx } from '../../db/client.ts';
import { convenerIds } from '../../repositories/rules-facts.repository.ts';
import type { Actor, Clock } from '../../context.ts';
import { JobStopped, isRunning, shouldStop, startJob } from '../jobs.ts';
import { today } from '../orgs.service.ts';
import { evaluateSubjects, type SubjectSet } from './evaluate.ts';
import { loadRuleSettings } from './settings.ts';

export interface RuleJobDeps {
  db: Database;
  clock: Clock;
}

export const BATCH = 1000;
const JOB_KEY = 'rules:full';

interface JobRow {
  id: string; status: RuleJobView['status']; reason: string; progress: number; total: number; warnings_changed: number;
  started_at: Date | string; finished_at: Date | string | null; error: string | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
export function jobView(r: JobRow): RuleJobView {
  return {
    id: r.id, status: r.status, reason: r.reason, progress: r.progress, total: r.total, warningsChanged: r.warnings_changed,
    startedAt: iso(r.started_at)!, finishedAt: iso(r.finished_at), error: r.error,
  };
}

export async function latestJob(tx: Tx): Promise<RuleJobView | null> {
  const [r] = await rows<JobRow>(tx, sql`select * from rule_job order by started_at desc limit 1`);
  return r ? jobView(r) : null;
}

async function jobById(tx: Tx, id: string): Promise<RuleJobView> {
  const [r] = await rows<JobRow>(tx, sql`select * from rule_job where id = ${id}`);
  return jobView(r!);
}

/** Keyset pages of ids from `table`, for the full walk. */
async function idsAfter(tx: Tx, table: 'cadre' | 'team', after: string | null): Promise<string[]> {
  const t = sql.identifier(table);
  const r = await rows<{ id: string }>(tx, after
    ? sql`select id from ${t} where id > ${after} order by id limit ${BATCH}`
    : sql`select id from ${t} order by id limit ${BATCH}`);
  return r.map((x) => x.id);
}

/** Every subject, a batch at a time: cadres, then teams, then the conveners. */
export async function* allBatches(db: Database): AsyncGenerator<SubjectSet> {
  for (const table of ['cadre', 'team'] as const) {
    let after: string | null = null;
    for (;;) {
      const cursor: string | null = after;
      const ids: string[] = await db.tx((tx) => idsAfter(tx, table, cursor));
      if (!ids.length) break;
      yield table === 'cadre' ? { cadreIds: ids } : { teamIds: ids };
      after = ids[ids.length - 1]!;
    }
  }
  yield { convenerIds: await db.tx((tx) => convenerIds(tx)) };
}

const sizeOf = (set: SubjectSet) => (set.cadreIds?.length ?? 0) + (set.teamIds?.length ?? 0) + (set.convenerIds?.length ?? 0);

async function runFull(deps: RuleJobDeps, jobId: string, login: string | null): Promise<void> {
  const { db, clock } = deps;
  // On PostgreSQL two batches overlap (one loads or writes while the other is evaluated in Node); PGlite has one connection.
  const workers = db.kind === 'pg' ? 2 : 1;
  const batches = allBatches(db);
  let failed = false;
  const work = async () => {
    for (;;) {
      if (failed) return;
      if (shouldStop()) throw new JobStopped();
      const next = await batches.next();
      if (next.done) return;
      const set = next.value;
      await db.tx(async (tx) => {
        const s = await loadRuleSettings(tx);
        const c = await evaluateSubjects(tx, set, s, today(clock), clock.now(), login);
        await tx.execute(sql`update rule_job set progress = progress + ${sizeOf(set)}, warnings_changed = warnings_changed + ${c} where id = ${jobId}`);
      }).catch((e: unknown) => {
        failed = true;
        throw e;
      });
    }
  };
  try {
    const results = await Promise.allSettled(Array.from({ length: workers }, work));
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (rejected) throw rejected.reason;
    await db.tx((tx) => tx.execute(sql`update rule_job set status = 'done', finished_at = ${clock.now().toISOString()}::timestamptz where id = ${jobId}`));
  } catch (e) {
    const stopped = e instanceof JobStopped;
    const message = stopped ? '服务停止，评估已中断（重启后自动继续）' : `评估失败：${(e as Error).message}`;
    await db.tx((tx) => tx.execute(sql`
      update rule_job set status = ${stopped ? 'interrupted' : 'failed'}, error = ${message}, finished_at = ${clock.now().toISOString()}::timestamptz
      where id = ${jobId}`)).catch(() => {});
    if (!stopped) throw e;
  }
}

/** A job row, 'running', for `reason`. */
async function createJob(deps: RuleJobDeps, tx: Tx, actor: Actor | null, reason: string): Promise<RuleJobView> {
  const total = await rows<{ n: number }>(tx, sql`
    select (select count(*) from cadre) + (select count(*) from team) + (select count(distinct managed_by) from org) as n`);
  const [r] = await rows<{ id: string }>(tx, sql`
    insert into rule_job (status, reason, as_of, total, created_by, created_by_login, started_at)
    values ('running', ${reason}, ${today(deps.clock)}, ${Number(total[0]!.n)}, ${actor?.userId ?? null}, ${actor?.login ?? null}, ${deps.clock.now().toISOString()}::timestamptz)
    returning id`);
  return jobById(tx, r!.id);
}

/** Asked for while this process's job was running (e.g. a threshold changed mid-way): run again afterwards. */
let rerun: { actor: Actor | null; reason: string } | null = null;

/** Runs the job, then once more for every request that came while it ran (batches already done used the old settings). */
async function runJobs(deps: RuleJobDeps, first: RuleJobView, login: string): Promise<void> {
  let job = first;
  let by = login;
  for (;;) {
    await runFull(deps, job.id, by);
    const next = rerun;
    rerun = null;
    if (!next || shouldStop()) return;
    job = await deps.db.tx((tx) => createJob(deps, tx, next.actor, `${next.reason}（提出时上一次评估尚在进行，随后重新评估）`));
    by = next.actor?.login ?? '系统';
  }
}

/**
 * Starts a full re-evaluation. If one is running it is returned; when that one runs in this process, another
 * follows it, so that a change made meanwhile reaches every subject.
 */
export async function startFullEvaluation(deps: RuleJobDeps, actor: Actor | null, reason: string): Promise<RuleJobView> {
  const job = await deps.db.tx(async (tx) => {
    const [running] = await rows<JobRow>(tx, sql`select * from rule_job where status = 'running' order by started_at desc limit 1`);
    if (running) return { view: jobView(running), fresh: false };
    return { view: await createJob(deps, tx, actor, reason), fresh: true };
  });
  if (job.fresh) void startJob(JOB_KEY, () => runJobs(deps, job.view, actor?.login ?? '系统')).catch(() => {});
  else if (isRunning(JOB_KEY)) rerun = { actor, reason };
  return job.view;
}

/** At start: a job left 'running' by a process that died is interrupted; resume by starting a new one. */
export async function resumeAfterRestart(deps: RuleJobDeps): Promise<RuleJobView | null> {
  const stale = await deps.db.tx((tx) => rows<{ id: string }>(tx, sql`
    update rule_job set status = 'interrupted', error = '服务重启，评估已中断', finished_at = ${deps.clock.now().toISOString()}::timestamptz
    where status = 'running' returning id`));
  const [never] = await deps.db.tx((tx) => rows<{ n: number }>(tx, sql`
    select count(*) as n from (select id from cadre where not exists (select 1 from rule_subject r where r.subject_type = 'cadre' and r.subject_id = cadre.id) limit 1) x`));
  const interrupted = await deps.db.tx((tx) => latestJob(tx));
  if (stale.length || interrupted?.status === 'interrupted') return startFullEvaluation(deps, null, '服务重启后继续');
  if (Number(never?.n ?? 0) > 0) return startFullEvaluation(deps, null, '首次评估（尚未评估的干部）');
  return null;
}

/** Re-evaluates subjects whose next_review day has come (time alone changes their results). */
export async function sweepDue(deps: RuleJobDeps): Promise<number> {
  let total = 0;
  for (;;) {
    if (shouldStop()) break;
    // Subjects whose review day has come, and subjects never evaluated (a new team, a new 组织部 convening).
    const due = await deps.db.tx((tx) => rows<{ subject_type: string; subject_id: string }>(tx, sql`
      (select subject_type, subject_id from rule_subject where next_review <= ${today(deps.clock)} order by next_review limit ${BATCH})
      union all
      (select 'team', t.id from team t where not exists (select 1 from rule_subject r where r.subject_type = 'team' and r.subject_id = t.id) limit ${BATCH})
      union all
      (select 'convener', o.managed_by from (select distinct managed_by from org where managed_by is not null) o
        where not exists (select 1 from rule_subject r where r.subject_type = 'convener' and r.subject_id = o.managed_by))
      union all
      (select 'cadre', c.id from cadre c where not exists (select 1 from rule_subject r where r.subject_type = 'cadre' and r.subject_id = c.id) limit ${BATCH})`));
    if (!due.length) break;
    await deps.db.tx(async (tx) => {
      const s = await loadRuleSettings(tx);
      const set: SubjectSet = {
        cadreIds: due.filter((d) => d.subject_type === 'cadre').map((d) => d.subject_id),
        teamIds: due.filter((d) => d.subject_type === 'team').map((d) => d.subject_id),
        convenerIds: due.filter((d) => d.subject_type === 'convener').map((d) => d.subject_id),
      };
      await evaluateSubjects(tx, set, s, today(deps.clock), deps.clock.now(), '每日评估');
    });
    total += due.length;
  }
  return total;
}

/** Every hour: the subjects whose review day has come. At start: resume or run a first full evaluation. */
export async function startRuleSchedule(deps: RuleJobDeps, everyMs = 3_600_000): Promise<{ started: RuleJobView | null; stop(): void }> {
  const started = await resumeAfterRestart(deps);
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    void startJob('rules:sweep', () => sweepDue(deps).then(() => undefined)).catch(() => {}).finally(() => { busy = false; });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  if (!started) tick();
  return { started, stop: () => clearInterval(timer) };
}
