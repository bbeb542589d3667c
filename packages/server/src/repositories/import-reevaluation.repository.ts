/**
 * A large import's re-evaluation (services/supervision/import-jobs.ts): its subjects are marked due
 * (`rule_subject.next_review`) in the commit's transaction, then a rule job (`rule_job.batch_id`) walks the
 * subjects of the import still due, a batch at a time. Evaluating a subject moves its review day past today,
 * so what is left due is exactly what is left to do — after a restart too (the daily sweep takes it as well).
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.ts';
import type { RuleJobRow } from './supervision.repository.ts';

/** The import's subjects: cadres of its entries, and teams of its entries about a team alone. */
const batchSubjects = (batchId: string) => sql`(
  select distinct 'cadre'::text as subject_type, e.cadre_id as subject_id from entry e where e.batch_id = ${batchId}::uuid and e.cadre_id is not null
  union
  select distinct 'team'::text, e.team_id from entry e where e.batch_id = ${batchId}::uuid and e.cadre_id is null and e.team_id is not null)`;

/** How many subjects the import touched. */
export async function countBatchSubjects(tx: Tx, batchId: string): Promise<number> {
  const [r] = await rows<{ n: number | string }>(tx, sql`select count(*) as n from ${batchSubjects(batchId)} s`);
  return Number(r?.n ?? 0);
}

/** Marks the import's evaluated subjects due today (those never evaluated are due already). */
export async function markBatchSubjectsDue(tx: Tx, batchId: string, today: string): Promise<void> {
  await tx.execute(sql`
    update rule_subject r set next_review = ${today}::date
    from ${batchSubjects(batchId)} s
    where r.subject_type = s.subject_type and r.subject_id = s.subject_id and (r.next_review is null or r.next_review > ${today}::date)`);
}

/** The next subjects of the import still due (or never evaluated), in (type, id) order after `after`. */
export function dueSubjectsOfBatch(
  tx: Tx, batchId: string, asOf: string, after: { type: string; id: string } | null, limit: number,
): Promise<Array<{ subject_type: string; subject_id: string }>> {
  return rows(tx, sql`
    select s.subject_type, s.subject_id from ${batchSubjects(batchId)} s
    left join rule_subject r on r.subject_type = s.subject_type and r.subject_id = s.subject_id
    where (r.subject_id is null or r.next_review <= ${asOf}::date)
      ${after ? sql`and (s.subject_type, s.subject_id) > (${after.type}::text, ${after.id}::uuid)` : sql``}
    order by s.subject_type, s.subject_id limit ${limit}`);
}

/** The latest re-evaluation job of each import (null: none). */
export async function latestJobsOfBatches(tx: Tx, batchIds: readonly string[]): Promise<Map<string, RuleJobRow>> {
  if (!batchIds.length) return new Map();
  const r = await rows<RuleJobRow & { batch_id: string }>(tx, sql`
    select distinct on (batch_id) * from rule_job where batch_id = any(${sql.param([...batchIds])}::uuid[])
    order by batch_id, started_at desc`);
  return new Map(r.map((x) => [x.batch_id, x]));
}

/** Imports whose latest re-evaluation was interrupted (a shutdown, a process that died): to run again. */
export async function interruptedBatchJobs(tx: Tx): Promise<Array<{ id: string; batch_id: string; created_by_login: string | null }>> {
  return rows(tx, sql`
    select id, batch_id, created_by_login from (
      select distinct on (batch_id) id, batch_id, status, created_by_login from rule_job where batch_id is not null
      order by batch_id, started_at desc) j
    where status = 'interrupted'`);
}

/** Done: every subject of the import is current (some may have been evaluated by another path meanwhile). */
export async function completeBatchJob(tx: Tx, jobId: string, at: Date): Promise<void> {
  await tx.execute(sql`update rule_job set status = 'done', progress = total, finished_at = ${at.toISOString()}::timestamptz where id = ${jobId}`);
}

/** An interrupted job runs on (same row, its progress kept). */
export async function resumeJob(tx: Tx, jobId: string): Promise<void> {
  await tx.execute(sql`update rule_job set status = 'running', error = null, finished_at = null where id = ${jobId}`);
}
