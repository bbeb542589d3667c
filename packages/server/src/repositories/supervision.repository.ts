/**
 * The supervision engine's own queries (the facts it reads are in rules-facts.repository.ts, the findings it
 * writes in findings.repository.ts): the full re-evaluation's bookkeeping (`rule_job`, one row per run), the
 * walks over subjects that feed it and the daily sweep (`rule_subject.next_review`), the planner settings.
 */
import { sql } from 'drizzle-orm';
import { unitAndPost, type RuleJobView } from '@jiandu/domain';
import { rows, type Tx } from '../db/client.ts';

export interface RuleJobRow {
  id: string; status: RuleJobView['status']; reason: string; progress: number; total: number; warnings_changed: number;
  started_at: Date | string; finished_at: Date | string | null; error: string | null;
  /** The import whose subjects the job re-evaluates; null: a full re-evaluation. */
  batch_id?: string | null;
}

export async function latestJob(tx: Tx): Promise<RuleJobRow | null> {
  const [r] = await rows<RuleJobRow>(tx, sql`select * from rule_job where batch_id is null order by started_at desc limit 1`);
  return r ?? null;
}

export async function jobById(tx: Tx, id: string): Promise<RuleJobRow> {
  const [r] = await rows<RuleJobRow>(tx, sql`select * from rule_job where id = ${id}`);
  return r!;
}

export async function runningJob(tx: Tx): Promise<RuleJobRow | null> {
  const [r] = await rows<RuleJobRow>(tx, sql`select * from rule_job where status = 'running' and batch_id is null order by started_at desc limit 1`);
  return r ?? null;
}

/** How many subjects a full run walks: cadres, teams and 组织部 convening. */
export async function subjectTotal(tx: Tx): Promise<number> {
  const total = await rows<{ n: number }>(tx, sql`
    select (select count(*) from cadre) + (select count(*) from team) + (select count(distinct managed_by) from org) as n`);
  return Number(total[0]!.n);
}

export interface RuleJobInsert {
  reason: string; asOf: string; total: number; createdBy: string | null; createdByLogin: string | null; startedAt: Date;
  /** An import's re-evaluation (services/supervision/import-jobs.ts). */
  batchId?: string | null;
}

/** A job row, 'running'; returns its id. */
export async function insertRunningJob(tx: Tx, j: RuleJobInsert): Promise<string> {
  const [r] = await rows<{ id: string }>(tx, sql`
    insert into rule_job (status, reason, as_of, total, created_by, created_by_login, started_at, batch_id)
    values ('running', ${j.reason}, ${j.asOf}, ${j.total}, ${j.createdBy}, ${j.createdByLogin}, ${j.startedAt.toISOString()}::timestamptz, ${j.batchId ?? null}::uuid)
    returning id`);
  return r!.id;
}

export async function addJobProgress(tx: Tx, jobId: string, subjects: number, warningsChanged: number): Promise<void> {
  await tx.execute(sql`update rule_job set progress = progress + ${subjects}, warnings_changed = warnings_changed + ${warningsChanged} where id = ${jobId}`);
}

export async function finishJob(tx: Tx, jobId: string, at: Date): Promise<void> {
  await tx.execute(sql`update rule_job set status = 'done', finished_at = ${at.toISOString()}::timestamptz where id = ${jobId}`);
}

export async function endJob(tx: Tx, jobId: string, status: 'interrupted' | 'failed', message: string, at: Date): Promise<void> {
  await tx.execute(sql`
      update rule_job set status = ${status}, error = ${message}, finished_at = ${at.toISOString()}::timestamptz
      where id = ${jobId}`);
}

/** Jobs left 'running' (by a process that died) become 'interrupted'; returns their ids (an import's re-evaluation: with its batch). */
export async function interruptRunningJobs(tx: Tx, message: string, at: Date): Promise<Array<{ id: string; batch_id: string | null }>> {
  return rows<{ id: string; batch_id: string | null }>(tx, sql`
    update rule_job set status = 'interrupted', error = ${message}, finished_at = ${at.toISOString()}::timestamptz
    where status = 'running' returning id, batch_id`);
}

