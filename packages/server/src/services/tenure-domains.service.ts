/**
 * 分工调整: a team member's 分管领域 change without ending the tenure. Each change is dated (in force from its
 * effective date), append-only, audited, and re-evaluates the cadre and the team in the same transaction
 * (分管违规 reads the 分工 in force on the day: domain/supervision/domains.ts).
 */
import { domainsOn, type TenureDomainHistory, type TenureDomainsBody } from '@jiandu/domain';
import type { Database } from '../db/client.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as cadres from '../repositories/cadres.repository.ts';
import { teamInScope } from '../repositories/orgs.repository.ts';
import * as domainsRepo from '../repositories/tenure-domains.repository.ts';
import type { Tx } from '../db/client.ts';
import { todayOf, type Actor, type Clock } from '../context.ts';
import { ServiceError, notFound } from '../errors.ts';
import { reevaluate } from './supervision/evaluate.ts';

export interface TenureDomainsDeps {
  db: Database;
  clock: Clock;
}

const bad = (path: string, message: string) => new ServiceError('invalid', message, 'invalid', [{ path, message }]);

/** The tenure if its cadre is in the actor's jurisdiction and managed by it (and, to change it, its team too). */
async function tenureInScope(tx: Tx, actor: Actor, tenureId: string, forWrite: boolean) {
  const t = await cadres.findTenure(tx, tenureId);
  if (!t || !(await cadres.findCadreInScope(tx, t.cadreId, actor.scope))) throw notFound('任职');
  if (forWrite && !(await teamInScope(tx, t.teamId, actor.scope))) throw notFound('任职');
  return t;
}

async function historyOf(tx: Tx, t: NonNullable<Awaited<ReturnType<typeof cadres.findTenure>>>, today: string): Promise<TenureDomainHistory> {
  const changes = await domainsRepo.domainChangesOf(tx, t.id);
  const now = domainsOn({ domains: t.domains, domainChanges: changes.map((c) => ({ from: c.effectiveDate, domains: c.domains })) }, today);
  return {
    tenureId: t.id, startDate: t.startDate, endDate: t.endDate, initial: t.domains, changes,
    current: [...now.domains], currentSince: now.since,
  };
}

export async function tenureDomainHistory(deps: TenureDomainsDeps, actor: Actor, tenureId: string): Promise<TenureDomainHistory> {
  return deps.db.tx(async (tx) => historyOf(tx, await tenureInScope(tx, actor, tenureId, false), todayOf(deps.clock)));
}

export async function changeTenureDomains(deps: TenureDomainsDeps, actor: Actor, tenureId: string, input: TenureDomainsBody): Promise<TenureDomainHistory> {
  const today = todayOf(deps.clock);
  const domains = [...new Set(input.domains.map((d) => d.normalize('NFKC').trim()))];
  const reason = input.reason?.trim() || null;
  if (input.effectiveDate > today) throw bad('effectiveDate', '生效日期不能晚于今天');
  return deps.db.tx(async (tx) => {
    const t = await tenureInScope(tx, actor, tenureId, true);
    if (input.effectiveDate < t.startDate) throw bad('effectiveDate', `生效日期不能早于任职开始日期（${t.startDate}）`);
    if (t.endDate && input.effectiveDate > t.endDate) throw bad('effectiveDate', `生效日期不能晚于任职结束日期（${t.endDate}）`);
    const before = await historyOf(tx, t, input.effectiveDate);
    if (before.current.length === domains.length && before.current.every((d) => domains.includes(d))) {
      throw bad('domains', `与${input.effectiveDate}时的分工相同，无需调整`);
    }
    const id = await domainsRepo.insertDomainChange(tx, {
      tenureId, domains, effectiveDate: input.effectiveDate, reason, createdBy: actor.userId, createdByLogin: actor.login,
    });
    await recordAudit(tx, actor, {
      action: 'tenure.domains', objectType: 'tenure', objectId: tenureId, reason,
      details: { changeId: id, cadreId: t.cadreId, teamId: t.teamId, effectiveDate: input.effectiveDate, from: before.current.join('、'), to: domains.join('、') },
    }, deps.clock);
    await reevaluate(tx, deps.clock, { cadreIds: [t.cadreId], teamIds: [t.teamId] }, actor.login);
    return historyOf(tx, t, today);
  });
}
