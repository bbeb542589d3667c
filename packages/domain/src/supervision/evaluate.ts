/**
 * Evaluating one subject (PRODUCT §5): its obligations, the warnings its rules raise, and the next day on
 * which time alone could change the result. Pure functions of (facts, settings, asOf).
 */
import { effectiveEntries } from './facts.ts';
import { jointMeetingObligations, meetingTaskObligations, researchObligations, talkObligations, trainingObligations } from './obligations.ts';
import { Horizon, type RuleContext } from './support.ts';
import type { CadreFacts, ConvenerFacts, FactEntry, FactTenure, ObligationFinding, RuleSettings, TeamFacts, WarningFinding } from './types.ts';
import {
  impactRunningRule, inChargeViolation, longTenure, multiSource, personalReport, petitionCluster, travelFiling,
} from './warnings-cadre.ts';
import {
  assessmentLow, auditIssue, decisionProcedure, inspectionRectification, obligationOverdue, reviewLow,
} from './warnings-shared.ts';

export interface Evaluation {
  warnings: WarningFinding[];
  obligations: ObligationFinding[];
  /** The earliest day after asOf on which re-evaluating the same facts could give another result, or null. */
  nextReview: string | null;
}

type Rule = (ctx: RuleContext, obligations: readonly ObligationFinding[]) => WarningFinding[];

/** The cadre's rules, in the catalog's order. */
const CADRE_RULES: ReadonlyArray<[string, Rule]> = [
  ['petition_cluster', petitionCluster],
  ['assessment_low', assessmentLow],
  ['personal_report', personalReport],
  ['audit_issue', auditIssue],
  ['inspection_rectification', inspectionRectification],
  ['impact_running', impactRunningRule],
  ['in_charge_violation', inChargeViolation],
  ['travel_filing', travelFiling],
  ['obligation_overdue', obligationOverdue],
  ['long_tenure', longTenure],
  ['review_low', reviewLow],
  ['multi_source', multiSource],
];

const TEAM_RULES: ReadonlyArray<[string, Rule]> = [
  ['assessment_low', assessmentLow],
  ['audit_issue', auditIssue],
  ['inspection_rectification', inspectionRectification],
  ['decision_procedure', decisionProcedure],
  ['obligation_overdue', obligationOverdue],
  ['review_low', reviewLow],
];

/** Facts dated after asOf become visible on their day; a tenure also changes on its end. */
function watchFuture(horizon: Horizon, entries: readonly FactEntry[], tenures: readonly FactTenure[]): void {
  for (const e of entries) if (e.status === 'accepted') horizon.at(e.occurredOn);
  for (const t of tenures) {
    horizon.at(t.startDate);
    horizon.at(t.endDate);
  }
}

/** The obligations the rules look at: those closed by hand (办结, `type:key`) raise nothing. */
function open(obligations: ObligationFinding[], closed: readonly string[] | undefined): ObligationFinding[] {
  if (!closed?.length) return obligations;
  const set = new Set(closed);
  return obligations.filter((o) => !set.has(`${o.type}:${o.key}`));
}

function runRules(rules: ReadonlyArray<[string, Rule]>, ctx: RuleContext, obligations: readonly ObligationFinding[]): WarningFinding[] {
  const out: WarningFinding[] = [];
  for (const [code, rule] of rules) {
    if (ctx.s.disabledRules.includes(code)) continue;
    out.push(...rule(ctx, obligations));
  }
  return out;
}

export function evaluateCadre(f: CadreFacts, s: RuleSettings, asOf: string): Evaluation {
  const horizon = new Horizon(asOf);
  watchFuture(horizon, f.entries, f.tenures);
  const { effective } = effectiveEntries(f.entries, asOf);
  const tenures = f.tenures.filter((t) => t.startDate <= asOf);
  const obligations = [
    ...talkObligations(f.cadre.id, tenures, effective, s, asOf, horizon, f.talkFollowups),
    ...trainingObligations(f.cadre.id, tenures, effective, s, asOf, horizon),
    ...meetingTaskObligations('cadre', f.cadre.id, f.meetingTasks ?? [], horizon),
  ];
  const ctx: RuleContext = { subjectType: 'cadre', subjectId: f.cadre.id, entries: effective, tenures, s, asOf, horizon };
  const warnings = runRules(CADRE_RULES, ctx, open(obligations, f.closedObligations));
  return { warnings, obligations, nextReview: horizon.next };
}

export function evaluateTeam(f: TeamFacts, s: RuleSettings, asOf: string): Evaluation {
  const horizon = new Horizon(asOf);
  watchFuture(horizon, f.entries, f.tenures);
  const { effective } = effectiveEntries(f.entries, asOf);
  const tenures = f.tenures.filter((t) => t.startDate <= asOf);
  const obligations = [
    ...researchObligations(f.team.id, f.team.name, tenures, effective, s, asOf, horizon),
    ...meetingTaskObligations('team', f.team.id, f.meetingTasks ?? [], horizon),
  ];
  const ctx: RuleContext = { subjectType: 'team', subjectId: f.team.id, entries: effective, tenures, s, asOf, horizon };
  const warnings = runRules(TEAM_RULES, ctx, open(obligations, f.closedObligations));
  return { warnings, obligations, nextReview: horizon.next };
}

export function evaluateConvener(f: ConvenerFacts, s: RuleSettings, asOf: string): { obligations: ObligationFinding[]; nextReview: string | null } {
  const horizon = new Horizon(asOf);
  for (const m of f.meetings) horizon.at(m.heldOn);
  horizon.at(s.obligationsStartOn);
  const obligations = jointMeetingObligations(f, s, asOf, horizon);
  return { obligations, nextReview: horizon.next };
}
