/**
 * Evaluating subjects: load their facts, run the pure rules (packages/domain/src/supervision), write the
 * findings. Used in the request that changes a subject's facts (incremental), by the full re-evaluation job,
 * by the daily sweep of subjects whose results change with time alone, and — without writing — by the CLI's
 * `--as-of`.
 */
import { evaluateCadre, evaluateConvener, evaluateTeam, type RuleSettings } from '@jiandu/domain';
import type { Tx } from '../../db/client.ts';
import { loadCadreFacts, loadConvenerFacts, loadTeamFacts, subjectsOfBatch } from '../../repositories/rules-facts.repository.ts';
import { lookupPlans } from '../../repositories/supervision.repository.ts';
import { todayOf, type Clock } from '../../context.ts';
import { persistObligations, persistReviews, persistWarnings, type Evaluated } from './persist.ts';
import { loadRuleSettings } from './settings.ts';

export interface SubjectSet {
  cadreIds?: readonly (string | null | undefined)[];
  teamIds?: readonly (string | null | undefined)[];
  convenerIds?: readonly (string | null | undefined)[];
}

const clean = (list: SubjectSet['cadreIds']) => [...new Set((list ?? []).filter((x): x is string => !!x))];

/** A review day is always after the evaluation day (so the sweep can never loop on one subject). */
function nextAfter(next: string | null, asOf: string): string | null {
  if (next === null || next > asOf) return next;
  const d = new Date(`${asOf}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Runs the rules over the subjects' facts as of `asOf`, writing nothing. */
export async function computeSubjects(tx: Tx, set: SubjectSet, s: RuleSettings, asOf: string): Promise<Evaluated> {
  await lookupPlans(tx);
  const ev: Evaluated = { cadreIds: clean(set.cadreIds), teamIds: clean(set.teamIds), convenerIds: clean(set.convenerIds), warnings: [], obligations: [], reviews: [] };
  for (const f of await loadCadreFacts(tx, ev.cadreIds)) {
    const r = evaluateCadre(f, s, asOf);
    for (const w of r.warnings) ev.warnings.push({ f: w, orgId: f.cadre.orgId });
    for (const o of r.obligations) ev.obligations.push({ o, orgId: f.cadre.orgId });
    ev.reviews.push({ subjectType: 'cadre', subjectId: f.cadre.id, next: nextAfter(r.nextReview, asOf) });
  }
  for (const f of await loadTeamFacts(tx, ev.teamIds)) {
    const r = evaluateTeam(f, s, asOf);
    for (const w of r.warnings) ev.warnings.push({ f: w, orgId: f.team.orgId });
    for (const o of r.obligations) ev.obligations.push({ o, orgId: f.team.orgId });
    ev.reviews.push({ subjectType: 'team', subjectId: f.team.id, next: nextAfter(r.nextReview, asOf) });
  }
  for (const f of await loadConvenerFacts(tx, ev.convenerIds)) {
    const r = evaluateConvener(f, s, asOf);
    for (const o of r.obligations) ev.obligations.push({ o, orgId: f.convener.id });
    ev.reviews.push({ subjectType: 'convener', subjectId: f.convener.id, next: nextAfter(r.nextReview, asOf) });
  }
  return ev;
}

/** Evaluates and writes; returns how many warnings were raised, changed or cleared. */
export async function evaluateSubjects(tx: Tx, set: SubjectSet, s: RuleSettings, asOf: string, at: Date, actorLogin: string | null): Promise<number> {
  const ev = await computeSubjects(tx, set, s, asOf);
  if (!ev.cadreIds.length && !ev.teamIds.length && !ev.convenerIds.length) return 0;
  const changed = await persistWarnings(tx, ev, at, actorLogin);
  await persistObligations(tx, ev, at);
  await persistReviews(tx, ev, at);
  return changed;
}

/**
 * The incremental re-evaluation: every write that changes a subject's facts calls this in its own
 * transaction, so warnings and 待办 are never behind the ledger.
 */
export async function reevaluate(tx: Tx, clock: Clock, set: SubjectSet, actorLogin: string | null = null): Promise<number> {
  const s = await loadRuleSettings(tx);
  return evaluateSubjects(tx, set, s, todayOf(clock), clock.now(), actorLogin);
}

/** After an import's commit: its subjects, a thousand at a time, in the commit's transaction. */
export async function reevaluateBatch(tx: Tx, clock: Clock, batchId: string, actorLogin: string | null): Promise<number> {
  const { cadreIds, teamIds } = await subjectsOfBatch(tx, batchId);
  const s = await loadRuleSettings(tx);
  let changed = 0;
  for (let i = 0; i < Math.max(cadreIds.length, teamIds.length); i += 1000) {
    changed += await evaluateSubjects(tx, { cadreIds: cadreIds.slice(i, i + 1000), teamIds: teamIds.slice(i, i + 1000) }, s, todayOf(clock), clock.now(), actorLogin);
  }
  return changed;
}
