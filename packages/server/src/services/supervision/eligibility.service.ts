/**
 * 凡提必查 / 任前廉政意见: a cadre's eligibility now (or as of a day), with every reason and its evidence.
 * Always computed from the facts on the spot (never a stored answer), with the cadre's open red warnings;
 * a sensitive read, audited.
 */
import { eligibility, evaluateCadre, fieldPolicyOf, type CadreFacts, type FieldPolicy, type EligibilityView, type RuleSettings, type WarningFinding } from '@jiandu/domain';
import type { FieldCrypto } from '../../crypto/keys.ts';
import type { Tx } from '../../db/client.ts';
import { buildEligibilityOpinion } from '../../exports/eligibility-docx.ts';
import type { Exporter } from '../../exports/format.ts';
import { recordAudit } from '../../repositories/audit.repository.ts';
import { findCadreInScope } from '../../repositories/cadres.repository.ts';
import { closedWarningIdentities } from '../../repositories/findings.repository.ts';
import { loadCadreFacts } from '../../repositories/rules-facts.repository.ts';
import { titleAsOf } from '../../repositories/supervision.repository.ts';
import { todayOf, type Actor, type Scope } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { DOCX_TYPE, type ExportFile } from '../exports.service.ts';
import { warningIdentity } from './persist.ts';
import { loadRuleSettings } from './settings.ts';
import { evidenceViews, type RulesDeps } from './warnings.service.ts';

type OpenWarning = Pick<WarningFinding, 'rule' | 'colour' | 'explanation' | 'evidence' | 'until'>;

/**
 * The cadre's warnings as of `asOf` (computed, so a past day gives that day's warnings) that nobody has
 * handled or dismissed (已处置 / 已排除 are read from the stored warnings by identity).
 */
export async function openWarningsAsOf(tx: Tx, facts: CadreFacts, s: RuleSettings, asOf: string): Promise<OpenWarning[]> {
  const closed = await closedWarningIdentities(tx, facts.cadre.id);
  return evaluateCadre(facts, s, asOf).warnings.filter((w) => !closed.has(warningIdentity(w)));
}

/** The verdict alone (no evidence read): the cadre's facts, the settings, the open warnings, the rules. The caller checks scope. */
export async function verdictOf(tx: Tx, cadreId: string, asOf: string): Promise<ReturnType<typeof eligibility>> {
  const [facts] = await loadCadreFacts(tx, [cadreId]);
  const s = await loadRuleSettings(tx);
  return eligibility(facts!, s, asOf, await openWarningsAsOf(tx, facts!, s, asOf));
}

/** The opinion for one cadre in the actor's scope (404 outside it). `asOf` defaults to today. */
export async function computeEligibility(tx: Tx, crypto: FieldCrypto, scope: Scope | null, policy: FieldPolicy, cadreId: string, asOf: string): Promise<EligibilityView & { idNumberMasked: string | null }> {
  const found = await findCadreInScope(tx, cadreId, scope);
  if (!found) throw notFound('干部');
  const e = await verdictOf(tx, cadreId, asOf);
  // Every entry the opinion cites, read once.
  const cited = [...new Set([...e.reasons.flatMap((r) => r.evidence), ...e.discounted.map((d) => d.entryId)])];
  const views = new Map((await evidenceViews(tx, crypto, cited, scope, policy)).map((v) => [v.entryId, v]));
  const reasons = e.reasons.map((r) => ({ ...r, evidence: r.evidence.map((id) => views.get(id)!) }));
  const discounted = e.discounted.map((d) => ({ ...d, evidence: views.get(d.entryId) ?? null }));
  return {
    cadre: { id: cadreId, name: found.cadre.name, orgName: found.orgName, title: await titleAsOf(tx, cadreId, asOf) },
    asOf, result: e.result, reasons, discounted, idNumberMasked: found.cadre.idNumberMasked,
  };
}

export async function getEligibility(deps: RulesDeps, actor: Actor, cadreId: string): Promise<EligibilityView> {
  return deps.db.tx(async (tx) => {
    const { idNumberMasked: _m, ...view } = await computeEligibility(tx, deps.crypto, actor.scope, fieldPolicyOf(actor), cadreId, todayOf(deps.clock));
    await recordAudit(tx, actor, { action: 'eligibility.read', objectType: 'cadre', objectId: cadreId, details: { result: view.result, reasons: view.reasons.length } }, deps.clock);
    return view;
  });
}

export async function eligibilityDocx(deps: RulesDeps, actor: Actor, who: string, issuer: string, cadreId: string): Promise<ExportFile> {
  const exporter: Exporter = { who, at: deps.clock.now() };
  const v = await deps.db.tx(async (tx) => {
    const view = await computeEligibility(tx, deps.crypto, actor.scope, fieldPolicyOf(actor), cadreId, todayOf(deps.clock));
    await recordAudit(tx, actor, { action: 'export.eligibility', objectType: 'cadre', objectId: cadreId, details: { result: view.result } }, deps.clock);
    return view;
  });
  const ev = (x: { kindName: string; occurredOn: string; summary: string }) => ({ kindName: x.kindName, occurredOn: x.occurredOn, summary: x.summary });
  const body = await buildEligibilityOpinion({
    cadre: { name: v.cadre.name, orgName: v.cadre.orgName, title: v.cadre.title, idNumberMasked: v.idNumberMasked },
    asOf: v.asOf, result: v.result,
    reasons: v.reasons.map((r) => ({ rule: r.rule, verdict: r.verdict, explanation: r.explanation, until: r.until, evidence: r.evidence.map(ev) })),
    discounted: v.discounted.map((d) => ({ why: d.why, evidence: d.evidence ? ev(d.evidence) : null })),
    issuer, exporter,
  });
  return { fileName: `任前廉政意见_${v.cadre.name}_${v.asOf}.docx`, contentType: DOCX_TYPE, rows: 1, body };
}
