/**
 * The re-evaluation after a ledger import's commit. A few subjects (≤ `inlineMax`, JIANDU_IMPORT_INLINE_SUBJECTS)
 * are re-evaluated in the commit's transaction, as every other write does. More would hold the commit (and,
 * on PGlite, every other request) for minutes, so the commit only marks them due (`rule_subject.next_review`
 * = today) and records a rule job over them (`rule_job.batch_id`); after the commit the job evaluates the
 * import's subjects still due, a batch per transaction, with progress the import report shows. Shutdown
 * stops it between batches (interrupted); at the next start it runs on (`resumeImportJobs`), and whatever
 * is still due is taken by the hourly sweep anyway.
 */
import type { RuleJobView } from '@jiandu/domain';
import type { Database, Tx } from '../../db/client.ts';
import * as jobsRepo from '../../repositories/supervision.repository.ts';
import * as repo from '../../repositories/import-reevaluation.repository.ts';
import { todayOf, type Actor, type Clock } from '../../context.ts';
import { JobStopped, shouldStop, startJob } from '../jobs.ts';
import { evaluateSubjects, reevaluateBatch } from './evaluate.ts';
import { loadRuleSettings } from './settings.ts';

interface Deps { db: Database; clock: Clock }

const BATCH = 1000;
const keyOf = (batchId: string) => `rules:import:${batchId}`;

/** Import jobs running in this process (the hourly sweep waits for them rather than evaluating the same subjects). */
const runs = new Map<string, Promise<void>>();
export const importJobsRunning = () => runs.size > 0;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const viewOf = (r: jobsRepo.RuleJobRow): RuleJobView => ({
  id: r.id, status: r.status, reason: r.reason, progress: r.progress, total: r.total, warningsChanged: r.warnings_changed,
  startedAt: iso(r.started_at)!, finishedAt: iso(r.finished_at), error: r.error,
});

/**
 * In the commit's transaction, after its entries are written. Returns the job to start once the
 * transaction has committed (null: nothing left to do — done inline, or no subject).
 */
export async function reevaluateImport(tx: Tx, clock: Clock, batchId: string, actor: Actor, inlineMax: number): Promise<string | null> {
  const total = await repo.countBatchSubjects(tx, batchId);
  if (total === 0) return null;
  const inline = total <= inlineMax;
  const id = await jobsRepo.insertRunningJob(tx, {
    reason: inline ? '台账导入后重算预警（随导入完成）' : '台账导入后重算预警（后台）', asOf: todayOf(clock), total,
    createdBy: actor.userId, createdByLogin: actor.login, startedAt: clock.now(), batchId,
  });
  if (inline) {
    const changed = await reevaluateBatch(tx, clock, batchId, actor.login);
    await jobsRepo.addJobProgress(tx, id, total, changed);
    await repo.completeBatchJob(tx, id, clock.now());
    return null;
  }
  await repo.markBatchSubjectsDue(tx, batchId, todayOf(clock));
  return id;
}

async function run(deps: Deps, jobId: string, batchId: string, login: string | null): Promise<void> {
  const { db, clock } = deps;
  let after: { type: string; id: string } | null = null;
  try {
    for (;;) {
      if (shouldStop()) throw new JobStopped();
      const today = todayOf(clock);
      const cursor: { type: string; id: string } | null = after;
      // The subjects still due are read in the batch's own transaction: one evaluated meanwhile is skipped.
      const last = await db.tx(async (tx) => {
        const due = await repo.dueSubjectsOfBatch(tx, batchId, today, cursor, BATCH);
        if (!due.length) return null;
        const ids = (type: string) => due.filter((d) => d.subject_type === type).map((d) => d.subject_id);
        const changed = await evaluateSubjects(tx, { cadreIds: ids('cadre'), teamIds: ids('team') }, await loadRuleSettings(tx), today, clock.now(), login);
        await jobsRepo.addJobProgress(tx, jobId, due.length, changed);
        return due[due.length - 1]!;
      });
      if (!last) break;
      after = { type: last.subject_type, id: last.subject_id };
    }
    await db.tx((tx) => repo.completeBatchJob(tx, jobId, clock.now()));
  } catch (e) {
    const stopped = e instanceof JobStopped;
    const message = stopped ? '服务停止，预警重算已中断（重启后自动继续）' : `预警重算失败：${(e as Error).message}（每小时的例行评估会补上）`;
    await db.tx((tx) => jobsRepo.endJob(tx, jobId, stopped ? 'interrupted' : 'failed', message, clock.now())).catch(() => {});
  }
}

/** Starts (in the background) the job `reevaluateImport` returned, once the commit is in. */
export function startImportJob(deps: Deps, jobId: string, batchId: string, login: string | null): void {
  if (runs.has(batchId)) return;
  const p = startJob(keyOf(batchId), () => run(deps, jobId, batchId, login)).catch(() => {}).finally(() => runs.delete(batchId));
  runs.set(batchId, p);
}

/** The latest re-evaluation of each import (for the import views). */
export async function reevaluationsOf(tx: Tx, batchIds: readonly string[]): Promise<Map<string, RuleJobView>> {
  const m = await repo.latestJobsOfBatches(tx, batchIds);
  return new Map([...m].map(([k, v]) => [k, viewOf(v)]));
}

/**
 * Waits until the import's re-evaluation has ended (the CLI, so that a script sees current warnings);
 * `onProgress` every second meanwhile. Returns the job as it ended (null: the import had none).
 */
export async function waitForImportJob(deps: Deps, batchId: string, onProgress?: (job: RuleJobView) => void, everyMs = 1000): Promise<RuleJobView | null> {
  for (;;) {
    const job = (await deps.db.tx((tx) => reevaluationsOf(tx, [batchId]))).get(batchId) ?? null;
    if (!job || job.status !== 'running') return job;
    onProgress?.(job);
    const here = runs.get(batchId); // absent: another process runs it (or it just ended) — poll
    await Promise.race([...(here ? [here] : []), new Promise((r) => setTimeout(r, everyMs))]);
  }
}

/** At start: import re-evaluations that were interrupted run on. */
export async function resumeImportJobs(deps: Deps): Promise<number> {
  const list = await deps.db.tx((tx) => repo.interruptedBatchJobs(tx));
  for (const j of list) {
    await deps.db.tx((tx) => repo.resumeJob(tx, j.id));
    startImportJob(deps, j.id, j.batch_id, j.created_by_login);
  }
  return list.length;
}
