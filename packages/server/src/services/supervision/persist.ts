/**
 * Writes an evaluation's findings: a finding whose identity exists updates that warning (keeping its status
 * and history), a new one is inserted, and an active warning of an evaluated subject that was not found
 * again turns inactive ('cleared'). Obligations likewise. The statements (set-based: a batch of a thousand
 * subjects costs a handful of round trips) are in repositories/findings.repository.ts.
 */
import type { Colour, ObligationFinding, WarningFinding } from '@jiandu/domain';
import type { Tx } from '../../db/client.ts';
import * as repo from '../../repositories/findings.repository.ts';
import { setDefaultResponsible } from '../../repositories/obligation-actions.repository.ts';

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

function sameEvidence(a: string[] | string, b: readonly string[]): boolean {
  const list = Array.isArray(a) ? a : a.replace(/^\{|\}$/gu, '').split(',').filter(Boolean);
  return list.length === b.length && list.every((x, i) => x === b[i]);
}

/** Returns how many warnings were raised, changed or cleared. */
export async function persistWarnings(tx: Tx, ev: Evaluated, at: Date, actorLogin: string | null): Promise<number> {
  const existing = await repo.subjectWarnings(tx, ev.cadreIds, ev.teamIds);
  const byIdentity = new Map(existing.map((w) => [w.identity, w]));
  const seen = new Set<string>();
  const inserts: repo.WarningInsert[] = [];
  const updates: repo.WarningUpdate[] = [];
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
  if (inserts.length) await repo.insertWarnings(tx, inserts, now, actorLogin);
  if (updates.length) await repo.updateWarnings(tx, updates, now, actorLogin);
  if (cleared.length) await repo.clearWarnings(tx, cleared, now, actorLogin);
  return inserts.length + updates.length + cleared.length;
}

export async function persistObligations(tx: Tx, ev: Evaluated, at: Date): Promise<void> {
  const now = at.toISOString();
  const list = new Map<string, repo.ObligationUpsert>();
  for (const { o, orgId } of ev.obligations) {
    list.set(obligationIdentity(o), {
      identity: obligationIdentity(o), type: o.type, subject_type: o.subjectType,
      cadre_id: o.subjectType === 'cadre' ? o.subjectId : null, team_id: o.subjectType === 'team' ? o.subjectId : null,
      convener_id: o.subjectType === 'convener' ? o.subjectId : null, org_id: orgId, title: o.title,
      triggered_on: o.triggeredOn, due_on: o.dueOn, done_on: o.doneOn, done_by: o.doneBy, evidence: `{${o.evidence.join(',')}}`,
    });
  }
  const items = [...list.values()];
  if (items.length) await repo.upsertObligations(tx, items, now);
  // Who answers for them (unless 分派 by hand): the upsert never touches responsible / assigned / closed.
  if (items.length) await setDefaultResponsible(tx, items.map((i) => i.identity));
  // Obligations of the evaluated subjects that the facts no longer raise (e.g. a 信访 found 失实).
  const keep = items.map((i) => i.identity);
  for (const [column, list] of [['cadre_id', ev.cadreIds], ['team_id', ev.teamIds], ['convener_id', ev.convenerIds]] as const) {
    if (!list.length) continue;
    await repo.deactivateObligations(tx, column, list, keep, now);
  }
}

export async function persistReviews(tx: Tx, ev: Evaluated, at: Date): Promise<void> {
  if (!ev.reviews.length) return;
  await repo.upsertReviews(tx, ev.reviews, at);
}
