/**
 * The full re-evaluation (a job with progress in `rule_job`, one at a time) and the sweep of subjects whose
 * results change with time alone (`rule_subject.next_review`). Subjects go in batches, each batch in its
 * own transaction, so the job can stop between batches (shutdown) and other requests interleave on PGlite.
 */
import type { RuleJobView } from '@jiandu/domain';
import type { Database, Tx } from '../../db/client.ts';
import { notifyDeadlines } from '../../repositories/notifications.repository.ts';
import { convenerIds } from '../../repositories/rules-facts.repository.ts';
import * as repo from '../../repositories/supervision.repository.ts';
import { todayOf, type Actor, type Clock } from '../../context.ts';
import { JobStopped, isRunning, shouldStop, startJob } from '../jobs.ts';
import { evaluateSubjects, type SubjectSet } from './evaluate.ts';
import { importJobsRunning, resumeImportJobs } from './import-jobs.ts';
import { loadRuleSettings } from './settings.ts';

export interface RuleJobDeps {
  db: Database;
  clock: Clock;
}

export const BATCH = 1000;
const JOB_KEY = 'rules:full';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
export function jobView(r: repo.RuleJobRow): RuleJobView {
  return {
    id: r.id, status: r.status, reason: r.reason, progress: r.progress, total: r.total, warningsChanged: r.warnings_changed,
    startedAt: iso(r.started_at)!, finishedAt: iso(r.finished_at), error: r.error,
  };
}

export async function latestJob(tx: Tx): Promise<RuleJobView | null> {
  const r = await repo.latestJob(tx);
  return r ? jobView(r) : null;
}

/** Every subject, a batch at a time: cadres, then teams, then the conveners. */
export async function* allBatches(db: Database): AsyncGenerator<SubjectSet> {
  for (const table of ['cadre', 'team'] as const) {
    let after: string | null = null;
    for (;;) {
      const cursor: string | null = after;
      const ids: string[] = await db.tx((tx) => repo.idsAfter(tx, table, cursor, BATCH));
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
        const c = await evaluateSubjects(tx, set, s, todayOf(clock), clock.now(), login);
        await repo.addJobProgress(tx, jobId, sizeOf(set), c);
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
    await db.tx((tx) => repo.finishJob(tx, jobId, clock.now()));
  } catch (e) {
    const stopped = e instanceof JobStopped;
    const message = stopped ? '服务停止，评估已中断（重启后自动继续）' : `评估失败：${(e as Error).message}`;
    await db.tx((tx) => repo.endJob(tx, jobId, stopped ? 'interrupted' : 'failed', message, clock.now())).catch(() => {});
    if (!stopped) throw e;
  }
}

/** A job row, 'running', for `reason`. */
async function createJob(deps: RuleJobDeps, tx: Tx, actor: Actor | null, reason: string): Promise<RuleJobView> {
  const total = await repo.subjectTotal(tx);
  const id = await repo.insertRunningJob(tx, {
    reason, asOf: todayOf(deps.clock), total, createdBy: actor?.userId ?? null, createdByLogin: actor?.login ?? null, startedAt: deps.clock.now(),
  });
  return jobView(await repo.jobById(tx, id));
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
    const running = await repo.runningJob(tx);
    if (running) return { view: jobView(running), fresh: false };
    return { view: await createJob(deps, tx, actor, reason), fresh: true };
  });
  if (job.fresh) void startJob(JOB_KEY, () => runJobs(deps, job.view, actor?.login ?? '系统')).catch(() => {});
  else if (isRunning(JOB_KEY)) rerun = { actor, reason };
  return job.view;
}

/**
 * At start: a job left 'running' by a process that died is interrupted; resume by starting a new one.
 * An import's re-evaluation (import-jobs.ts) runs on where it stopped.
 */
export async function resumeAfterRestart(deps: RuleJobDeps): Promise<RuleJobView | null> {
  const stale = (await deps.db.tx((tx) => repo.interruptRunningJobs(tx, '服务重启，评估已中断', deps.clock.now()))).filter((j) => !j.batch_id);
  await resumeImportJobs(deps);
  const never = await deps.db.tx((tx) => repo.someCadreNeverEvaluated(tx));
  const interrupted = await deps.db.tx((tx) => latestJob(tx));
  if (stale.length || interrupted?.status === 'interrupted') return startFullEvaluation(deps, null, '服务重启后继续');
  if (never) return startFullEvaluation(deps, null, '首次评估（尚未评估的干部）');
  return null;
}

/** Re-evaluates subjects whose next_review day has come (time alone changes their results). */
export async function sweepDue(deps: RuleJobDeps): Promise<number> {
  let total = 0;
  for (;;) {
    if (shouldStop()) break;
    const due = await deps.db.tx((tx) => repo.dueSubjects(tx, todayOf(deps.clock), BATCH));
    if (!due.length) break;
    await deps.db.tx(async (tx) => {
      const s = await loadRuleSettings(tx);
      const set: SubjectSet = {
        cadreIds: due.filter((d) => d.subject_type === 'cadre').map((d) => d.subject_id),
        teamIds: due.filter((d) => d.subject_type === 'team').map((d) => d.subject_id),
        convenerIds: due.filter((d) => d.subject_type === 'convener').map((d) => d.subject_id),
      };
      await evaluateSubjects(tx, set, s, todayOf(deps.clock), deps.clock.now(), '每日评估');
    });
    total += due.length;
  }
  // The bell: approaching deadlines (7 days) and newly overdue 待办, to each one's responsible user, once.
  await deps.db.tx((tx) => notifyDeadlines(tx, todayOf(deps.clock), deps.clock.now()));
  return total;
}

/** Every hour: the subjects whose review day has come. At start: resume or run a first full evaluation. */
export async function startRuleSchedule(deps: RuleJobDeps, everyMs = 3_600_000): Promise<{ started: RuleJobView | null; stop(): void }> {
  const started = await resumeAfterRestart(deps);
  let busy = false;
  const tick = () => {
    if (busy || importJobsRunning()) return; // an import's re-evaluation is evaluating the subjects due: next hour
    busy = true;
    void startJob('rules:sweep', () => sweepDue(deps).then(() => undefined)).catch(() => {}).finally(() => { busy = false; });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  if (!started) tick();
  return { started, stop: () => clearInterval(timer) };
}