/** Whether some cadre was never evaluated (no `rule_subject` row). */
export async function someCadreNeverEvaluated(tx: Tx): Promise<boolean> {
  const [never] = await rows<{ n: number }>(tx, sql`
    select count(*) as n from (select id from cadre where not exists (select 1 from rule_subject r where r.subject_type = 'cadre' and r.subject_id = cadre.id) limit 1) x`);
  return Number(never?.n ?? 0) > 0;
}

/** Keyset pages of ids from `table`, for the full walk. */
export async function idsAfter(tx: Tx, table: 'cadre' | 'team', after: string | null, limit: number): Promise<string[]> {
  const t = sql.identifier(table);
  const r = await rows<{ id: string }>(tx, after
    ? sql`select id from ${t} where id > ${after} order by id limit ${limit}`
    : sql`select id from ${t} order by id limit ${limit}`);
  return r.map((x) => x.id);
}

/** Subjects whose review day has come, and subjects never evaluated (a new team, a new 组织部 convening). */
export function dueSubjects(tx: Tx, asOf: string, limit: number): Promise<Array<{ subject_type: string; subject_id: string }>> {
  return rows<{ subject_type: string; subject_id: string }>(tx, sql`
      (select subject_type, subject_id from rule_subject where next_review <= ${asOf} order by next_review limit ${limit})
      union all
      (select 'team', t.id from team t where not exists (select 1 from rule_subject r where r.subject_type = 'team' and r.subject_id = t.id) limit ${limit})
      union all
      (select 'convener', o.managed_by from (select distinct managed_by from org where managed_by is not null) o
        where not exists (select 1 from rule_subject r where r.subject_type = 'convener' and r.subject_id = o.managed_by))
      union all
      (select 'cadre', c.id from cadre c where not exists (select 1 from rule_subject r where r.subject_type = 'cadre' and r.subject_id = c.id) limit ${limit})`);
}

/**
 * Every statement of an evaluation looks a few thousand subjects up by index. For the rest of the
 * transaction: no hash or merge joins (with a 1,000-element array the planner would hash all 20 million
 * entries — 15 s instead of 0.3 s) and no JIT (it compiled for 0.1–1.5 s per statement it believed large).
 */
export async function lookupPlans(tx: Tx): Promise<void> {
  await tx.execute(sql`select set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true), set_config('jit', 'off', true)`);
}

/** The cadre's title on `asOf` (unit and post of the principal, else the earliest, tenure, as `unitAndPost` writes them), for the eligibility opinion. */
export async function titleAsOf(tx: Tx, cadreId: string, asOf: string): Promise<string | null> {
  const r = await rows<{ title: string; org_name: string; short_name: string | null }>(tx, sql`
    select t.title, o.name as org_name, o.short_name from tenure t join team tm on tm.id = t.team_id join org o on o.id = tm.org_id
    where t.cadre_id = ${cadreId} and t.start_date <= ${asOf} and (t.end_date is null or t.end_date > ${asOf})
    order by t.is_principal desc, t.start_date limit 1`);
  return r[0] ? unitAndPost(r[0].org_name, r[0].title, r[0].short_name) : null;
}

// ── the command line (cli/rules.ts) ────────────────────────────────────────────────────────────────

/** The cadre whose 身份证号 has this blind index (any scope), or null. */
export async function cadreIdByBlindIndex(tx: Tx, bidx: Buffer): Promise<string | null> {
  const [r] = await rows<{ id: string }>(tx, sql`select id from cadre where id_number_bidx = ${bidx}`);
  return r?.id ?? null;
}

/** Name and encrypted 身份证号 of cadres. */
export function cadreNames(tx: Tx, cadreIds: readonly string[]): Promise<Array<{ id: string; name: string; id_number_enc: Buffer | Uint8Array | null }>> {
  return rows<{ id: string; name: string; id_number_enc: Buffer | Uint8Array | null }>(tx, sql`
      select id, name, id_number_enc from cadre where id = any(${sql.param([...cadreIds])}::uuid[])`);
}

/** Names of teams and orgs (the 组织部 convening) by id. */
export function teamAndOrgNames(tx: Tx, ids: readonly string[]): Promise<Array<{ id: string; name: string }>> {
  return rows<{ id: string; name: string }>(tx, sql`
      select id, name from team where id = any(${sql.param([...ids])}::uuid[]) union all select id, name from org where id = any(${sql.param([...ids])}::uuid[])`);
}
