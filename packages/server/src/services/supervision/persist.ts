/**
 * Writes an evaluation's findings: a finding whose identity exists updates that warning (keeping its status
 * and history), a new one is inserted, and an active warning of an evaluated subject that was not found
 * again turns inactive ('cleared'). Obligations likewise. Every statement is set-based (jsonb_to_recordset),
 * so a batch of a thousand subjects costs a handful of round trips.
 */
import { sql } from 'drizzle-orm';
import type { Colour, ObligationFinding, WarningFinding } from '@jiandu/domain';
import { rows, type Tx } from '../../db/client.ts';

export interface PlacedWarning { f: WarningFinding; orgId: string }
export interface PlacedObligation { o: ObligationFinding; orgId: string }
export interface Evaluated {
  cadreIds: string[];
  teamIds: string[];
  convenerIds: string[];
  warnings: PlacedWarning[];
  obligations: PlacedObligation[];
  reviews: Array<{ subjectType: string; subjectId: string; next: string | null }>;
}

export const warningIdentity = (f: Pick<WarningFinding, 'rule' | 'subjectType' | 'subjectId' | 'key'>) => `${f.rule}|${f.subjectType}|${f.subjectId}|${f.key}`;
export const obligationIdentity = (o: Pick<ObligationFinding, 'type' | 'subjectType' | 'subjectId' | 'key'>) => `${o.type}|${o.subjectType}|${o.subjectId}|${o.key}`;

const RANK: Record<Colour, number> = { blue: 1, yellow: 2, red: 3 };
const param = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;
const uuids = (list: readonly string[]) => sql`${sql.param([...list])}::uuid[]`;

interface Existing {
  id: string; identity: string; colour: Colour; explanation: string; evidence: string[] | string; until: string | null;
  active: boolean; status: string;
}

function sameEvidence(a: string[] | string, b: readonly string[]): boolean {
  const list = Array.isArray(a) ? a : a.replace(/^\{|\}$/gu, '').split(',').filter(Boolean);
  return list.length === b.length && list.every((x, i) => x === b[i]);
}

/** Returns how many warnings were raised, changed or cleared. */
export async function persistWarnings(tx: Tx, ev: Evaluated, at: Date, actorLogin: string | null): Promise<number> {
  // Two index lookups joined to the subjects (an OR of the two would scan the whole table).
  const existing = await rows<Existing>(tx, sql`
    select w.id, w.identity, w.colour, w.explanation, w.evidence, w.until, w.active, w.status
    from unnest(${uuids(ev.cadreIds)}) as s(id) join warning w on w.cadre_id = s.id
    union all
    select w.id, w.identity, w.colour, w.explanation, w.evidence, w.until, w.active, w.status
    from unnest(${uuids(ev.teamIds)}) as s(id) join warning w on w.team_id = s.id and w.subject_type = 'team'`);
  const byIdentity = new Map(existing.map((w) => [w.identity, w]));
  const seen = new Set<string>();
  const inserts: Array<Record<string, unknown>> = [];
  const updates: Array<Record<string, unknown>> = [];
  for (const { f, orgId } of ev.warnings) {
    const identity = warningIdentity(f);
    if (seen.has(identity)) continue;
    seen.add(identity);
    const old = byIdentity.get(identity);
    if (!old) {
      inserts.push({
        identity, rule: f.rule, colour: f.colour, subject_type: f.subjectType, cadre_id: f.subjectType === 'cadre' ? f.subjectId : null,
        team_id: f.subjectType === 'team' ? f.subjectId : null, org_id: orgId, evidence: `{${f.evidence.join(',')}}`,
        explanation: f.explanation, until: f.until,
      });
      continue;
    }
    const changed = !old.active || old.colour !== f.colour || old.explanation !== f.explanation || (old.until ?? null) !== f.until || !sameEvidence(old.evidence, f.evidence);
    if (!changed) continue;
    // Back after being cleared, or more serious than before: it needs looking at again.
    const reopen = (!old.active || RANK[f.colour] > RANK[old.colour]) && old.status !== 'new';
    updates.push({
      id: old.id, colour: f.colour, explanation: f.explanation, until: f.until, evidence: `{${f.evidence.join(',')}}`, org_id: orgId,
      reopen, action: !old.active ? 'reraised' : 'changed',
    });
  }
  const cleared = existing.filter((w) => w.active && !seen.has(w.identity)).map((w) => w.id);
  const now = at.toISOString();
  if (inserts.length) {
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
  if (updates.length) {
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
  if (cleared.length) {
    await tx.execute(sql`
      with upd as (
        update warning set active = false, last_changed_at = ${now}::timestamptz where id = any(${uuids(cleared)})
        returning id, colour, status)
      insert into warning_event (warning_id, at, action, colour, status, by_login)
      select id, ${now}::timestamptz, 'cleared', colour, status, ${actorLogin} from upd`);
  }
  return inserts.length + updates.length + cleared.length;
}

export async function persistObligations(tx: Tx, ev: Evaluated, at: Date): Promise<void> {
  const now = at.toISOString();
  const list = new Map<string, Record<string, unknown>>();
  for (const { o, orgId } of ev.obligations) {
    list.set(obligationIdentity(o), {
      identity: obligationIdentity(o), type: o.type, subject_type: o.subjectType,
      cadre_id: o.subjectType === 'cadre' ? o.subjectId : null, team_id: o.subjectType === 'team' ? o.subjectId : null,
      convener_id: o.subjectType === 'convener' ? o.subjectId : null, org_id: orgId, title: o.title,
      triggered_on: o.triggeredOn, due_on: o.dueOn, done_on: o.doneOn, done_by: o.doneBy, evidence: `{${o.evidence.join(',')}}`,
    });
  }
  const items = [...list.values()];
  if (items.length) {
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
  // Obligations of the evaluated subjects that the facts no longer raise (e.g. a 信访 found 失实).
  const keep = items.map((i) => i.identity as string);
  const keepSet = sql`${sql.param(keep)}::text[]`;
  for (const [column, list] of [['cadre_id', ev.cadreIds], ['team_id', ev.teamIds], ['convener_id', ev.convenerIds]] as const) {
    if (!list.length) continue;
    await tx.execute(sql`
      update obligation b set active = false, updated_at = ${now}::timestamptz
      from unnest(${uuids(list)}) as s(id)
      where b.${sql.identifier(column)} = s.id and b.active and not (b.identity = any(${keepSet}))`);
  }
}

export async function persistReviews(tx: Tx, ev: Evaluated, at: Date): Promise<void> {
  if (!ev.reviews.length) return;
  await tx.execute(sql`
    insert into rule_subject (subject_type, subject_id, evaluated_at, next_review)
    select subject_type, subject_id, ${at.toISOString()}::timestamptz, next_review
    from jsonb_to_recordset(${param(ev.reviews.map((r) => ({ subject_type: r.subjectType, subject_id: r.subjectId, next_review: r.next })))})
      as x(subject_type text, subject_id uuid, next_review date)
    on conflict (subject_type, subject_id) do update set evaluated_at = excluded.evaluated_at, next_review = excluded.next_review`);
}
