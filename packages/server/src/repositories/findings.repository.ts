/**
 * What the supervision engine writes (services/supervision/persist.ts decides what changed): warnings with
 * their events, obligations (待办), and each subject's next review day. Every statement is set-based
 * (jsonb_to_recordset / unnest), so a batch of a thousand subjects costs a handful of round trips.
 * Also the stored findings as the CLI and the eligibility opinion read them back.
 */
import { sql } from 'drizzle-orm';
import type { Colour, ObligationFinding, WarningStatus } from '@jiandu/domain';
import { rows, type Tx } from '../db/client.ts';

const param = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;
const uuids = (list: readonly string[]) => sql`${sql.param([...list])}::uuid[]`;

export interface ExistingWarning {
  id: string; identity: string; colour: Colour; explanation: string; evidence: string[] | string; until: string | null;
  active: boolean; status: string;
}

/** The stored warnings (active or not) of the subjects. */
export function subjectWarnings(tx: Tx, cadreIds: readonly string[], teamIds: readonly string[]): Promise<ExistingWarning[]> {
  // Two index lookups joined to the subjects (an OR of the two would scan the whole table).
  return rows<ExistingWarning>(tx, sql`
    select w.id, w.identity, w.colour, w.explanation, w.evidence, w.until, w.active, w.status
    from unnest(${uuids(cadreIds)}) as s(id) join warning w on w.cadre_id = s.id
    union all
    select w.id, w.identity, w.colour, w.explanation, w.evidence, w.until, w.active, w.status
    from unnest(${uuids(teamIds)}) as s(id) join warning w on w.team_id = s.id and w.subject_type = 'team'`);
}

export interface WarningInsert {
  identity: string; rule: string; colour: Colour; subject_type: string; cadre_id: string | null; team_id: string | null; org_id: string;
  /** A PostgreSQL array literal of uuids. */
  evidence: string; explanation: string; until: string | null;
}

/** New warnings, each with its 'raised' event. */
export async function insertWarnings(tx: Tx, inserts: readonly WarningInsert[], now: string, actorLogin: string | null): Promise<void> {
  await tx.execute(sql`
      with ins as (
        insert into warning (identity, rule, colour, subject_type, cadre_id, team_id, org_id, evidence, explanation, until, first_seen_at, last_changed_at)
        select identity, rule, colour, subject_type, cadre_id, team_id, org_id, evidence::uuid[], explanation, until, ${now}::timestamptz, ${now}::timestamptz
        from jsonb_to_recordset(${param(inserts)}) as x(identity text, rule text, colour text, subject_type text, cadre_id uuid, team_id uuid,
             org_id uuid, evidence text, explanation text, until date)
        returning id, colour)
      insert into warning_event (warning_id, at, action, colour, status, by_login)
      select id, ${now}::timestamptz, 'raised', colour, 'new', ${actorLogin} from ins`);
}

export interface WarningUpdate {
  id: string; colour: Colour; explanation: string; until: string | null; evidence: string; org_id: string;
  /** Back to 'new' (it needs looking at again). */
  reopen: boolean;
  action: 'reraised' | 'changed';
}

/** Found again with other content (or after being cleared): updated and active, each with its event. */
export async function updateWarnings(tx: Tx, updates: readonly WarningUpdate[], now: string, actorLogin: string | null): Promise<void> {
  await tx.execute(sql`
      with upd as (
        update warning w set colour = x.colour, explanation = x.explanation, until = x.until, evidence = x.evidence::uuid[],
          org_id = x.org_id, active = true, last_changed_at = ${now}::timestamptz,
          status = case when x.reopen then 'new' else w.status end
        from jsonb_to_recordset(${param(updates)}) as x(id uuid, colour text, explanation text, until date, evidence text, org_id uuid, reopen boolean, action text)
        where w.id = x.id
        returning w.id, w.colour, w.status, x.action)
      insert into warning_event (warning_id, at, action, colour, status, by_login)
      select id, ${now}::timestamptz, action, colour, status, ${actorLogin} from upd`);
}

/** Not found again: inactive, each with a 'cleared' event. */
export async function clearWarnings(tx: Tx, ids: readonly string[], now: string, actorLogin: string | null): Promise<void> {
  await tx.execute(sql`
      with upd as (
        update warning set active = false, last_changed_at = ${now}::timestamptz where id = any(${uuids(ids)})
        returning id, colour, status)
      insert into warning_event (warning_id, at, action, colour, status, by_login)
      select id, ${now}::timestamptz, 'cleared', colour, status, ${actorLogin} from upd`);
}

export interface ObligationUpsert {
  identity: string; type: string; subject_type: string; cadre_id: string | null; team_id: string | null; convener_id: string | null; org_id: string;
  title: string; triggered_on: string; due_on: string; done_on: string | null; done_by: string | null;
  /** A PostgreSQL array literal of uuids. */
  evidence: string;
}

/** The obligations found, inserted or updated (only when something differs), all active. */
export async function upsertObligations(tx: Tx, items: readonly ObligationUpsert[], now: string): Promise<void> {
  await tx.execute(sql`
      insert into obligation (identity, type, subject_type, cadre_id, team_id, convener_id, org_id, title, triggered_on, due_on, done_on, done_by, evidence, active, created_at, updated_at)
      select identity, type, subject_type, cadre_id, team_id, convener_id, org_id, title, triggered_on, due_on, done_on, done_by, evidence::uuid[], true,
             ${now}::timestamptz, ${now}::timestamptz
      from jsonb_to_recordset(${param(items)}) as x(identity text, type text, subject_type text, cadre_id uuid, team_id uuid, convener_id uuid,
           org_id uuid, title text, triggered_on date, due_on date, done_on date, done_by text, evidence text)
      on conflict (identity) do update set title = excluded.title, org_id = excluded.org_id, triggered_on = excluded.triggered_on,
        due_on = excluded.due_on, done_on = excluded.done_on, done_by = excluded.done_by, evidence = excluded.evidence, active = true,
        updated_at = excluded.updated_at
      where (obligation.title, obligation.org_id, obligation.triggered_on, obligation.due_on, obligation.done_on, obligation.done_by, obligation.evidence, obligation.active)
        is distinct from (excluded.title, excluded.org_id, excluded.triggered_on, excluded.due_on, excluded.done_on, excluded.done_by, excluded.evidence, true)`);
}

/** Active obligations of the subjects (cadres, teams or conveners, by `column`) whose identity is not in `keep` turn inactive. */
export async function deactivateObligations(
  tx: Tx, column: 'cadre_id' | 'team_id' | 'convener_id', subjectIds: readonly string[], keep: readonly string[], now: string,
): Promise<void> {
  const keepSet = sql`${sql.param([...keep])}::text[]`;
  await tx.execute(sql`
      update obligation b set active = false, updated_at = ${now}::timestamptz
      from unnest(${uuids(subjectIds)}) as s(id)
      where b.${sql.identifier(column)} = s.id and b.active and not (b.identity = any(${keepSet}))`);
}

/** Each subject's evaluation time and next review day (null: time alone never changes its results). */
export async function upsertReviews(tx: Tx, reviews: ReadonlyArray<{ subjectType: string; subjectId: string; next: string | null }>, at: Date): Promise<void> {
  await tx.execute(sql`
    insert into rule_subject (subject_type, subject_id, evaluated_at, next_review)
    select subject_type, subject_id, ${at.toISOString()}::timestamptz, next_review
    from jsonb_to_recordset(${param(reviews.map((r) => ({ subject_type: r.subjectType, subject_id: r.subjectId, next_review: r.next })))})
      as x(subject_type text, subject_id uuid, next_review date)
    on conflict (subject_type, subject_id) do update set evaluated_at = excluded.evaluated_at, next_review = excluded.next_review`);
}

/** Identities of the cadre's warnings somebody handled or dismissed (已处置 / 已排除). */
export async function closedWarningIdentities(tx: Tx, cadreId: string): Promise<Set<string>> {
  const r = await rows<{ identity: string }>(tx, sql`
    select identity from warning where cadre_id = ${cadreId} and status in ('handled','dismissed')`);
  return new Set(r.map((x) => x.identity));
}

/** Every stored warning's id and status by identity (to give computed warnings their stored status). */
export function warningStatuses(tx: Tx): Promise<Array<{ identity: string; id: string; status: WarningStatus }>> {
  return rows<{ identity: string; id: string; status: WarningStatus }>(tx, sql`select identity, id, status from warning`);
}

export interface StoredWarningRow {
  id: string; rule: string; colour: Colour; subject_type: string; cadre_id: string | null; team_id: string | null; status: WarningStatus;
  explanation: string; evidence: string[] | string; until: string | null;
}

/** The active warnings (of one cadre; only the open ones), red first, then as first seen. */
export function activeWarnings(tx: Tx, cadreId: string | null, openOnly: boolean): Promise<StoredWarningRow[]> {
  return rows<StoredWarningRow>(tx, sql`
        select id, rule, colour, subject_type, cadre_id, team_id, status, explanation, evidence, until from warning
        where active ${cadreId ? sql`and cadre_id = ${cadreId}` : sql``} ${openOnly ? sql`and status in ('new','read')` : sql``}
        order by case colour when 'red' then 0 when 'yellow' then 1 else 2 end, first_seen_at, id`);
}

export interface StoredObligationRow {
  type: ObligationFinding['type']; subject_type: ObligationFinding['subjectType']; cadre_id: string | null; team_id: string | null; convener_id: string | null;
  title: string; triggered_on: string; due_on: string; done_on: string | null; done_by: string | null; evidence: string[] | string; identity: string;
}

/** The active obligations, by due day. */
export function activeObligations(tx: Tx): Promise<StoredObligationRow[]> {
  return rows<StoredObligationRow>(tx, sql`
        select type, subject_type, cadre_id, team_id, convener_id, title, triggered_on, due_on, done_on, done_by, evidence, identity
        from obligation where active order by due_on, id`);
}
